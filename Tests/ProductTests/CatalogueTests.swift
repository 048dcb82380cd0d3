import Kernel
import Product
import TestSupport
import Testing

@Suite struct CatalogueTests {
    func catalog() async throws -> ProductCatalog {
        ProductCatalog(database: try await TestDatabase.fresh([ProductCatalog.module]))
    }

    @Test func addsListsShowsAndRestocks() async throws {
        let catalog = try await catalog()
        let keyboard = try await catalog.add(name: "  Mechanical keyboard ", price: Money(won: 89_000), stock: 10)
        let mouse = try await catalog.add(name: "Mouse", price: Money(won: 0), stock: 0)
        #expect(keyboard.name == "Mechanical keyboard")
        #expect(try await catalog.list() == [keyboard, mouse])
        #expect(try await catalog.show(mouse.id) == mouse)
        let restocked = try await catalog.restock(mouse.id, quantity: 5)
        #expect(restocked.stock == 5)
        #expect(try await catalog.show(mouse.id).stock == 5)
    }

    @Test func unknownProductsAreNotFound() async throws {
        let catalog = try await catalog()
        #expect(try await errorCode { _ = try await catalog.show(ProductID(rawValue: 42)) } == .productNotFound)
        #expect(try await errorCode { _ = try await catalog.restock(ProductID(rawValue: 42), quantity: 1) } == .productNotFound)
    }

    @Test(arguments: [
        ("", 1_000 as Int64, 1 as Int64), ("   ", 1_000, 1), ("Pen", -1, 1), ("Pen", .min, 1), ("Pen", 1_000, -1),
        (String(repeating: "x", count: 201), 1_000, 1),
    ])
    func badInputIsRejected(name: String, price: Int64, stock: Int64) async throws {
        let catalog = try await catalog()
        #expect(try await errorCode { _ = try await catalog.add(name: name, price: Money(won: price), stock: stock) } == .invalidArgument)
        #expect(try await catalog.list().isEmpty)
    }

    @Test(arguments: [0 as Int64, -1, .min])
    func restockNeedsAPositiveQuantity(quantity: Int64) async throws {
        let catalog = try await catalog()
        let pen = try await catalog.add(name: "Pen", price: Money(won: 1_000), stock: 3)
        #expect(try await errorCode { _ = try await catalog.restock(pen.id, quantity: quantity) } == .invalidArgument)
        #expect(try await catalog.show(pen.id).stock == 3)
    }

    @Test func restockPastInt64IsAnErrorAndChangesNothing() async throws {
        let catalog = try await catalog()
        let pen = try await catalog.add(name: "Pen", price: Money(won: 1_000), stock: .max - 1)
        #expect(try await errorCode { _ = try await catalog.restock(pen.id, quantity: 2) } == .invalidArgument)
        #expect(try await catalog.show(pen.id).stock == .max - 1)
        #expect(try await catalog.restock(pen.id, quantity: 1).stock == .max)
    }
}
