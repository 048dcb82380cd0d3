/// Quantities of products as an order or a stock deduction lists them. Shared by Order and Product, which both
/// merge lines naming the same product before they touch a row.
public enum ProductQuantities {
    /// Validates `(product, quantity)` pairs and merges those naming the same product (quantities add up), in
    /// ascending product id: the order rows are locked in. `INVALID_ARGUMENT` for no lines, a quantity below 1,
    /// or a merged quantity past 64 bits.
    public static func merged(_ lines: [(ProductID, Int64)]) throws(DomainError) -> [(product: ProductID, quantity: Int64)] {
        guard !lines.isEmpty else { throw .invalid("items must name at least one product") }
        var quantities: [ProductID: Int64] = [:]
        for (product, quantity) in lines {
            try Validate.positive(quantity, "quantity of product \(product)")
            let (sum, overflow) = quantities[product, default: 0].addingReportingOverflow(quantity)
            guard !overflow else { throw .invalid("quantity of product \(product) is too large") }
            quantities[product] = sum
        }
        return quantities.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
