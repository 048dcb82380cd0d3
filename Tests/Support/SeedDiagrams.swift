import Foundation

/// The seed's sequence diagrams (`docs/seed/sequence-diagrams.md`, the user's design), read as lists of
/// messages, so that tests compare the running system's traces with them.
public struct SeedDiagram: Sendable {
    /// A message with the `alt` branch it sits in, if any.
    public struct Step: Equatable, Sendable {
        public let message: String
        /// Index of the `alt` block and whether the step is in its first (failure) branch.
        public let alt: (index: Int, isFailure: Bool)?

        public static func == (lhs: Step, rhs: Step) -> Bool {
            lhs.message == rhs.message && lhs.alt?.index == rhs.alt?.index && lhs.alt?.isFailure == rhs.alt?.isFailure
        }
    }

    public let steps: [Step]

    /// The seed's diagrams in file order: order, payment, expiry.
    public static func all() throws -> [SeedDiagram] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/seed/sequence-diagrams.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.components(separatedBy: "```mermaid").dropFirst().map { block in
            SeedDiagram(mermaid: block.components(separatedBy: "```").first ?? "")
        }
    }

    public init(mermaid: String) {
        var steps: [Step] = [], altCount = -1, inAlt = false, inFailure = false
        for rawLine in mermaid.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("alt ") { (altCount, inAlt, inFailure) = (altCount + 1, true, true); continue }
            if line.hasPrefix("else") { inFailure = false; continue }
            if line == "end" { inAlt = false; continue }
            guard let message = Self.message(line) else { continue }
            steps.append(Step(message: message, alt: inAlt ? (altCount, inFailure) : nil))
        }
        self.steps = steps
    }

    /// `Order->>+Product: 상품 정보 및 재고 검증 요청` as `Order->>Product: 상품 정보 및 재고 검증 요청`.
    public static func message(_ line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let head = line[..<colon].replacingOccurrences(of: " ", with: "")
        let label = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        for arrow in ["-->>", "->>"] {
            guard let range = head.range(of: arrow) else { continue }
            let from = head[..<range.lowerBound]
            let to = head[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
            return "\(from)\(arrow)\(to): \(label)"
        }
        return nil
    }

    /// Every message outside the failure branches: the happy path.
    public var happyPath: [String] { steps.filter { $0.alt?.isFailure != true }.map(\.message) }

    /// The path that takes the failure branch of `alt` block `index`: the happy path up to that block, then
    /// the block's failure messages.
    public func failurePath(alt index: Int) -> [String] {
        let before = steps.prefix { ($0.alt?.index ?? -1) < index }.filter { $0.alt?.isFailure != true }
        let failure = steps.filter { $0.alt?.index == index && $0.alt?.isFailure == true }
        return (before + failure).map(\.message)
    }
}
