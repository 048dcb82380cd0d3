import App
import Foundation
import Kernel
import TestSupport
import Testing

@testable import Console

/// Each command through a session, as the REPL runs it.
@Suite struct CommandTests {
    @Test func catalogueCommands() async throws {
        let c = try await Captured()
        #expect(await c.run("product list") == ["no products"])
        #expect(
            await c.run(#"product add "Mechanical keyboard" price=89_000 stock=10 as kb"#) == [
                #"product 1: id=1 name="Mechanical keyboard" price=89000 stock=10"#, "$kb = 1",
            ])
        #expect(await c.run("product restock $kb qty=5") == [#"product 1: id=1 name="Mechanical keyboard" price=89000 stock=15"#])
        #expect(await c.run("product show $kb").first?.hasSuffix("stock=15") == true)
        #expect(await c.run("product list").count == 1)
        #expect(await c.run("product show 2") == ["error: PRODUCT_NOT_FOUND: product 2 does not exist"])
    }

    @Test func pointCommands() async throws {
        let c = try await Captured()
        #expect(await c.run("point charge user=1 amount=10_000") == ["point 1: userId=1 balance=10000"])
        #expect(await c.run("point show user=1") == ["point 1: userId=1 balance=10000"])
        #expect(await c.run("point history user=1") == ["2026-01-01T09:00:00Z CHARGE +10000 balance=10000"])
        #expect(await c.run("point history user=2") == ["user 2 has no point history"])
        #expect(await c.run("point charge user=1 amount=0").first?.hasPrefix("error: INVALID_CHARGE_AMOUNT") == true)
    }

    @Test func couponAndPolicyCommands() async throws {
        let c = try await Captured()
        #expect(
            await c.run("coupon create SALE percent=10 max=3_000 quantity=5 valid=1h min=10_000 as sale") == [
                "policy 1: id=1 name=SALE type=PERCENT amount=- percent=10 max=3000 quantity=5 issued=0 minOrder=10000 validUntil=2026-01-01T10:00:00Z",
                "$sale = 1",
            ])
        #expect(
            await c.run("coupon issue $sale user=7 as c").first
                == "coupon 1: id=1 policyId=1 userId=7 status=ISSUED orderId=- name=SALE validUntil=2026-01-01T10:00:00Z")
        #expect(await c.run("coupon list user=7").count == 1)
        #expect(await c.run("coupon list user=8") == ["user 8 holds no coupons"])
        #expect(await c.run("coupon show $c").first?.contains("status=ISSUED") == true)
        #expect(await c.run("policy show $sale").first?.contains("issued=1") == true)
        #expect(await c.run("policy list").count == 1)
        #expect(await c.run("coupon create X").first == "error: INVALID_ARGUMENT: coupon create needs exactly one of fixed=N or percent=P")
    }

    @Test func orderPaymentAndClockCommands() async throws {
        let c = try await Captured()
        await c.run("product add Pen price=1_000 stock=5 as pen", "point charge user=1 amount=10_000")
        #expect(await c.run("order place user=1 items=$pen:2 as o").last == "$o = 1")
        #expect(await c.run("order list status=pending").count == 1)
        #expect(await c.run("order list user=2") == ["no orders"])
        #expect(await c.run("order list status=LOST").first?.contains("status must be PENDING, PAID or EXPIRED") == true)
        let paid = await c.run("pay order=$o user=1 key=k1 as p")
        #expect(
            paid == [
                "payment 1: id=1 orderId=1 userId=1 amount=2000 createdAt=2026-01-01T09:00:00Z",
                "order 1 PAID; the data platform confirmed it", "$p = 1",
            ])
        #expect(await c.run("pay order=$o user=1 key=k1")[1] == "replayed: key k1 already paid order 1; nothing moved")
        #expect(await c.run("payment show $p").first?.hasPrefix("payment 1:") == true)
        #expect(await c.run("payment show 9") == ["error: PAYMENT_NOT_FOUND: payment 9 does not exist"])
        #expect(await c.run("order show $o").first?.contains("status=PAID items=1:2") == true)
        #expect(await c.run("clock") == ["2026-01-01T09:00:00Z"])
        await c.run("order place user=1 items=$pen:1")
        #expect(await c.run("clock advance 15m") == ["09:15:00 expired order 2", "clock 2026-01-01T09:15:00Z"])
        #expect(await c.run("clock set 2026-01-01T10:00:00Z") == ["clock 2026-01-01T10:00:00Z"])
        #expect(
            await c.run("scheduler status") == [
                "order-expiry every 1m, next due 2026-01-01T10:01:00Z", "outbox-relay every 10s, next due 2026-01-01T10:00:10Z",
            ])
        #expect(await c.run("scheduler run") == ["nothing to do"])
    }

    @Test func dataPlatformOutboxAndTraceCommands() async throws {
        let c = try await Captured()
        await c.run("product add Pen price=1_000 stock=5 as pen", "point charge user=1 amount=10_000", "dataplatform down")
        await c.run("order place user=1 items=$pen:1 as o", "pay order=$o user=1")
        #expect(
            await c.run("outbox") == [
                "outbox: 1 pending, 0 delivered",
                "  event-1 pending, 1 attempt, next try at 2026-01-01T09:00:10Z, last error: the data platform is down",
            ])
        #expect(await c.run("dataplatform show") == ["dataplatform down, received 0"])
        await c.run("dataplatform up")
        #expect(await c.run("scheduler run") == ["nothing to do"], "the event's next try is not due yet")
        let relay = await c.run("clock advance 1m")
        #expect(relay.contains { $0.contains("delivered event event-1") })
        #expect(await c.run("dataplatform show").first == "dataplatform up, received 1")
        #expect(await c.run("trace show") == ["no messages recorded ('trace on' starts recording)"])
        await c.run("trace on")
        let traced = await c.run("order place user=1 items=$pen:1")
        #expect(traced.first == "  1. User->>Order: 주문 요청")
        #expect(await c.run("trace show").count == 8)
        #expect(await c.run("trace off").first == "trace off (8 messages kept; 'trace clear' forgets them)")
        #expect(await c.run("trace clear", "trace show").last == "no messages recorded ('trace on' starts recording)")
    }

    @Test func traceMermaidWritesAFile() async throws {
        let c = try await Captured()
        let path = TestDatabase.temporaryPath(".mmd")
        defer { TestDatabase.remove(path) }
        await c.run("trace on")
        await c.run("order place user=1 items=1:1")
        #expect(await c.run("trace mermaid \(path)") == ["wrote 5 messages to \(path)"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("sequenceDiagram\n    autonumber\n    actor User\n    participant Order\n    participant Product\n"))
        #expect(text.contains("    Product-->>Order: 상품 없음\n"))
        #expect(await c.run("trace mermaid /nonexistent-dir/x.mmd").first?.hasPrefix("error: INVALID_ARGUMENT: cannot write") == true)
    }

    @Test func expectCommands() async throws {
        let c = try await Captured()
        await c.run("product add Pen price=1_000 stock=5 as pen")
        #expect(await c.run("expect product $pen stock=5 price=1_000 name=Pen") == ["ok: product 1 stock=5 price=1000 name=Pen"])
        #expect(await c.run("expect product $pen stock=4") == ["failed: expected product 1 stock=4, but it is 5"])
        #expect(await c.run("expect product $pen") == ["error: INVALID_ARGUMENT: expect product 1 needs at least one field=value"])
        #expect(await c.run("expect thing 1 a=b").first?.hasPrefix("error: INVALID_ARGUMENT: expect knows") == true)
        #expect(await c.run("expect point 1 balance=0 userId=1") == ["ok: point 1 balance=0 userId=1"])
        #expect(await c.run("expect outbox pending=0 delivered=0") == ["ok: outbox pending=0 delivered=0"])
        #expect(await c.run("expect dataplatform received=0") == ["ok: dataplatform received=0"])
        #expect(await c.run("expect order 1 status=PAID") == ["error: ORDER_NOT_FOUND (주문 존재하지 않음): order 1 does not exist"])
        #expect(await c.run("! expect order 1 status=PAID => ORDER_NOT_FOUND").first?.hasPrefix("failed as expected") == true)
    }

    @Test func helpIsGeneratedFromTheTable() async throws {
        let c = try await Captured()
        let all = await c.run("help")
        for spec in CommandTable.all { #expect(all.contains { $0.contains(spec.usage) }, "\(spec.usage)") }
        #expect(await c.run("help order").count == 3)
        #expect(await c.run("help order place").count == 1)
        #expect(await c.run("help nothing") == ["error: INVALID_ARGUMENT: no command 'nothing'; try 'help'"])
    }

    @Test func quitEndsTheSession() async throws {
        let c = try await Captured()
        #expect(await c.session.interact("quit") == .quit)
        #expect(await c.session.interact("  ") == .ok)
        #expect(await c.session.interact("nonsense") == .failed)
    }

    @Test func theSystemClockCannotBeMovedFromTheConsole() async throws {
        let app = try await testApp(AppConfiguration(clock: .system))
        let c = try await Captured(app: app)
        #expect(await c.run("clock advance 1m") == ["error: INVALID_ARGUMENT: only the simulated clock can be moved"])
    }
}
