import ArchitectureRules
import Foundation
import Testing

/// A copy of this package with a context importing another: the real check (dump-package and import lines)
/// and the commerce-devtools binary behind `swift package check-boundaries` both catch it.
@Suite(.serialized) struct PlantedViolationTests {
    static func plantedCopy() throws -> (URL, String) {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("commerce-planted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for item in ["Package.swift", "Sources", "Tests", "Plugins", "openapi.yaml"] {
            try FileManager.default.copyItem(
                at: BoundaryTests.packageRoot.appendingPathComponent(item), to: copy.appendingPathComponent(item))
        }
        let file = "Sources/Contexts/Order/UseCases/PlaceOrder.swift"
        let url = copy.appendingPathComponent(file)
        try ("import Product\n" + String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        return (copy, file)
    }

    @Test func theRealCheckCatchesAContextImportingAnother() throws {
        let (copy, file) = try Self.plantedCopy()
        defer { try? FileManager.default.removeItem(at: copy) }
        let violations = try BoundaryRules().check(packageRoot: copy)
        #expect(violations.map(\.description) == ["\(file):1: error: context Order imports Product; a context may import Kernel only"])
    }

    @Test func theToolBehindThePluginExitsNonZeroNamingTheLine() throws {
        let tool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("commerce-devtools")
        try #require(FileManager.default.isExecutableFile(atPath: tool.path), "build commerce-devtools first")
        let (copy, file) = try Self.plantedCopy()
        defer { try? FileManager.default.removeItem(at: copy) }
        let process = Process()
        process.executableURL = tool
        process.arguments = ["check-boundaries", "--package", copy.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(text.contains("\(file):1: error: context Order imports Product"), "\(text)")
    }
}
