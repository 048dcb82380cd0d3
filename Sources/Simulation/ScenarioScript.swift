import Kernel

/// A run written in the console's own language (docs/console.md), so that `commerce run FILE` replays it: each
/// step as the command a person would type, with `!` and the predicted code where the rules refuse it, and
/// `expect` lines for what the simulator checked. Faults, which the console cannot inject, are comments; their
/// effect is replayed (a crash's committed work is there, a rolled-back step is commented out, a platform that
/// failed one delivery is switched down around it).
struct ScenarioScript: Sendable {
    private(set) var lines: [String] = []
    /// Delivered events last asserted, so that `expect outbox` is written only when it changes.
    private var assertedDelivered: Int?
    /// Steps per `##` phase.
    static let phaseLength = 100

    /// The text, ending with a newline.
    var text: String { lines.joined(separator: "\n") + "\n" }

    /// A step that names an entity that does not exist: its creation failed, or a shortened replay left it out.
    mutating func skipped(_ step: Step) {
        phase(step)
        lines.append("# step \(step.number) skipped: it names something that was never created")
    }

    /// The step's command, without `!`, the expected code or the binding.
    func command(_ step: Step) -> String {
        switch step.action {
        case .addProduct(let label, let price, let stock):
            return "product add \"\(Action.productName(label))\" price=\(price) stock=\(stock)"
        case .charge(let user, let amount):
            return "point charge user=\(user) amount=\(amount)"
        case .restock(let product, let quantity):
            return "product restock $\(product) qty=\(quantity)"
        case .createPolicy(let label, let rule, let quantity, let validSeconds, let minOrder):
            var words = ["coupon create \"\(Action.policyName(label))\""]
            switch rule {
            case .fixed(let amount): words.append("fixed=\(amount)")
            case .percent(let percent, let max):
                words.append("percent=\(percent)")
                if let max { words.append("max=\(max)") }
            }
            if let quantity { words.append("quantity=\(quantity)") }
            if let validSeconds { words.append("valid=\(validSeconds)s") }
            if minOrder > 0 { words.append("min=\(minOrder)") }
            return words.joined(separator: " ")
        case .issue(_, let policy, let user):
            return "coupon issue \(policy.map { "$\($0)" } ?? String(unknownID)) user=\(user)"
        case .place(_, let user, let items, let coupon):
            let listed = items.map { "\($0.product.map { "$\($0)" } ?? String(unknownID)):\($0.quantity)" }.joined(separator: ",")
            var line = "order place user=\(user) items=\(listed)"
            switch coupon {
            case .label(let label): line += " coupon=$\(label)"
            case .unknown: line += " coupon=\(unknownID)"
            case nil: break
            }
            return line
        case .pay(let order, let user, let key):
            return "pay order=\(order.map { "$\($0)" } ?? String(unknownID)) user=\(user)" + (key.map { " key=\($0)" } ?? "")
        case .advance(let seconds):
            return "clock advance \(seconds)s"
        case .platform(let up):
            return up ? "dataplatform up" : "dataplatform down"
        case .sweep(let ahead):
            return "# the expiry sweep as of \(ahead) s ahead (concurrent mode only)"
        }
    }

    /// Writes a step as it went: `prediction` is what the rules said it answers, `model` the state after it,
    /// `before` the state before it, `expired` the orders it moved to EXPIRED.
    mutating func record(_ step: Step, prediction: Model.Prediction, model: Model, before: Model, expired: [String]) {
        phase(step)
        let command = command(step)
        if case .fails(let code) = prediction {
            lines.append("! \(command) => \(code.rawValue)")
            return
        }
        switch step.fault {
        case .failBeforeCommit?:
            lines.append("# step \(step.number): fail-before-commit: the transaction rolled back before its commit, so nothing changed")
            lines.append("# \(command)")
            return
        case .crashAfterCommit?:
            lines.append("# step \(step.number): crash-after-commit: the work committed and the answer was lost")
        case .serializationFailure?:
            lines.append("# step \(step.number): serialization-failure: the transaction was retried whole")
        case .platformAcksTwice?:
            lines.append("# step \(step.number): platform-acks-twice: the data platform acknowledged the event twice")
        case .clockJump?:
            lines.append("# step \(step.number): clock-jump")
        case .platformFails?, .platformHangs?:
            lines.append("# step \(step.number): \(step.fault?.rawValue ?? ""): the payment's delivery failed")
            if before.platformUp { lines.append("dataplatform down") }
        case nil:
            break
        }
        lines.append(command + binding(step))
        if step.fault == .crashAfterCommit, case .pay = step.action { lines.append("\(command)  # the client's retry: a replay") }
        if step.fault?.failsTheDelivery == true && before.platformUp { lines.append("dataplatform up") }
        expectations(step, model: model, expired: expired)
    }

    private func binding(_ step: Step) -> String {
        switch step.action {
        case .addProduct(let label, _, _), .createPolicy(let label, _, _, _, _), .issue(let label, _, _), .place(let label, _, _, _):
            " as \(label)"
        default: ""
        }
    }

    private mutating func expectations(_ step: Step, model: Model, expired: [String]) {
        switch step.action {
        case .addProduct(let label, _, _), .restock(let label, _):
            if let product = model.products[label] { lines.append("expect product $\(label) stock=\(product.stock)") }
        case .charge(let user, _):
            lines.append("expect point \(user) balance=\(model.users[user]?.balance ?? 0)")
        case .issue(let label, _, let user):
            if model.coupons[label] != nil { lines.append("expect coupon $\(label) userId=\(user)") }
        case .place(let label, _, _, _):
            guard let order = model.orders[label] else { return }
            lines.append(
                "expect order $\(label) status=PENDING totalAmount=\(order.total) discountAmount=\(order.discount) payAmount=\(order.pay)")
        case .pay(let label, let user, _):
            lines.append("expect point \(user) balance=\(model.users[user]?.balance ?? 0)")
            guard let label, let order = model.orders[label] else { return }
            lines.append("expect order $\(label) status=\(order.status.rawValue)")
            for line in order.lines { lines.append("expect product $\(line.product) stock=\(model.products[line.product]?.stock ?? 0)") }
            if let coupon = order.coupon, let used = model.coupons[coupon]?.usedBy {
                lines.append("expect coupon $\(coupon) status=USED orderId=$\(used)")
            }
            expectOutbox(model)
        case .advance, .platform, .sweep:
            for label in expired { lines.append("expect order $\(label) status=EXPIRED") }
            expectOutbox(model)
        case .createPolicy:
            break
        }
    }

    private mutating func expectOutbox(_ model: Model) {
        guard model.everyEventDelivered, assertedDelivered != model.paidCount else { return }
        assertedDelivered = model.paidCount
        lines.append("expect outbox pending=0 delivered=\(model.paidCount) dead=0")
    }

    private mutating func phase(_ step: Step) {
        guard step.number == 1 || (step.number - 1) % Self.phaseLength == 0 else { return }
        lines.append("")
        lines.append("## Steps \(step.number)–\(step.number + Self.phaseLength - 1)")
    }
}
