import Kernel

/// The Product context's tables. Its rows are touched by no other context.
enum ProductSchema {
    static let migrations = [
        Migration(id: "product.001-create-products") { dialect in
            [
                """
                CREATE TABLE products (
                    id \(raw: dialect.generatedPrimaryKey),
                    name TEXT NOT NULL,
                    price BIGINT NOT NULL CHECK (price >= 0),
                    stock BIGINT NOT NULL CHECK (stock >= 0))
                """
            ]
        }
    ]
}
