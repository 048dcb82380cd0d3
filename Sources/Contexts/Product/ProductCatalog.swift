import Kernel

/// The Product context's one public door: the catalogue and its stock.
///
/// Methods that take a ``Transaction`` join the caller's transaction (a payment deducts stock inside its own);
/// the others run in a transaction of their own.
public struct ProductCatalog: Sendable {
    /// The context's name, which is also its participant in sequence diagrams.
    public static let name = "Product"

    let database: Database

    /// The catalogue over `database`.
    public init(database: Database) { self.database = database }

    /// How the context plugs into the composition root.
    public static var module: CommerceModule {
        CommerceModule(name: name, migrations: ProductSchema.migrations, errorCodes: errorCodes)
    }
}
