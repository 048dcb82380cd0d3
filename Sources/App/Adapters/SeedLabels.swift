import Kernel

/// The words of the seed's sequence diagrams, in one place. Where the seed has no branch for a failure (an
/// unknown product, an order already paid), the label follows the seed's style.
enum SeedLabels {
    static let user = "User"
    /// The seed's participant for the expiry job.
    static let scheduler = "Scheduler"

    // 주문 시퀀스, the order diagram.
    static let placeOrder = SeedExchange("주문 요청", reply: "주문 생성 완료")
    static let checkStock = SeedExchange("상품 정보 및 재고 검증 요청", work: "재고 검증", reply: "재고 검증 반환")
    static let validateCoupon = SeedExchange("쿠폰 검증 요청", work: "쿠폰 검증", reply: "쿠폰 유효성 확인 반환")
    static let checkBalance = SeedExchange("잔고 검증 요청", work: "잔고 검증", reply: "잔고 검증 반환")

    // 결제 시퀀스, the payment diagram.
    static let pay = SeedExchange("결제를 요청", reply: "결제 성공")
    static let confirmPayable = SeedExchange("주문정보 상태 확인 요청", reply: "주문 생성 확인 완료")
    static let deductStock = SeedExchange("상품 재고 차감 요청", work: "재고 차감", reply: "재고 차감 완료")
    static let redeemCoupon = SeedExchange("쿠폰 사용 처리 요청", work: "쿠폰 사용", reply: "쿠폰 사용 완료")
    static let deductPoints = SeedExchange("잔고 차감 요청", work: "잔고 차감", reply: "잔고 차감 완료")
    static let completeOrder = SeedExchange("주문 완료 요청", work: "주문 완료 처리", reply: "주문 완료")
    static let sendToPlatform = SeedExchange("주문정보 전송", reply: "전송 확인")
    /// Not the seed's: its diagram has no failed delivery.
    static let platformFailed = "전송 실패 (재전송 대기)"

    // 주문 만료 스케줄러, the expiry diagram.
    static let findExpired = SeedExchange("만료 대상 주문 조회", reply: "만료 대상 주문 리스트 반환")
    static let expireOrder = SeedExchange("주문 상태 변경 요청", work: "주문 상태 변경", reply: "상태 변경 완료")

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
    static func failureResponse(_ code: ErrorCode) -> String { SeedBranches.failureResponse(failureWords(code)) }
}

/// One exchange of a seed diagram: the request arrow, the callee's own work (a self-arrow), and the reply.
struct SeedExchange {
    let request: String
    let work: String?
    let reply: String

    init(_ request: String, work: String? = nil, reply: String) {
        (self.request, self.work, self.reply) = (request, work, reply)
    }
}
