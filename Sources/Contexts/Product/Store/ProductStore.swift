import Kernel

/// The Product context's SQL. Portable SQL only (SQLite and PostgreSQL), every statement in the caller's
/// transaction.
struct ProductStore {
    let tx: Transaction

    func insert(name: String, price: Money, stock: Int64) async throws -> Product {
        let id = try await tx.insertReturningID(
            """
            INSERT INTO products (name, price, stock) VALUES (\(bind: name), \(bind: price.won), \(bind: stock))
            RETURNING id
            """)
        return Product(id: ProductID(rawValue: id), name: name, price: price, stock: stock)
    }

    func find(_ id: ProductID) async throws -> Product? {
        try await tx.first("SELECT id, name, price, stock FROM products WHERE id = \(bind: id.rawValue)").map(Self.product)
    }

    func find(_ ids: [ProductID]) async throws -> [ProductID: Product] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await tx.all("SELECT id, name, price, stock FROM products WHERE id IN (\(bind: ids.map(\.rawValue)))")
        return Dictionary(uniqueKeysWithValues: try rows.map(Self.product).map { ($0.id, $0) })
    }

    func all(_ page: PageRequest = .everything) async throws -> [Product] {
        try await tx.all(
            """
            SELECT id, name, price, stock FROM products WHERE id > \(bind: page.afterID) ORDER BY id LIMIT \(bind: page.rowsToRead)
            """
        ).map(Self.product)
    }

    /// Adds stock unless the sum would pass `Int64.max`; nil when the product is unknown or the sum too large.
    func addStock(_ id: ProductID, _ quantity: Int64) async throws -> Int64? {
        try await tx.first(
            """
            UPDATE products SET stock = stock + \(bind: quantity)
            WHERE id = \(bind: id.rawValue) AND stock <= \(bind: Int64.max - quantity)
            RETURNING stock
            """)?.decode(column: "stock", as: Int64.self)
    }

    /// Takes `quantity` units if that many are in stock, in one conditional statement; false otherwise.
    func takeStock(_ id: ProductID, _ quantity: Int64) async throws -> Bool {
        try await tx.first(
            """
            UPDATE products SET stock = stock - \(bind: quantity)
            WHERE id = \(bind: id.rawValue) AND stock >= \(bind: quantity)
            RETURNING id
            """) != nil
    }

    static func product(_ row: SQLRow) throws -> Product {
        Product(
            id: ProductID(rawValue: try row.decode(column: "id", as: Int64.self)),
            name: try row.decode(column: "name", as: String.self),
            price: Money(won: try row.decode(column: "price", as: Int64.self)),
            stock: try row.decode(column: "stock", as: Int64.self))
    }
}
