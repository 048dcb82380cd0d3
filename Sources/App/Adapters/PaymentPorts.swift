import Coupon
import DataPlatform
import Foundation
import Kernel
import Logging
import Order
import Payment
import Point
import Product
import Synchronization

/// The Payment context's ports, served by the Order, Product, Coupon, Point and DataPlatform doors, each call
/// traced with the seed's payment diagram.

struct PayableOrdersAdapter: PayableOrders {
    let orders: OrderService
    let tracer: any Tracer

    private var call: TracedCall { TracedCall(tracer: tracer, caller: PaymentService.name, callee: OrderService.name) }

    func lockForPayment(_ order: OrderID, in tx: Transaction) async throws {
        try await orders.lockForPayment(order, in: tx)  // not a message of the seed's: no arrow
    }

    func confirmPayable(_ order: OrderID, user: UserID, in tx: Transaction) async throws -> PayableOrder {
        // The seed draws this reply with a solid arrow (`Order->>-Payment`); the trace keeps it.
        try await call.run(SeedLabels.confirmPayable, replyArrow: .call) {
            let order = try await orders.confirmPayable(order, user: user, in: tx)
            return PayableOrder(
                orderId: order.id, userId: order.userId,
                lines: order.lines.map { PaymentLine(productId: $0.productId, quantity: $0.quantity, unitPrice: $0.unitPrice) },
                couponId: order.couponId, totalAmount: order.totalAmount, discountAmount: order.discountAmount,
                payAmount: order.payAmount)
        }
    }

    func complete(_ order: OrderID, in tx: Transaction) async throws -> Timestamp {
        try await call.run(SeedLabels.completeOrder) {
            try await orders.complete(order, in: tx)
        }
    }
}

struct StockDeductorAdapter: StockDeductor {
    let catalog: ProductCatalog
    let tracer: any Tracer

    func deductStock(_ lines: [PaymentLine], in tx: Transaction) async throws {
        try await TracedCall(tracer: tracer, caller: PaymentService.name, callee: ProductCatalog.name)
            .run(SeedLabels.deductStock) {
                try await catalog.deduct(lines.map { StockLine(productId: $0.productId, quantity: $0.quantity) }, in: tx)
            }
    }
}

struct CouponRedeemerAdapter: CouponRedeemer {
    let coupons: CouponService
    let tracer: any Tracer

    func redeem(_ coupon: CouponID, user: UserID, order: OrderID, total: Money, in tx: Transaction) async throws {
        try await TracedCall(tracer: tracer, caller: PaymentService.name, callee: CouponService.name)
            .run(SeedLabels.redeemCoupon) {
                try await coupons.redeem(coupon, for: user, order: order, total: total, in: tx)
            }
    }
}

struct PointLedgerAdapter: PointLedger {
    let points: PointService
    let tracer: any Tracer

    func deductPoints(user: UserID, amount: Money, order: OrderID, in tx: Transaction) async throws {
        try await TracedCall(tracer: tracer, caller: PaymentService.name, callee: PointService.name)
            .run(SeedLabels.deductPoints) {
                _ = try await points.deduct(user, amount: amount, order: order, in: tx)
            }
    }
}

struct PaidOrderPublisherAdapter: PaidOrderPublisher {
    static let kind = "ORDER_PAID"

    let dataPlatform: DataPlatformService
    let tracer: any Tracer
    let logger = Logger(label: "commerce.dataplatform")
    /// The event `record` encoded last, so that `publish` right after the commit sends those bytes without
    /// encoding them again (JSON encoding was a twentieth of a payment). Another payment in between only means a
    /// second encoding of the same bytes.
    let lastRecorded = LastRecordedEvent()

    func record(_ paid: PaidOrder, in tx: Transaction) async throws {
        let event = try Self.event(paid)
        try await dataPlatform.enqueue(event, in: tx)
        lastRecorded.keep(event)
    }

    func publish(_ paid: PaidOrder) async -> Bool {
        tracer.record(TraceMessage(PaymentService.name, .call, DataPlatformService.name, SeedLabels.sendToPlatform.request))
        let outcome: DeliveryOutcome?
        do {
            outcome = try await dataPlatform.deliverNow(try lastRecorded.take(paid.eventId) ?? Self.event(paid))
        } catch {
            // The payment stands and its event is in the outbox, untried or with the attempt unrecorded: the
            // relay sends it once its first lease ends. Said, so that an operator sees a failing database here.
            logger.warning(
                "the paid order's event was not sent, or its attempt not recorded; the relay retries it after its lease",
                metadata: ["eventId": "\(paid.eventId)", "orderId": "\(paid.orderId)", "error": "\(error)"])
            outcome = nil
        }
        let delivered = outcome == .delivered
        tracer.record(
            TraceMessage(
                DataPlatformService.name, .reply, PaymentService.name,
                delivered ? SeedLabels.sendToPlatform.reply : SeedLabels.platformFailed))
        return delivered
    }

    /// The platform's event for a paid order: the same bytes each time (sorted keys), so the outbox row and the
    /// delivery agree.
    static func event(_ paid: PaidOrder) throws -> PlatformEvent {
        PlatformEvent(eventId: paid.eventId, kind: kind, payload: String(decoding: try encoder.encode(paid), as: UTF8.self))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}

/// One event, kept between a payment's `record` and its `publish`.
final class LastRecordedEvent: Sendable {
    private let event = Mutex<PlatformEvent?>(nil)

    func keep(_ recorded: PlatformEvent) { event.withLock { $0 = recorded } }

    /// The kept event when it is the one with `eventId` (and forgets it), else nil.
    func take(_ eventId: String) -> PlatformEvent? {
        event.withLock { kept in
            guard kept?.eventId == eventId else { return nil }
            defer { kept = nil }
            return kept
        }
    }
}
