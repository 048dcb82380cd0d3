import Kernel

extension ProductCatalog {
    /// Takes the lines' quantities out of stock, all or none. Each line is one conditional update
    /// (`stock >= quantity`, affected row checked), in ascending product id so that concurrent payments lock
    /// rows in the same order. Throws `PRODUCT_NOT_FOUND` or `OUT_OF_STOCK` naming the product; the caller's
    /// transaction then rolls back the lines already taken.
    public func deduct(_ lines: [StockLine], in tx: Transaction) async throws {
        let store = ProductStore(tx: tx)
        for line in try StockLine.merged(lines) where try await !store.takeStock(line.productId, line.quantity) {
            let product = try await Self.existing(line.productId, in: store)
            throw Self.outOfStock(product, requested: line.quantity)
        }
    }

    /// ``deduct(_:in:)`` in a transaction of its own.
    public func deduct(_ lines: [StockLine]) async throws {
        try await database.write { tx in try await deduct(lines, in: tx) }
    }
}
