import Foundation

/// An `import` line of a Swift source file.
public struct ImportLine: Sendable, Equatable {
    /// The file, relative to the package root.
    public let file: String
    /// The 1-based line number.
    public let line: Int
    /// The imported module (`Kernel` for `import struct Kernel.Money`).
    public let module: String

    public init(file: String, line: Int, module: String) {
        self.file = file
        self.line = line
        self.module = module
    }

    /// The imports of a source text: `import M`, `@testable import M`, `@_exported import M`,
    /// `import struct M.T`, `@preconcurrency import M`, also inside `#if`.
    public static func parse(_ text: String, file: String) -> [ImportLine] {
        var imports: [ImportLine] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var words = rawLine.split(whereSeparator: \.isWhitespace).map(String.init)
            while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
            guard words.first == "import", words.count >= 2 else { continue }
            let kinds: Set<String> = ["struct", "class", "enum", "protocol", "typealias", "func", "let", "var", "actor"]
            let path = kinds.contains(words[1]) && words.count >= 3 ? words[2] : words[1]
            guard let module = path.split(separator: ".").first.map(String.init), !module.isEmpty else { continue }
            imports.append(ImportLine(file: file, line: index + 1, module: module))
        }
        return imports
    }

    /// The imports of every `.swift` file under `directory` (relative to `packageRoot`).
    public static func scan(directory: String, packageRoot: URL) -> [ImportLine] {
        let root = packageRoot.appendingPathComponent(directory)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var imports: [ImportLine] = []
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let relative = directory + String(url.path.dropFirst(root.path.count))
            imports += parse(text, file: relative)
        }
        return imports.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }
}
