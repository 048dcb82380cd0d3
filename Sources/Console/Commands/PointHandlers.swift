import Kernel

extension Handlers {
    static func pointCharge(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let balance = try await session.app.points.charge(
            try Values.id(try call.required("user"), "user"), amount: try Values.money(try call.required("amount"), "amount"))
        return [EntityView(balance).line]
    }

    static func pointShow(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        [EntityView(try await session.app.points.balance(of: try Values.id(try call.required("user"), "user"))).line]
    }

    static func pointHistory(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let user: UserID = try Values.id(try call.required("user"), "user")
        let entries = try await session.app.points.history(of: user)
        guard !entries.isEmpty else { return ["user \(user) has no point history"] }
        return entries.map { entry in
            let sign = entry.kind == .charge ? "+" : "-"
            let order = entry.orderId.map { " orderId=\($0)" } ?? ""
            return "\(entry.createdAt) \(entry.kind.rawValue) \(sign)\(entry.amount) balance=\(entry.balanceAfter)\(order)"
        }
    }
}
