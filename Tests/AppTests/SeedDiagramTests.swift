import TestSupport
import Testing

/// The seed parser must read what the seed says, or the trace comparisons prove nothing.
@Suite struct SeedDiagramTests {
    @Test func readsTheOrderDiagram() throws {
        let order = try SeedDiagram.all()[0]
        #expect(
            order.happyPath == [
                "User->>Order: 주문 요청",
                "Order->>Product: 상품 정보 및 재고 검증 요청", "Product->>Product: 재고 검증", "Product-->>Order: 재고 검증 반환",
                "Order->>Coupon: 쿠폰 검증 요청", "Coupon->>Coupon: 쿠폰 검증", "Coupon-->>Order: 쿠폰 유효성 확인 반환",
                "Order->>Point: 잔고 검증 요청", "Point->>Point: 잔고 검증", "Point-->>Order: 잔고 검증 반환",
                "Order-->>User: 주문 생성 완료",
            ])
        #expect(
            order.failurePath(alt: 0) == [
                "User->>Order: 주문 요청", "Order->>Product: 상품 정보 및 재고 검증 요청", "Product->>Product: 재고 검증",
                "Product-->>Order: 재고 부족", "Order-->>User: 실패 응답 (상품 재고 부족)",
            ])
    }

    @Test func readsThePaymentAndSchedulerDiagrams() throws {
        let diagrams = try SeedDiagram.all()
        #expect(diagrams.count == 3)
        #expect(diagrams[1].happyPath.count == 18)
        #expect(diagrams[1].happyPath[2] == "Order->>Payment: 주문 생성 확인 완료")
        #expect(
            diagrams[1].happyPath.suffix(3) == [
                "Payment->>DataPlatForm: 주문정보 전송", "DataPlatForm-->>Payment: 전송 확인", "Payment-->>User: 결제 성공",
            ])
        #expect(diagrams[2].happyPath.count == 5)
    }
}
