import ArchitectureRules
import Foundation

// `swift package check-boundaries` runs this: it needs the boundary rules alone, so a fresh clone checks its
// architecture without building the application first. Usage: commerce-boundaries [--package PATH]
let arguments = Array(CommandLine.arguments.dropFirst())
var root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
if let index = arguments.firstIndex(of: "--package"), index + 1 < arguments.count {
    root = URL(fileURLWithPath: arguments[index + 1])
} else if !arguments.isEmpty {
    FileHandle.standardError.write(Data("usage: commerce-boundaries [--package PATH]\n".utf8))
    exit(2)
}
do {
    let violations = try BoundaryRules().check(packageRoot: root)
    for violation in violations { print(violation) }
    guard violations.isEmpty else {
        print("\(violations.count) boundary violation\(violations.count == 1 ? "" : "s")")
        exit(1)
    }
    print("boundaries hold: every context depends on and imports Kernel only")
} catch {
    FileHandle.standardError.write(Data("commerce-boundaries: \(error)\n".utf8))
    exit(1)
}
