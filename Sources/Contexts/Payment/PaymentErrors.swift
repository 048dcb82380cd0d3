import Kernel

/// The Payment context's error codes (docs/console.md), with the seed's words where its diagrams have a branch for them.
extension ErrorCode {
    public static let idempotencyKeyReused = ErrorCode("IDEMPOTENCY_KEY_REUSED")
    public static let paymentNotFound = ErrorCode("PAYMENT_NOT_FOUND")
}

extension PaymentService {
    /// Every code the context can fail with, for its ``CommerceModule``.
    public static let errorCodes: [ErrorCode] = [.idempotencyKeyReused, .paymentNotFound]
}
