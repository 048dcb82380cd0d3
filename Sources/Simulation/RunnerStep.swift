import App
import Kernel
import Order

extension Runner {
    /// Runs one step in the deterministic mode: predicts its answer, injects its fault, sends it, compares,
    /// updates the model, records it in the scenario, and checks what it touched against the database.
    func perform(_ step: Step) async -> Violation? {
        let prediction = model.predict(step.action)
        guard prediction != .notApplicable, let call = resolve(step.action) else {
            script.skipped(step)
            return nil
        }
        let before = model
        let retriesBefore = faults.fired[.serializationFailure] ?? 0
        let observation = await send(call, fault: step.fault)
        let retried = (faults.fired[.serializationFailure] ?? 0) > retriesBefore && observation.code == nil
        coverage.count(step, observation, model: before, serializationRetried: retried)
        if case .broken(let reason) = observation {
            return Violation(step: step.number, invariant: .serverFault, detail: "\(script.command(step)) failed: \(reason)")
        }
        if let mismatch = judge(step, prediction: prediction, observation: observation) {
            script.record(step, prediction: prediction, model: model, before: before, expired: [])
            return Violation(step: step.number, invariant: .answerAsPredicted, detail: mismatch)
        }
        let outcome: Applied
        do {
            outcome = try await apply(step, call: call, observation: observation)
        } catch let violation as Violation {
            script.record(step, prediction: prediction, model: model, before: before, expired: [])
            return violation
        } catch {
            return Violation(step: step.number, invariant: .serverFault, detail: "recovering from step \(step.number): \(error)")
        }
        coverage.expired(outcome.expired.count)
        script.record(step, prediction: prediction, model: model, before: before, expired: outcome.expired)
        if let violation = await Oracle(runner: self).checkTouched(step, expired: outcome.expired) { return violation }
        return await auditIfDue(step: step.number)
    }

    /// Sends a call with its fault injected, and takes the fault out again whatever happened.
    func send(_ call: Call, fault: SimulatedFault?) async -> Observation {
        if let injected = fault?.injected { faults.arm(injected) }
        // A platform that is down stays down: its faults strike a platform that is up.
        let platformMode = model.platformUp ? fault?.platformMode : nil
        if let platformMode { platform.set(mode: platformMode) }
        let observation = await call.execute(on: app, platform: platform)
        faults.disarm()
        if platformMode != nil { platform.set(up: true) }
        return observation
    }

    /// The call an action makes, with labels resolved to ids; nil when a label names nothing.
    func resolve(_ action: Action) -> Call? {
        switch action {
        case .addProduct(let label, let price, let stock):
            return .addProduct(name: Action.productName(label), price: price, stock: stock)
        case .charge(let user, let amount):
            return .charge(user: user, amount: amount)
        case .restock(let product, let quantity):
            return model.products[product].map { .restock(product: $0.id, quantity: quantity) }
        case .createPolicy(let label, let rule, let quantity, let validSeconds, let minOrder):
            return .createPolicy(
                name: Action.policyName(label), rule: rule, quantity: quantity, validSeconds: validSeconds, minOrder: minOrder)
        case .issue(_, let policy, let user):
            guard let policy else { return .issue(policy: unknownID, user: user) }
            return model.policies[policy].map { .issue(policy: $0.id, user: user) }
        case .place(_, let user, let items, let coupon):
            var resolved: [(product: Int64, quantity: Int64)] = []
            for item in items {
                guard let label = item.product else {
                    resolved.append((unknownID, item.quantity))
                    continue
                }
                guard let product = model.products[label] else { return nil }
                resolved.append((product.id, item.quantity))
            }
            var couponId: Int64?
            switch coupon {
            case nil: couponId = nil
            case .unknown: couponId = unknownID
            case .label(let label):
                guard let issued = model.coupons[label] else { return nil }
                couponId = issued.id
            }
            return .place(user: user, items: resolved, coupon: couponId)
        case .pay(let order, let user, let key):
            guard let order else { return .pay(order: unknownID, user: user, key: key) }
            return model.orders[order].map { .pay(order: $0.id, user: user, key: key) }
        case .advance(let seconds):
            return .advance(seconds: seconds)
        case .platform(let up):
            return .platform(up: up)
        case .sweep(let ahead):
            return .sweep(at: Timestamp(rawValue: model.now.rawValue + ahead))
        }
    }

    /// Why the answer is not the predicted one, or nil when it is.
    private func judge(_ step: Step, prediction: Model.Prediction, observation: Observation) -> String? {
        let command = script.command(step)
        let expected: String
        switch (prediction, step.fault?.injected) {
        case (.fails(let code), _):
            if observation.code == code { return nil }
            expected = code.rawValue
        case (_, .failBeforeCommit?):
            if case .unavailable = observation { return nil }
            expected = "the database's failure (the injected fault before the commit)"
        case (_, .crashAfterCommit?):
            if case .crashed = observation { return nil }
            expected = "a lost answer (the injected crash after the commit)"
        case (.replays(let paymentId), _):
            if case .payment(let receipt) = observation {
                guard receipt.isReplay, receipt.payment.id.rawValue == paymentId else {
                    return "\(command) answered payment \(receipt.payment.id) (replay: \(receipt.isReplay)); the key's first "
                        + "payment was \(paymentId), so the rules predict its replay"
                }
                return nil
            }
            expected = "the replay of payment \(paymentId)"
        default:
            switch observation {
            case .refused, .unavailable, .crashed, .broken: expected = "success"
            default: return nil
            }
        }
        return "\(command) answered \(Self.describe(observation)); the rules predict \(expected)"
    }

    static func describe(_ observation: Observation) -> String {
        switch observation {
        case .refused(let code): code.rawValue
        case .unavailable(let reason): "unavailable (\(reason))"
        case .crashed: "nothing (a lost answer)"
        case .broken(let reason): "a server fault (\(reason))"
        default: "success"
        }
    }
}
