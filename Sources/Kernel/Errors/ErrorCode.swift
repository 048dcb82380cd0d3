/// A stable error code: the same in the REPL, in scripts, in HTTP bodies and in logs. The raw values are a user
/// contract (docs/console.md); never rename one.
///
/// Kernel declares only its own code, `INVALID_ARGUMENT`. Each context declares its codes in an extension of this
/// type, beside its use cases, and lists them in its ``CommerceModule``, so adding a context never edits Kernel
/// and the edges still know every code (the console's `=> CODE`, the HTTP status table).
public struct ErrorCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The code as users see it, such as `OUT_OF_STOCK`.
    public let rawValue: String
    /// The words of the seed's failure branch for this code, where the seed has one (`상품 재고 부족`); the
    /// owning context declares them with the code.
    public let seedWords: String?

    /// Declares a code; `rawValue` is upper snake case.
    public init(_ rawValue: String, seedWords: String? = nil) {
        self.rawValue = rawValue
        self.seedWords = seedWords
    }

    /// Bad input of any kind: a malformed number, an unknown key, a non-positive id.
    public static let invalidArgument = ErrorCode("INVALID_ARGUMENT")

    /// True for the `*_NOT_FOUND` codes, which edges map to "not found" (HTTP 404).
    public var isNotFound: Bool { rawValue.hasSuffix("_NOT_FOUND") }

    /// Whether `text` has the form of a code (upper snake case), before asking whether such a code exists.
    public static func isWellFormed(_ text: String) -> Bool {
        !text.isEmpty && text.first != "_" && text.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    public var description: String { rawValue }

    // One code, one identity: equal raw values are the same code, with or without its words.
    public static func == (lhs: ErrorCode, rhs: ErrorCode) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
