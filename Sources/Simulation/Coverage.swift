import Kernel
import Order
import Point
import Product

/// A branch of the seed's three diagrams, or an edge of one that the simulator aims to reach.
public enum Branch: String, Sendable, CaseIterable, Codable {
    case orderCreated = "order: 주문 생성 완료"
    case orderOutOfStock = "order alt: 상품 재고 부족"
    case orderCouponRefused = "order alt: 쿠폰 사용 불가 (expired, used, another's, under the minimum)"
    case orderCouponAccepted = "order else: 쿠폰 사용 가능"
    case orderInsufficientBalance = "order alt: 잔고 부족"
    case paymentSucceeded = "payment: 결제 성공"
    case paymentOrderMissing = "payment alt: 주문이 존재하지 않음"
    case paymentWithCoupon = "payment opt: 쿠폰 사용 시"
    case paymentDeliveryFailed = "payment: 전송 실패 (재전송 대기)"
    case paymentLastSecond = "payment: paid in the deadline's last second"
    case paymentAtDeadline = "payment: refused at the deadline, before the job ran"
    case paymentReplayed = "payment: idempotent replay"
    case expiryLoop = "expiry loop: 주문별 처리 (a sweep that expired orders)"
}

/// How often each branch and each fault was reached, and every use case's outcomes.
public struct Coverage: Sendable, Equatable {
    /// Use case → outcome (`OK`, an error code, `UNAVAILABLE`, `ANSWER LOST`) → count.
    public var outcomes: [String: [String: Int]] = [:]
    public var branches: [Branch: Int] = [:]
    /// Faults drawn for a step.
    public var faultsInjected: [SimulatedFault: Int] = [:]
    /// Faults whose effect was seen: the transaction failed, the answer was lost, the retry ran, the delivery
    /// failed, hung or was acknowledged twice, the clock jumped.
    public var faultsFired: [SimulatedFault: Int] = [:]
    public var ordersExpired = 0

    /// Counts a step's outcome, with `model` as it was before the step.
    mutating func count(_ step: Step, _ observation: Observation, model: Model, serializationRetried: Bool) {
        let outcome: String =
            switch observation {
            case .refused(let code): code.rawValue
            case .unavailable: "UNAVAILABLE"
            case .crashed: "ANSWER LOST"
            case .broken: "SERVER FAULT"
            default: "OK"
            }
        outcomes[step.action.useCase, default: [:]][outcome, default: 0] += 1
        if let fault = step.fault {
            faultsInjected[fault, default: 0] += 1
            if fired(fault, observation, serializationRetried: serializationRetried) { faultsFired[fault, default: 0] += 1 }
        }
        switch step.action {
        case .place(_, _, _, let coupon):
            switch observation.code {
            case nil where outcome == "OK":
                reach(.orderCreated)
                if coupon != nil { reach(.orderCouponAccepted) }
            case .outOfStock?: reach(.orderOutOfStock)
            case .some(let code) where code.rawValue.hasPrefix("COUPON_"): reach(.orderCouponRefused)
            case .insufficientBalance?: reach(.orderInsufficientBalance)
            default: break
            }
        case .pay(let label, _, _):
            let order = label.flatMap { model.orders[$0] }
            if observation.code == .orderNotFound { reach(.paymentOrderMissing) }
            if case .payment(let receipt) = observation {
                if receipt.isReplay {
                    reach(.paymentReplayed)
                } else {
                    reach(.paymentSucceeded)
                    if order?.coupon != nil { reach(.paymentWithCoupon) }
                    if !receipt.deliveredToDataPlatform { reach(.paymentDeliveryFailed) }
                    if let order, order.expiresAt.seconds(since: model.now) == 1 { reach(.paymentLastSecond) }
                }
            }
            if let order, order.expiresAt == model.now, order.status == .pending, observation.code == .orderExpired {
                reach(.paymentAtDeadline)
            }
        default:
            break
        }
    }

    /// Counts orders the expiry job moved in one step.
    mutating func expired(_ count: Int) {
        guard count > 0 else { return }
        reach(.expiryLoop)
        ordersExpired += count
    }

    private mutating func reach(_ branch: Branch) { branches[branch, default: 0] += 1 }

    private func fired(_ fault: SimulatedFault, _ observation: Observation, serializationRetried: Bool) -> Bool {
        switch fault {
        case .failBeforeCommit: if case .unavailable = observation { true } else { false }
        case .crashAfterCommit: if case .crashed = observation { true } else { false }
        case .serializationFailure: serializationRetried
        case .platformFails, .platformHangs:
            if case .payment(let receipt) = observation { !receipt.isReplay && !receipt.deliveredToDataPlatform } else { false }
        case .platformAcksTwice:
            if case .payment(let receipt) = observation { !receipt.isReplay && receipt.deliveredToDataPlatform } else { false }
        case .clockJump: true
        }
    }

    /// Branches and faults of `plan` never reached.
    public func unreached(faults plan: FaultPlan) -> [String] {
        Branch.allCases.filter { branches[$0] == nil }.map(\.rawValue)
            + SimulatedFault.allCases.filter { plan.rate($0) > 0 && faultsFired[$0] == nil }.map(\.rawValue)
    }
}
