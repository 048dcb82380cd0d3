import Kernel

/// The words of the seed's sequence diagrams, in one place. Where the seed has no branch for a failure (an
/// unknown product, an order already paid), the label follows the seed's style.
enum SeedLabels {
    static let user = "User"

    /// The reply a context gives its caller when a check fails with `code`.
    static func refusal(_ code: ErrorCode) -> String {
        switch code {
        case .outOfStock: "재고 부족"
        case .couponNotFound, .couponExpired, .couponAlreadyUsed, .couponMinOrderNotMet: "쿠폰 사용 불가"
        case .insufficientBalance: "잔고 부족"
        case .orderNotFound: "주문 존재하지 않음"
        default: failureWords(code)
        }
    }

    /// The words inside `실패 응답 (...)` for `code`.
    static func failureWords(_ code: ErrorCode) -> String {
        if let words = code.seedWords { return words }
        return switch code {
        case .productNotFound: "상품 없음"
        case .orderAlreadyPaid: "이미 결제된 주문"
        case .orderExpired: "만료된 주문"
        case .idempotencyKeyReused: "멱등 키 재사용"
        case .couponSoldOut: "쿠폰 소진"
        case .couponAlreadyIssued: "쿠폰 중복 발급"
        case .invalidChargeAmount: "잘못된 충전 금액"
        case .balanceLimitExceeded: "잔고 한도 초과"
        default: "잘못된 요청"
        }
    }

    /// `실패 응답 (상품 재고 부족)`.
    static func failureResponse(_ code: ErrorCode) -> String { "실패 응답 (\(failureWords(code)))" }
}
