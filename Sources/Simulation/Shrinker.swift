import App
import Console
import Kernel

/// The shortest failing run found, as a scenario and a trace.
public struct ShortestFailure: Sendable {
    /// The steps kept, renumbered from 1.
    public let steps: [Step]
    /// The failure the kept steps reproduce.
    public let violation: Violation
    /// Replays tried while shortening.
    public let replays: Int
    /// The kept run in the console's language; its `expect` lines fail where the simulator saw the break.
    public let script: String
    /// The kept run's cross-module messages as a mermaid `sequenceDiagram`.
    public let mermaid: String
}

/// Shortens a failing run by replaying it with steps left out (delta debugging: halves, then quarters, down
/// to single steps), keeping each cut after which the same invariant still breaks. Replays run on SQLite in
/// memory, whatever the run's database, so a cut costs milliseconds.
struct Shrinker {
    let settings: Runner.RunSettings
    /// A bound on replays, so a long run's failure is reported in seconds rather than minutes.
    var maxReplays = 150

    func shortest(_ steps: [Step], failing original: Violation) async -> ShortestFailure? {
        var settings = settings
        settings.database = .memory
        guard var kept = await replay(steps, settings: settings, failing: original.invariant)?.steps else { return nil }
        var replays = 1
        var chunk = max(1, kept.count / 2)
        while replays < maxReplays {
            var start = 0
            while start < kept.count, replays < maxReplays {
                let candidate = Array(kept[..<start] + kept[min(kept.count, start + chunk)...])
                replays += 1
                if let failing = await replay(candidate, settings: settings, failing: original.invariant) {
                    kept = failing.steps
                } else {
                    start += chunk
                }
            }
            if chunk == 1 { break }
            chunk = max(1, chunk / 2)
        }
        settings.tracing = true
        guard let final = await replay(kept, settings: settings, failing: original.invariant) else { return nil }
        return ShortestFailure(
            steps: final.steps, violation: final.violation, replays: replays, script: final.script, mermaid: final.mermaid)
    }

    private struct Replayed {
        var steps: [Step]
        var violation: Violation
        var script: String
        var mermaid: String
    }

    /// Replays `steps` renumbered from 1, up to the first break; nil unless `invariant` breaks.
    private func replay(_ steps: [Step], settings: Runner.RunSettings, failing invariant: Invariant) async -> Replayed? {
        guard let runner = try? await Runner.start(settings) else { return nil }
        var ran: [Step] = []
        var found: Violation?
        for (index, original) in steps.enumerated() {
            var step = original
            step.number = index + 1
            ran.append(step)
            found = await runner.perform(step)
            if found != nil { break }
        }
        if found == nil { found = await runner.auditIfDue(step: ran.count, force: true) }
        let messages = runner.app.tracer.messages.map(\.message)
        await runner.close()
        guard let found, found.invariant == invariant else { return nil }
        return Replayed(steps: ran, violation: found, script: runner.script.text, mermaid: Mermaid.sequenceDiagram(messages))
    }
}
