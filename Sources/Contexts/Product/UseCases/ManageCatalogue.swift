import Kernel

extension ProductCatalog {
    /// Registers a product. The name is trimmed and must not be empty; price and stock must not be negative.
    public func add(name: String, price: Money, stock: Int64) async throws -> Product {
        let name = try Validate.name(name, "product name")
        try Validate.nonNegative(price.won, "price")
        try Validate.nonNegative(stock, "stock")
        return try await database.write { tx in try await ProductStore(tx: tx).insert(name: name, price: price, stock: stock) }
    }

    /// Every product, by id.
    public func list() async throws -> [Product] {
        try await database.read { tx in try await ProductStore(tx: tx).all() }
    }

    /// One page of the catalogue, by id.
    public func list(page: PageRequest) async throws -> Page<Product> {
        page.page(of: try await database.read { tx in try await ProductStore(tx: tx).all(page) }) { $0.id.rawValue }
    }

    /// One product, or `PRODUCT_NOT_FOUND`.
    public func show(_ id: ProductID) async throws -> Product {
        try await database.read { tx in try await Self.existing(id, in: ProductStore(tx: tx)) }
    }

    /// Adds `quantity` (at least 1) units to a product's stock and returns the product.
    public func restock(_ id: ProductID, quantity: Int64) async throws -> Product {
        try Validate.positive(quantity, "quantity")
        return try await database.write { tx in
            let store = ProductStore(tx: tx)
            guard try await store.addStock(id, quantity) != nil else {
                let product = try await Self.existing(id, in: store)
                throw DomainError.invalid("stock of \(product.name) (product \(id)) would pass \(Int64.max)")
            }
            return try await Self.existing(id, in: store)
        }
    }

    static func existing(_ id: ProductID, in store: ProductStore) async throws -> Product {
        guard let product = try await store.find(id) else {
            throw DomainError(.productNotFound, "product \(id) does not exist")
        }
        return product
    }
}
