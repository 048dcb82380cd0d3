import ArchitectureRules
import Documentation
import Foundation
import TestSupport
import Testing

/// docs/sequences/ and docs/modules.md are redrawn from the running system; these tests fail when the
/// committed files are stale, and compare the redrawn happy paths with the seed.
@Suite struct GeneratedDocsTests {
    static let root = BoundaryTests.packageRoot

    @Test func theGeneratedDocsAreUpToDate() async throws {
        let files = try await SequenceDocs.files(packageRoot: Self.root, graph: try PackageGraph.load(packageRoot: Self.root))
        #expect(files.count >= 11)
        for (path, content) in files {
            let onDisk = try? String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            #expect(onDisk == content, "\(path) is stale: run swift package --allow-writing-to-package-directory sequence-diagrams")
        }
    }

    /// The mermaid blocks of a generated page, by the phase heading above each.
    func blocks(_ page: String) throws -> [String: (participants: [String], messages: [String])] {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/sequences/\(page).md"), encoding: .utf8)
        var result: [String: (participants: [String], messages: [String])] = [:]
        for section in text.components(separatedBy: "\n## ").dropFirst() {
            let title = String(section.prefix { $0 != "\n" })
            guard let block = section.components(separatedBy: "```mermaid").dropFirst().first?.components(separatedBy: "```").first else {
                continue
            }
            let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            result[title] = (
                lines.filter { $0.hasPrefix("participant ") || $0.hasPrefix("actor ") }.map { String($0.split(separator: " ")[1]) },
                lines.compactMap(SeedDiagram.message)
            )
        }
        return result
    }

    func seedParticipants(_ index: Int) throws -> [String] {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/seed/sequence-diagrams.md"), encoding: .utf8)
        let block = text.components(separatedBy: "```mermaid")[index + 1].components(separatedBy: "```")[0]
        return block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("participant ") || $0.hasPrefix("actor ") }.map { String($0.split(separator: " ")[1]) }
    }

    @Test func theHappyPathsMatchTheSeedsParticipantsAndMessagesInOrder() throws {
        let seed = try SeedDiagram.all()
        let flows = try blocks("01-order-and-pay")
        let order = try #require(flows.first { $0.key.hasPrefix("Order:") }?.value)
        #expect(order.participants == (try seedParticipants(0)))
        #expect(order.messages == seed[0].happyPath)
        let pay = try #require(flows.first { $0.key.hasPrefix("Pay:") }?.value)
        #expect(pay.participants == (try seedParticipants(1)))
        #expect(pay.messages == seed[1].happyPath)
        let expiry = try #require(try blocks("04-expiry").first { $0.key.hasPrefix("At the deadline") }?.value)
        #expect(expiry.participants == (try seedParticipants(2)))
        #expect(expiry.messages == seed[2].happyPath)
    }

    @Test func theModuleGraphShowsContextsOnKernelOnly() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/modules.md"), encoding: .utf8)
        for context in ["Product", "Coupon", "Point", "Order", "Payment", "DataPlatform"] {
            let edges = text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(context) --> ") }
            #expect(edges.map { $0.trimmingCharacters(in: .whitespaces) } == ["\(context) --> Kernel"])
        }
    }

    /// A diagram's structure: participants, messages with their activation marks, and blocks, in order (layout,
    /// numbering and blank lines aside).
    static func structure(_ mermaid: String) -> [String] {
        mermaid.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "sequenceDiagram" && $0 != "autonumber" }
            .map { $0.replacingOccurrences(of: #"\s*(-->>|->>)\s*"#, with: "$1", options: .regularExpression) }
    }

    static func diagrams(in path: String) throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return text.components(separatedBy: "```mermaid").dropFirst().map { $0.components(separatedBy: "```")[0] }
    }

    /// The user's own picture, regenerated from the running system: each of the seed's three diagrams, blocks
    /// and activations included, assembled from the scenarios' runs, has the seed's structure exactly.
    @Test func theSeedRedrawnWholeHasTheSeedsStructure() throws {
        let seed = try Self.diagrams(in: "docs/seed/sequence-diagrams.md")
        let redrawn = try Self.diagrams(in: "docs/sequences/seed-redrawn.md")
        #expect(seed.count == 3 && redrawn.count == 3)
        for (mine, theirs) in zip(redrawn, seed) {
            #expect(Self.structure(mine) == Self.structure(theirs))
        }
        #expect(Self.structure(seed[0]).contains("alt 상품 재고 부족"), "the comparison sees the blocks")
        #expect(Self.structure(seed[1]).contains("Order->>-Payment: 주문 생성 확인 완료"), "and the activations")
    }
}
