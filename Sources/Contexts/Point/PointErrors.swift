import Kernel

/// The Point context's error codes (docs/console.md), with the seed's words where its diagrams have a branch for them.
extension ErrorCode {
    public static let insufficientBalance = ErrorCode("INSUFFICIENT_BALANCE", seedWords: "잔고 부족")
    public static let invalidChargeAmount = ErrorCode("INVALID_CHARGE_AMOUNT")
    public static let balanceLimitExceeded = ErrorCode("BALANCE_LIMIT_EXCEEDED")
}

extension PointService {
    /// Every code the context can fail with, for its ``CommerceModule``.
    public static let errorCodes: [ErrorCode] = [.insufficientBalance, .invalidChargeAmount, .balanceLimitExceeded]
}
