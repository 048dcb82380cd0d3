import Kernel
import Product
import TestSupport
import Testing

@Suite struct StockTests {
    struct Fixture {
        let catalog: ProductCatalog
        let keyboard: Product
        let mouse: Product

        init() async throws {
            catalog = ProductCatalog(database: try await TestDatabase.fresh([ProductCatalog.module]))
            keyboard = try await catalog.add(name: "Keyboard", price: Money(won: 50_000), stock: 2)
            mouse = try await catalog.add(name: "Mouse", price: Money(won: 20_000), stock: 5)
        }

        func stock() async throws -> [Int64] { try await catalog.list().map(\.stock) }
    }

    @Test func quotePricesTheLinesAndDeductsNothing() async throws {
        let f = try await Fixture()
        let lines = try await f.catalog.quote([
            StockLine(productId: f.mouse.id, quantity: 2), StockLine(productId: f.keyboard.id, quantity: 1),
        ])
        #expect(lines.map(\.productId) == [f.keyboard.id, f.mouse.id], "ascending product id")
        #expect(lines.map(\.lineTotal) == [Money(won: 50_000), Money(won: 40_000)])
        #expect(lines.map(\.unitPrice) == [Money(won: 50_000), Money(won: 20_000)])
        #expect(try await f.stock() == [2, 5])
    }

    @Test func quoteMergesLinesForTheSameProduct() async throws {
        let f = try await Fixture()
        let lines = try await f.catalog.quote([
            StockLine(productId: f.mouse.id, quantity: 2), StockLine(productId: f.mouse.id, quantity: 3),
        ])
        #expect(lines.map(\.quantity) == [5])
        #expect(
            try await errorCode {
                _ = try await f.catalog.quote([
                    StockLine(productId: f.mouse.id, quantity: 3), StockLine(productId: f.mouse.id, quantity: 3),
                ])
            } == .outOfStock)
    }

    @Test func quoteChecksExistenceBeforeStock() async throws {
        let f = try await Fixture()
        let missing = ProductID(rawValue: 99)
        #expect(
            try await errorCode {
                _ = try await f.catalog.quote([
                    StockLine(productId: f.keyboard.id, quantity: 3), StockLine(productId: missing, quantity: 1),
                ])
            } == .productNotFound)
    }

    @Test func outOfStockNamesTheProduct() async throws {
        let f = try await Fixture()
        do {
            _ = try await f.catalog.quote([StockLine(productId: f.keyboard.id, quantity: 3)])
            Issue.record("expected OUT_OF_STOCK")
        } catch let error as DomainError {
            #expect(error.code == .outOfStock)
            #expect(error.message == "Keyboard (product 1) has 2 in stock, 3 requested")
            #expect(error.seedWords == "상품 재고 부족")
        }
    }

    @Test(arguments: [[] as [Int64], [0], [-1], [1, 0], [.max, 1]])
    func badQuantitiesAreInvalid(quantities: [Int64]) async throws {
        let f = try await Fixture()
        let lines = quantities.map { StockLine(productId: f.mouse.id, quantity: $0) }
        #expect(try await errorCode { _ = try await f.catalog.quote(lines) } == .invalidArgument)
        #expect(try await errorCode { try await f.catalog.deduct(lines) } == .invalidArgument)
        #expect(try await f.stock() == [2, 5])
    }

    @Test func aLineTotalPastInt64IsInvalid() async throws {
        let f = try await Fixture()
        let pricey = try await f.catalog.add(name: "Yacht", price: Money(won: .max / 2), stock: 10)
        #expect(try await errorCode { _ = try await f.catalog.quote([StockLine(productId: pricey.id, quantity: 3)]) } == .invalidArgument)
    }

    @Test func deductTakesAllLinesOrNone() async throws {
        let f = try await Fixture()
        try await f.catalog.deduct([StockLine(productId: f.keyboard.id, quantity: 1), StockLine(productId: f.mouse.id, quantity: 5)])
        #expect(try await f.stock() == [1, 0])
        #expect(
            try await errorCode {
                try await f.catalog.deduct([
                    StockLine(productId: f.keyboard.id, quantity: 1), StockLine(productId: f.mouse.id, quantity: 1),
                ])
            } == .outOfStock)
        #expect(try await f.stock() == [1, 0], "the keyboard line was rolled back")
        #expect(
            try await errorCode {
                try await f.catalog.deduct([
                    StockLine(productId: f.keyboard.id, quantity: 1), StockLine(productId: ProductID(rawValue: 9), quantity: 1),
                ])
            } == .productNotFound)
        #expect(try await f.stock() == [1, 0])
    }
}

@Suite struct StockConcurrencyTests {
    @Test(arguments: [true, false])
    func fiftyConcurrentDeductionsOfOneFromTenNeverOversell(queueWriters: Bool) async throws {
        let (database, path) = try await TestDatabase.concurrent([ProductCatalog.module], queueWriters: queueWriters)
        defer { TestDatabase.remove(path) }
        let catalog = ProductCatalog(database: database)
        let product = try await catalog.add(name: "Limited", price: Money(won: 1_000), stock: 10)
        let results = await concurrently(50) { _ in
            await outcome { try await catalog.deduct([StockLine(productId: product.id, quantity: 1)]) }
        }
        #expect(results.successes == 10)
        #expect(results.failures(.outOfStock) == 40)
        #expect(try await catalog.show(product.id).stock == 0)
        try await database.close()
    }
}
