/// The words of the seed's blocks (`alt`, `else`, `opt`, `loop`), which no message carries, for the diagrams
/// redrawn whole from the runs (`docs/sequences/seed-redrawn.md`). Beside ``SeedLabels``: one table of the
/// seed's words.
public enum SeedBranches {
    /// How one of the seed's diagrams is assembled from traced flows.
    public struct Diagram: Sendable {
        /// The seed's title.
        public let title: String
        /// The label of the message that starts a flow of this diagram.
        public let starts: String
        /// The label of the reply that ends a successful flow (nil: every flow counts).
        public let succeeds: String?
        /// The failures the seed draws as `alt` branches, by the words inside `실패 응답 (...)`, with the labels
        /// of the branch and of its `else`, in the seed's order.
        public let alternatives: [(failure: String, alt: String, otherwise: String)]
        /// The label of an `opt` block: what a successful flow without it lacks.
        public let optional: String?
        /// The label of a `loop` block: a group of messages a flow repeats.
        public let loop: String?
    }

    /// The seed's three diagrams, in its order.
    public static let diagrams: [Diagram] = [
        Diagram(
            title: "주문 시퀀스 (order)", starts: SeedLabels.placeOrder.request, succeeds: SeedLabels.placeOrder.reply,
            alternatives: [
                ("상품 재고 부족", "상품 재고 부족", "재고 있음"),
                ("쿠폰 사용 불가", "만료 쿠폰 or 이미 사용된 쿠폰", "쿠폰 사용 가능"),
                ("잔고 부족", "잔고 부족", "충분한 잔고"),
            ],
            optional: nil, loop: nil),
        Diagram(
            title: "결제 시퀀스 (payment)", starts: SeedLabels.pay.request, succeeds: SeedLabels.pay.reply,
            alternatives: [("주문 존재하지 않음", "주문이 존재하지 않음", "유효한 주문")],
            optional: "쿠폰 사용 시", loop: nil),
        Diagram(
            title: "주문 만료 스케줄러 (expiry)", starts: SeedLabels.findExpired.request, succeeds: nil,
            alternatives: [], optional: nil, loop: "주문별 처리"),
    ]

    /// `실패 응답 (...)` around `words`.
    public static func failureResponse(_ words: String) -> String { "실패 응답 (\(words))" }
}
