import Kernel

extension ProductCatalog {
    /// Checks that every product exists and has the quantity in stock, and prices the lines. Nothing is
    /// deducted. Lines naming the same product are merged first. Fails with `PRODUCT_NOT_FOUND` for the first
    /// unknown product, then `OUT_OF_STOCK` naming the first short one.
    public func quote(_ lines: [StockLine], in tx: Transaction) async throws -> [PricedLine] {
        let lines = try StockLine.merged(lines)
        let products = try await ProductStore(tx: tx).find(lines.map(\.productId))
        // Plain loops: Swift 6.3's optimizer crashes splitting this coroutine when it holds typed-throws closures.
        for line in lines where products[line.productId] == nil {
            throw DomainError(.productNotFound, "product \(line.productId) does not exist")
        }
        var priced: [PricedLine] = []
        for line in lines {
            guard let product = products[line.productId] else { continue }  // every one was found just above
            guard product.stock >= line.quantity else { throw Self.outOfStock(product, requested: line.quantity) }
            priced.append(
                PricedLine(
                    productId: product.id, name: product.name, quantity: line.quantity, unitPrice: product.price,
                    lineTotal: try product.price.multiplied(by: line.quantity)))
        }
        return priced
    }

    /// ``quote(_:in:)`` in a transaction of its own.
    public func quote(_ lines: [StockLine]) async throws -> [PricedLine] {
        try await database.read { tx in try await quote(lines, in: tx) }
    }

    static func outOfStock(_ product: Product, requested: Int64) -> DomainError {
        DomainError(.outOfStock, "\(product.name) (product \(product.id)) has \(product.stock) in stock, \(requested) requested")
    }
}
