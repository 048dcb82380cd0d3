import Kernel

/// A product of the catalogue with its current stock.
public struct Product: Sendable, Equatable, Codable {
    /// The product's id.
    public let id: ProductID
    /// The name shown to people.
    public let name: String
    /// The unit price in won.
    public let price: Money
    /// Units in stock; never negative.
    public let stock: Int64
}

/// A quantity of one product, as ordered or as deducted.
public struct StockLine: Sendable, Equatable, Hashable, Codable {
    public let productId: ProductID
    /// How many units; at least 1.
    public let quantity: Int64

    /// A quantity of one product.
    public init(productId: ProductID, quantity: Int64) {
        self.productId = productId
        self.quantity = quantity
    }

    /// Validates the lines and merges those that name the same product into one, in ascending product order
    /// (the order rows are locked in). Fails with `INVALID_ARGUMENT` for no lines, a quantity below 1, or a
    /// merged quantity past 64 bits.
    public static func merged(_ lines: [StockLine]) throws(DomainError) -> [StockLine] {
        try Quantities.merged(lines.map { ($0.productId, $0.quantity) }, noun: "product").map {
            StockLine(productId: $0.key, quantity: $0.quantity)
        }
    }
}

/// A line checked against the catalogue: the product is known, the stock covers it, and this is its price now.
public struct PricedLine: Sendable, Equatable, Codable {
    public let productId: ProductID
    /// The product's name at quoting time.
    public let name: String
    /// How many units.
    public let quantity: Int64
    /// The unit price at quoting time.
    public let unitPrice: Money
    /// `unitPrice × quantity`.
    public let lineTotal: Money
}
