/// Quantities keyed by what they count, merged: the mechanism behind an order's lines and a stock deduction,
/// which both add up the lines naming one product before they touch a row. The vocabulary (what a line is, which
/// noun the messages use) stays with the caller.
public enum Quantities {
    /// Validates `(key, quantity)` pairs and merges those with one key (quantities add up), in ascending key: the
    /// order rows are locked in, so concurrent writers never wait on each other in a cycle. `INVALID_ARGUMENT`
    /// for no lines, a quantity below 1, or a merged quantity past 64 bits; messages name a key as `"\(noun) \(key)"`.
    public static func merged<Key: Comparable & Hashable & CustomStringConvertible>(
        _ lines: [(Key, Int64)], noun: String
    ) throws(DomainError) -> [(key: Key, quantity: Int64)] {
        guard !lines.isEmpty else { throw .invalid("items must name at least one \(noun)") }
        var quantities: [Key: Int64] = [:]
        for (key, quantity) in lines {
            try Validate.positive(quantity, "quantity of \(noun) \(key)")
            let (sum, overflow) = quantities[key, default: 0].addingReportingOverflow(quantity)
            guard !overflow else { throw .invalid("quantity of \(noun) \(key) is too large") }
            quantities[key] = sum
        }
        return quantities.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
