/// A failure of a business rule or of input validation: a stable ``code`` and a message for people.
///
/// Every expected failure is a `DomainError`; anything else that escapes a use case (a database that cannot
/// be reached, a full disk) is infrastructure trouble and is reported as such by the edges.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: ErrorCode
    /// What went wrong, for a person: names the entity and the values involved.
    public let message: String

    /// Creates an error with a code and a message.
    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The seed's words for this failure, where the seed has them.
    public var seedWords: String? { code.seedWords }

    /// `CODE (seed's words): message`, the form the console prints.
    public var description: String {
        if let seedWords { "\(code.rawValue) (\(seedWords)): \(message)" } else { "\(code.rawValue): \(message)" }
    }

    /// Shorthand for an `INVALID_ARGUMENT` error.
    public static func invalid(_ message: String) -> DomainError { DomainError(.invalidArgument, message) }
}
