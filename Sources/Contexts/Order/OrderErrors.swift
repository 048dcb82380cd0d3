import Kernel

/// The Order context's error codes (docs/console.md), with the seed's words where its diagrams have a branch for them.
extension ErrorCode {
    public static let orderNotFound = ErrorCode("ORDER_NOT_FOUND", seedWords: "주문 존재하지 않음")
    public static let orderExpired = ErrorCode("ORDER_EXPIRED")
    public static let orderAlreadyPaid = ErrorCode("ORDER_ALREADY_PAID")
}

extension OrderService {
    /// Every code the context can fail with, for its ``CommerceModule``.
    public static let errorCodes: [ErrorCode] = [.orderNotFound, .orderExpired, .orderAlreadyPaid]
}
