import Kernel
import Point
import TestSupport
import Testing

@Suite struct PointTests {
    let user = UserID(rawValue: 1)

    func service(rules: PointRules = PointRules()) async throws -> PointService {
        PointService(database: try await TestDatabase.fresh([PointService.module]), clock: SimulatedClock(), rules: rules)
    }

    @Test func aUserWhoNeverChargedHasZero() async throws {
        let points = try await service()
        #expect(try await points.balance(of: user) == PointBalance(userId: user, balance: .zero))
        #expect(try await points.history(of: user).isEmpty)
    }

    @Test func chargesAddUpAndAreRecorded() async throws {
        let points = try await service()
        _ = try await points.charge(user, amount: Money(won: 100_000))
        let balance = try await points.charge(user, amount: Money(won: 1_000_000))
        #expect(balance.balance == Money(won: 1_100_000))
        let history = try await points.history(of: user)
        #expect(history.map(\.kind) == [.charge, .charge])
        #expect(history.map(\.balanceAfter) == [Money(won: 100_000), Money(won: 1_100_000)])
        #expect(history.map(\.createdAt.description) == ["2026-01-01T09:00:00Z", "2026-01-01T09:00:00Z"])
        #expect(try await points.balance(of: UserID(rawValue: 2)).balance == .zero, "balances are per user")
    }

    @Test(arguments: [0 as Int64, -1, 1_000_001, .min, .max])
    func chargesOutsideOneToTheLimitAreInvalid(amount: Int64) async throws {
        let points = try await service()
        #expect(try await errorCode { _ = try await points.charge(user, amount: Money(won: amount)) } == .invalidChargeAmount)
        #expect(try await points.balance(of: user).balance == .zero)
    }

    @Test func theBalanceNeverPassesItsCap() async throws {
        let points = try await service()
        for _ in 0..<10 { _ = try await points.charge(user, amount: Money(won: 1_000_000)) }
        #expect(try await errorCode { _ = try await points.charge(user, amount: Money(won: 1)) } == .balanceLimitExceeded)
        #expect(try await points.balance(of: user).balance == Money(won: 10_000_000))
        #expect(try await points.history(of: user).count == 10)
    }

    @Test func limitsAreConfiguration() async throws {
        let points = try await service(rules: PointRules(maxCharge: Money(won: 500), maxBalance: Money(won: 800)))
        #expect(try await errorCode { _ = try await points.charge(user, amount: Money(won: 501)) } == .invalidChargeAmount)
        _ = try await points.charge(user, amount: Money(won: 500))
        #expect(try await errorCode { _ = try await points.charge(user, amount: Money(won: 301)) } == .balanceLimitExceeded)
        #expect(try await points.charge(user, amount: Money(won: 300)).balance == Money(won: 800))
    }

    @Test func checkAndDeduct() async throws {
        let database = try await TestDatabase.fresh([PointService.module])
        let ledger = PointService(database: database, clock: SimulatedClock())
        _ = try await ledger.charge(user, amount: Money(won: 10_000))
        try await database.read { tx in try await ledger.checkCovers(user, amount: Money(won: 10_000), in: tx) }
        #expect(
            try await errorCode {
                try await database.read { tx in try await ledger.checkCovers(user, amount: Money(won: 10_001), in: tx) }
            } == .insufficientBalance)
        let order = OrderID(rawValue: 7)
        let after = try await database.write { tx in try await ledger.deduct(user, amount: Money(won: 4_000), order: order, in: tx) }
        #expect(after.balance == Money(won: 6_000))
        #expect(
            try await errorCode {
                try await database.write { tx in _ = try await ledger.deduct(user, amount: Money(won: 6_001), order: order, in: tx) }
            } == .insufficientBalance)
        #expect(
            try await errorCode {
                try await database.write { tx in _ = try await ledger.deduct(user, amount: Money(won: -5), order: order, in: tx) }
            } == .invalidArgument)
        try await database.write { tx in _ = try await ledger.deduct(user, amount: .zero, order: order, in: tx) }
        let history = try await ledger.history(of: user)
        #expect(history.map(\.kind) == [.charge, .use], "a zero deduction writes no entry")
        #expect(history.last?.orderId == order)
        #expect(history.last?.balanceAfter == Money(won: 6_000))
        #expect(try await ledger.balance(of: user).balance == Money(won: 6_000))
    }

    @Test(arguments: [true, false])
    func concurrentDeductionsNeverGoBelowZero(queueWriters: Bool) async throws {
        let (database, path) = try await TestDatabase.concurrent([PointService.module], queueWriters: queueWriters)
        defer { TestDatabase.remove(path) }
        let points = PointService(database: database, clock: SimulatedClock())
        _ = try await points.charge(user, amount: Money(won: 10_000))
        let results = await concurrently(50) { index in
            await outcome {
                _ = try await database.write { tx in
                    try await points.deduct(user, amount: Money(won: 1_000), order: OrderID(rawValue: Int64(index + 1)), in: tx)
                }
            }
        }
        #expect(results.successes == 10)
        #expect(results.failures(.insufficientBalance) == 40)
        #expect(try await points.balance(of: user).balance == .zero)
        #expect(try await points.history(of: user).filter { $0.kind == .use }.count == 10)
        try await database.close()
    }

    @Test func concurrentChargesNeverPassTheCap() async throws {
        let (database, path) = try await TestDatabase.concurrent([PointService.module])
        defer { TestDatabase.remove(path) }
        let points = PointService(database: database, clock: SimulatedClock())
        let results = await concurrently(30) { _ in await outcome { _ = try await points.charge(user, amount: Money(won: 1_000_000)) } }
        #expect(results.successes == 10)
        #expect(results.failures(.balanceLimitExceeded) == 20)
        #expect(try await points.balance(of: user).balance == Money(won: 10_000_000))
        try await database.close()
    }
}
