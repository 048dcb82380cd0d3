import App
import Foundation
import Kernel
import Synchronization
import TestSupport
import Testing

@testable import Console

/// Every file in `scenarios/` passes; every script in `Rejected/` fails, with a report naming its line.
@Suite struct ScenarioTests {
    static let scenarios: [String] = {
        let folder = packageRoot.appendingPathComponent("scenarios")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".scn") }.sorted().map { folder.appendingPathComponent($0).path }
    }()

    static var rejectedFolder: URL {
        Bundle.module.resourceURL?.appendingPathComponent("Rejected") ?? packageRoot.appendingPathComponent("Tests/ConsoleTests/Rejected")
    }

    @Test func thereAreScenarios() {
        #expect(Self.scenarios.count >= 9)
    }

    @Test(arguments: scenarios)
    func scenarioPasses(path: String) async throws {
        let c = try await Captured()
        let passed = await c.session.runScripts([path], step: false, verbose: false)
        #expect(passed, "\(c.text)")
        #expect(c.output.last?.hasPrefix("passed: \(path)") == true)
    }

    @Test(
        arguments: [
            ("false-expect.scn", 4, "failed: expected product 1 stock=4, but it is 3", "A false expectation"),
            ("negation-succeeds.scn", 2, "failed: expected the command to fail, but it succeeded", nil),
            (
                "unknown-code.scn", 2,
                "error: INVALID_ARGUMENT: '=> CODE' must end the line with one of the codes: INVALID_ARGUMENT, PRODUCT_NOT_FOUND", nil
            ),
            ("quit-skips-checks.scn", 3, "quit stops the script here, leaving 1 later command(s) unchecked", nil),
            ("wrong-code.scn", 2, "failed: expected INSUFFICIENT_BALANCE, got OUT_OF_STOCK (상품 재고 부족)", nil),
            ("unknown-command.scn", 2, "error: INVALID_ARGUMENT: unknown command 'product ad'", nil),
            ("unterminated-quote.scn", 1, "error: INVALID_ARGUMENT: unterminated quote", nil),
            ("unknown-binding.scn", 1, "error: INVALID_ARGUMENT: unknown $missing", nil),
            ("malformed-number.scn", 1, "error: INVALID_ARGUMENT: amount must be a whole number", nil),
            ("unknown-key.scn", 1, "error: INVALID_ARGUMENT: point charge: unknown key 'amont='", nil),
            ("nested-failure.scn", 2, "failed: ", "Runs a script that fails"),
        ] as [(String, Int, String, String?)])
    func rejectedScriptFails(file: String, line: Int, message: String, phase: String?) async throws {
        let c = try await Captured()
        let path = Self.rejectedFolder.appendingPathComponent(file).path
        #expect(!(await c.session.runScripts([path], step: false, verbose: false)))
        let report = try #require(c.output.first { $0.hasPrefix("\(path):\(line): ") }, "\(c.text)")
        #expect(report.hasPrefix("\(path):\(line): \(message)"), "\(report)")
        if let phase { #expect(c.output.contains("    phase: \(phase)")) }
        #expect(c.output.contains { $0.hasPrefix("    line:  ") })
    }

    @Test func runInsideAScriptResolvesAgainstThatScriptsFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("commerce-scn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("inner"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "product add Pen price=1 stock=1 as pen\nrun inner/child.scn\nexpect product $pen stock=2\n"
            .write(to: folder.appendingPathComponent("parent.scn"), atomically: true, encoding: .utf8)
        try "product restock $pen qty=1\n".write(to: folder.appendingPathComponent("inner/child.scn"), atomically: true, encoding: .utf8)
        try "run loop.scn\n".write(to: folder.appendingPathComponent("loop.scn"), atomically: true, encoding: .utf8)
        let c = try await Captured()
        #expect(await c.session.runScripts([folder.appendingPathComponent("parent.scn").path], step: false, verbose: false), "\(c.text)")
        let loop = try await Captured()
        #expect(!(await loop.session.runScripts([folder.appendingPathComponent("loop.scn").path], step: false, verbose: false)))
        #expect(loop.text.contains("scripts nest more than 16 deep"))
    }

    @Test func stepModePausesAndShowsTheMessagesEachLineCauses() async throws {
        final class Answers: LineReader {
            let answers: Mutex<[String]>
            init(_ answers: [String]) { self.answers = Mutex(answers) }
            func readLine(prompt: String) -> String? { answers.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
        }
        let app = try await testApp()
        let lines = Mutex<[String]>([])
        let session = ConsoleSession(
            app: app, terminal: Terminal { line in lines.withLock { $0.append(line) } },
            prompter: Answers(["", "", "", "c"]))
        let path = packageRoot.appendingPathComponent("scenarios/01-order-and-pay.scn").path
        #expect(await session.runScripts([path], step: true, verbose: false))
        let output = lines.withLock { $0 }
        #expect(output.filter { $0.hasPrefix("step: ") }.count == 4, "three pauses answered with Enter, then c")
        #expect(output.contains("step: phase Setup: a product, some points, a coupon"))
        #expect(output.contains("  1. User->>Order: 주문 요청"), "the messages of each line are shown")
        #expect(app.tracer.isOn, "the script's own 'trace on' stays")
    }

    @Test func stepModeCanStop() async throws {
        struct Quit: LineReader { func readLine(prompt: String) -> String? { "q" } }
        let app = try await testApp()
        let session = ConsoleSession(app: app, terminal: Terminal { _ in }, prompter: Quit())
        let path = packageRoot.appendingPathComponent("scenarios/01-order-and-pay.scn").path
        #expect(await session.runScripts([path], step: true, verbose: false))
        #expect(try await app.products.list().isEmpty, "nothing ran")
    }

    /// Every command of the table is used by at least one scenario, so the scenarios show the whole language.
    @Test func theScenariosUseEveryCommand() throws {
        let text = try Self.scenarios.map { try String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0.hasPrefix("!") ? String($0.dropFirst()).trimmingCharacters(in: .whitespaces) : $0 }
        let unused = CommandTable.all.filter { spec in !lines.contains { $0 == spec.name || $0.hasPrefix(spec.name + " ") } }
        #expect(unused.isEmpty, "\(unused.map(\.name))")
    }
}
