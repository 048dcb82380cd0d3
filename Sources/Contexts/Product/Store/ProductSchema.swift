import Kernel

/// The Product context's tables. Its rows are touched by no other context.
enum ProductSchema {
    static let migrations = [
        Migration(id: "product.001-create-products") { tx in
            try await tx.sql.create(table: "products")
                .column("id", type: .bigint, .primaryKey)
                .column("name", type: .text, .notNull)
                .column("price", type: .bigint, .notNull, .check(SQLRaw("price >= 0")))
                .column("stock", type: .bigint, .notNull, .check(SQLRaw("stock >= 0")))
                .run()
        }
    ]
}
