import App
import Kernel
import TestSupport
import Testing

@testable import Console

/// `trace mermaid` redraws the seed's diagrams from the running system.
@Suite struct MermaidTests {
    /// The message lines and participants of a mermaid diagram.
    func parse(_ mermaid: String) -> (participants: [String], messages: [String]) {
        let lines = mermaid.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let participants = lines.filter { $0.hasPrefix("participant ") || $0.hasPrefix("actor ") }
            .map { String($0.split(separator: " ")[1]) }
        return (participants, lines.compactMap(SeedDiagram.message))
    }

    func seedParticipants(_ index: Int) throws -> [String] {
        let url = packageRoot.appendingPathComponent("docs/seed/sequence-diagrams.md")
        let block = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "```mermaid")[index + 1]
        return parse(block.components(separatedBy: "```")[0]).participants
    }

    func traced(_ setup: [String], _ lines: [String]) async throws -> String {
        let c = try await Captured()
        for line in setup { #expect(await c.session.interact(line) == .ok, "\(line)") }
        await c.run("trace on")
        for line in lines { _ = await c.session.interact(line) }
        return Mermaid.sequenceDiagram(c.session.app.tracer.messages.map(\.message))
    }

    let setup = [
        "product add Keyboard price=50_000 stock=2 as kb", "point charge user=1 amount=100_000",
        "coupon create WELCOME fixed=5_000 as w", "coupon issue $w user=1 as c", "coupon issue $w user=2 as c2",
    ]

    @Test func theOrderHappyPathRedrawsTheSeedsOrderDiagram() async throws {
        let diagram = parse(try await traced(setup, ["order place user=1 items=$kb:1 coupon=$c"]))
        #expect(diagram.participants == (try seedParticipants(0)))
        #expect(diagram.messages == (try SeedDiagram.all()[0].happyPath))
    }

    @Test func thePaymentHappyPathRedrawsTheSeedsPaymentDiagram() async throws {
        let diagram = parse(try await traced(setup + ["order place user=1 items=$kb:1 coupon=$c as o"], ["pay order=$o user=1"]))
        #expect(diagram.participants == (try seedParticipants(1)))
        #expect(diagram.messages == (try SeedDiagram.all()[1].happyPath))
    }

    @Test func theExpiryRedrawsTheSeedsSchedulerDiagram() async throws {
        let diagram = parse(try await traced(setup + ["order place user=1 items=$kb:1"], ["clock advance 15m"]))
        #expect(diagram.participants == (try seedParticipants(2)))
        #expect(diagram.messages == (try SeedDiagram.all()[2].happyPath))
    }

    @Test(arguments: [
        (0, 0, "order place user=1 items=$kb:3"),
        (0, 1, "order place user=1 items=$kb:1 coupon=99"),
        (0, 2, "order place user=2 items=$kb:1 coupon=$c2"),
        (1, 0, "pay order=42 user=1"),
    ])
    func failureBranchesAreIncluded(diagram: Int, alt: Int, line: String) async throws {
        let traced = parse(try await traced(setup, [line]))
        #expect(traced.messages == (try SeedDiagram.all()[diagram].failurePath(alt: alt)))
    }
}
