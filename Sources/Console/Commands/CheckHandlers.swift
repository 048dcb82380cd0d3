import Kernel

extension Handlers {
    static func expectEntity(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let kind = try call.requiredOperand(0), id = try call.requiredOperand(1)
        guard let fields = EntityView.kinds[kind] else {
            throw DomainError.invalid("expect knows \(EntityView.kinds.keys.sorted().joined(separator: ", ")); not '\(kind)'")
        }
        guard !call.keyOrder.isEmpty else { throw DomainError.invalid("expect \(kind) \(id) needs at least one field=value") }
        for key in call.keyOrder where !fields.contains(key) {
            throw DomainError.invalid("\(kind) has no field '\(key)' (fields: \(fields.joined(separator: ", ")))")
        }
        let view = try await entity(kind, id, session)
        let checks = call.keyOrder.map { key in (key, call.keys[key] ?? "", view.value(of: key) ?? nil) }
        return try verdict("\(kind) \(id)", checks)
    }

    static func expectOutbox(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        guard !call.keyOrder.isEmpty else { throw DomainError.invalid("expect outbox needs pending=N, delivered=N or dead=N") }
        let counts = try await session.app.dataPlatform.counts()
        let actual = ["pending": counts.pending, "delivered": counts.delivered, "dead": counts.deadLettered]
        return try verdict("outbox", call.keyOrder.map { ($0, call.keys[$0] ?? "", actual[$0].map(String.init)) })
    }

    static func expectPlatform(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        guard let recorder = session.app.dataPlatformRecorder else {
            throw DomainError.invalid("this session's data platform is not simulated; use 'expect outbox delivered=N'")
        }
        return try verdict("dataplatform", [("received", try call.required("received"), String(recorder.received.count))])
    }

    /// Compares each `(field, expected, actual)`: numbers as numbers (`45_000` equals `45000`), `-` as empty,
    /// anything else exactly.
    static func verdict(_ subject: String, _ checks: [(String, String, String?)]) throws -> [String] {
        let wrong = checks.filter { !matches(expected: $0.1, actual: $0.2) }
        guard wrong.isEmpty else {
            let details = wrong.map { "\($0.0)=\($0.1), but it is \(Values.printed($0.2))" }.joined(separator: "; ")
            throw ConsoleFailure.expectation("expected \(subject) \(details)")
        }
        return ["ok: \(subject) " + checks.map { "\($0.0)=\(Values.printed($0.2))" }.joined(separator: " ")]
    }

    static func matches(expected: String, actual: String?) -> Bool {
        guard let actual, !actual.isEmpty else { return expected == "-" || expected.isEmpty }
        if let left = try? Values.integer(expected, "value"), let right = try? Values.integer(actual, "value") { return left == right }
        return expected == actual
    }

    static func entity(_ kind: String, _ id: String, _ session: ConsoleSession) async throws -> EntityView {
        let app = session.app
        switch kind {
        case "product": return EntityView(try await app.products.show(try Values.id(id, "product id")))
        case "point": return EntityView(try await app.points.balance(of: try Values.id(id, "user")))
        case "policy": return EntityView(try await app.coupons.policy(try Values.id(id, "coupon policy id")))
        case "coupon": return EntityView(try await app.coupons.coupon(try Values.id(id, "coupon id")))
        case "order": return EntityView(try await app.orders.order(try Values.id(id, "order id")))
        default: return EntityView(try await app.payments.payment(try Values.id(id, "payment id")))
        }
    }
}
