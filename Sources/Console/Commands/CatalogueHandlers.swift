import Kernel

extension Handlers {
    static func productAdd(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let product = try await session.app.products.add(
            name: try call.requiredOperand(0), price: try Values.money(try call.required("price"), "price"),
            stock: try Values.integer(try call.required("stock"), "stock"))
        return [EntityView(product).line] + session.bound(call, "\(product.id)")
    }

    static func productList(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let products = try await session.app.products.list()
        return products.isEmpty ? ["no products"] : products.map { EntityView($0).line }
    }

    static func productShow(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        [EntityView(try await session.app.products.show(try Values.id(try call.requiredOperand(0), "product id"))).line]
    }

    static func productRestock(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let product = try await session.app.products.restock(
            try Values.id(try call.requiredOperand(0), "product id"), quantity: try Values.integer(try call.required("qty"), "qty"))
        return [EntityView(product).line]
    }
}
