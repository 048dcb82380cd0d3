import App
import Kernel

extension Runner {
    /// Sends a round of calls at once, then applies every answer to the model, users' steps first and the
    /// expiry sweep last, checks what each touched, and audits the whole database.
    func performRound(_ round: [(Step, Call)]) async -> Violation? {
        let before = model
        if let fault = round.lazy.compactMap({ $0.0.fault?.injected }).first { faults.arm(fault) }
        let app = self.app
        let platform = self.platform
        let observations = await withTaskGroup(of: (Int, Observation).self) { group in
            for (index, (_, call)) in round.enumerated() {
                group.addTask { (index, await call.execute(on: app, platform: platform)) }
            }
            var collected = [Observation?](repeating: nil, count: round.count)
            for await (index, observation) in group { collected[index] = observation }
            return collected
        }
        faults.disarm()
        let ordered = round.indices.sorted { lhs, rhs in
            let lhsSweep = if case .sweep = round[lhs].0.action { 1 } else { 0 }
            let rhsSweep = if case .sweep = round[rhs].0.action { 1 } else { 0 }
            return (lhsSweep, lhs) < (rhsSweep, rhs)
        }
        var touched: [(Step, [String])] = []
        for index in ordered {
            let (step, call) = round[index]
            guard let observation = observations[index] else { continue }
            coverage.count(step, observation, model: before, serializationRetried: false)
            if case .broken(let reason) = observation {
                return Violation(step: step.number, invariant: .serverFault, detail: "\(script.command(step)) failed: \(reason)")
            }
            do {
                let applied = try await apply(step, call: call, observation: observation)
                if case .swept(let ids) = observation {
                    let swept = Set(ids.map(\.rawValue))
                    let modelled = Set(applied.expired.compactMap { model.orders[$0]?.id })
                    guard swept == modelled else {
                        return Violation(
                            step: step.number, invariant: .orderLifecycle,
                            detail:
                                "the sweep expired orders \(swept.sorted()); the answers of the round leave \(modelled.sorted()) to expire")
                    }
                }
                coverage.expired(applied.expired.count)
                touched.append((step, applied.expired))
            } catch let violation as Violation {
                return violation
            } catch {
                return Violation(step: step.number, invariant: .serverFault, detail: "applying step \(step.number): \(error)")
            }
        }
        // What one step touched is checked once the whole round is in the model: the others may touch it too.
        for (step, expired) in touched {
            if let violation = await Oracle(runner: self).checkTouched(step, expired: expired) { return violation }
        }
        return await auditIfDue(step: round.last?.0.number ?? 0, force: true)
    }
}
