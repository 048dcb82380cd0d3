import Kernel
import Testing

@Suite struct MoneyTests {
    @Test func addsSubtractsAndMultiplies() throws {
        #expect(try Money(won: 50_000).adding(Money(won: 5_000)) == Money(won: 55_000))
        #expect(try Money(won: 50_000).subtracting(Money(won: 5_000)) == Money(won: 45_000))
        #expect(try Money(won: 50_000).multiplied(by: 3) == Money(won: 150_000))
        #expect(try Money.sum([Money(won: 1), Money(won: 2), Money(won: 3)]) == Money(won: 6))
    }

    @Test func overflowIsADomainErrorNotATrap() {
        #expect(throws: DomainError.self) { try Money(won: .max).adding(Money(won: 1)) }
        #expect(throws: DomainError.self) { try Money(won: .min).subtracting(Money(won: 1)) }
        #expect(throws: DomainError.self) { try Money(won: .max / 2 + 1).multiplied(by: 2) }
        #expect(throws: DomainError.self) { try Money.sum([Money(won: .max), Money(won: .max)]) }
        do {
            _ = try Money(won: .max).multiplied(by: 2)
            Issue.record("expected an overflow error")
        } catch {
            #expect(error.code == .invalidArgument)
        }
    }

    @Test(arguments: [
        (10_000 as Int64, 10 as Int64, 1_000 as Int64), (12_345, 10, 1_234), (99, 50, 49), (0, 30, 0), (7, 100, 7),
        (.max, 100, .max), (.max, 50, .max / 2),
    ])
    func percentageFloorsWithoutOverflow(amount: Int64, percent: Int64, expected: Int64) throws {
        #expect(try Money(won: amount).percentage(percent) == Money(won: expected))
    }

    @Test func percentageRejectsOutOfRangeInput() {
        #expect(throws: DomainError.self) { try Money(won: 100).percentage(101) }
        #expect(throws: DomainError.self) { try Money(won: -1).percentage(10) }
    }
}

@Suite struct IdentifierAndErrorTests {
    @Test(arguments: [0 as Int64, -1, .min])
    func idsMustBePositive(raw: Int64) {
        #expect(throws: DomainError.invalid("product id must be a positive integer, got \(raw)")) {
            try ProductID(validating: raw)
        }
    }

    @Test func aCodeCarriesTheWordsItWasDeclaredWith() {
        let outOfStock = ErrorCode("OUT_OF_STOCK", seedWords: "상품 재고 부족")
        #expect(
            DomainError(outOfStock, "Keyboard (product 1) has 0 in stock, 1 requested").description
                == "OUT_OF_STOCK (상품 재고 부족): Keyboard (product 1) has 0 in stock, 1 requested")
        #expect(DomainError(ErrorCode("IDEMPOTENCY_KEY_REUSED"), "x").description == "IDEMPOTENCY_KEY_REUSED: x")
        #expect(ErrorCode("OUT_OF_STOCK") == outOfStock, "a code is its raw value")
        #expect(ErrorCode("ORDER_NOT_FOUND").isNotFound && !ErrorCode.invalidArgument.isNotFound)
        #expect(ErrorCode.isWellFormed("COUPON_SOLD_OUT") && !ErrorCode.isWellFormed("sold_out") && !ErrorCode.isWellFormed(""))
    }

    @Test func validationNamesTheField() throws {
        #expect(throws: DomainError.invalid("quantity must be at least 1, got 0")) { try Validate.positive(0, "quantity") }
        #expect(throws: DomainError.invalid("name must not be empty")) { try Validate.name("   ", "name") }
        #expect(try Validate.name("  Keyboard \n", "name") == "Keyboard")
    }
}
