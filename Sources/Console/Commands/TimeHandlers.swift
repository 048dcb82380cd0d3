import Kernel

extension Handlers {
    static func clockShow(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        ["\(session.app.clock.now())"]
    }

    static func clockSet(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let runs = try await session.app.scheduler.advance(to: try Values.time(try call.requiredOperand(0)))
        return report(runs) + ["clock \(session.app.clock.now())"]
    }

    static func clockAdvance(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let runs = try await session.app.scheduler.advance(by: try Values.duration(try call.requiredOperand(0)))
        return report(runs) + ["clock \(session.app.clock.now())"]
    }

    static func schedulerRun(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let lines = report(await session.app.scheduler.runAllNow())
        return lines.isEmpty ? ["nothing to do"] : lines
    }

    static func schedulerStatus(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        await session.app.scheduler.status().map { "\($0.name) every \($0.interval), next due \($0.nextDue)" }
    }

    /// `09:15:00 expired order 3`: one line per thing a job did, at the time it did it.
    static func report(_ runs: [JobRun]) -> [String] {
        runs.flatMap { run in
            run.lines.map { "\(run.at.timeOfDay) \($0)" } + (run.failure.map { ["\(run.at.timeOfDay) \(run.job) failed: \($0)"] } ?? [])
        }
    }
}
