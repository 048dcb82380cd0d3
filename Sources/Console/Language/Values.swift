import Foundation
import Kernel
import Order

/// Reads the console's values: whole numbers with `_`, durations, times, ids and item lists.
enum Values {
    /// A signed 64-bit whole number, `_` allowed between digits: `100_000`, `-5`. Anything else, or a number
    /// past 64 bits, is `INVALID_ARGUMENT`.
    static func integer(_ text: String, _ field: String) throws(DomainError) -> Int64 {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        guard let first = digits.first, first.isASCII, first.isNumber, digits.last != "_",
            !digits.contains("__"), digits.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "_" }),
            let value = Int64((negative ? "-" : "") + digits.filter { $0 != "_" })
        else { throw .invalid("\(field) must be a whole number that fits in 64 bits, got '\(text)'") }
        return value
    }

    static func money(_ text: String, _ field: String) throws(DomainError) -> Money {
        Money(won: try integer(text, field))
    }

    static func id<Entity>(_ text: String, _ field: String) throws(DomainError) -> TypedID<Entity> {
        try TypedID(validating: try integer(text, field))
    }

    static func duration(_ text: String) throws(DomainError) -> TimeSpan { try TimeSpan(parsing: text) }

    static func time(_ text: String) throws(DomainError) -> Timestamp { try Timestamp(iso8601: text) }

    /// `P:Q[,P:Q...]`.
    static func items(_ text: String) throws(DomainError) -> [OrderItem] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { part throws(DomainError) in
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2 else { throw .invalid("items must look like 1:2,3:1 (product:quantity), got '\(text)'") }
            return OrderItem(
                productId: try id(String(pieces[0]), "product id"), quantity: try integer(String(pieces[1]), "quantity"))
        }
    }

    /// A value as the console prints it: quoted when it has spaces, `-` when empty.
    static func printed(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "-" }
        guard value.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "#" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
