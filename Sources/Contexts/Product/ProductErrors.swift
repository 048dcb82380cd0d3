import Kernel

/// The Product context's error codes (docs/console.md), with the seed's words where its diagrams have a branch for them.
extension ErrorCode {
    public static let productNotFound = ErrorCode("PRODUCT_NOT_FOUND")
    public static let outOfStock = ErrorCode("OUT_OF_STOCK", seedWords: "상품 재고 부족")
}

extension ProductCatalog {
    /// Every code the context can fail with, for its ``CommerceModule``.
    public static let errorCodes: [ErrorCode] = [.productNotFound, .outOfStock]
}
