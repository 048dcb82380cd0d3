import Foundation
import HTTPTypes
import Hummingbird
import TestSupport
import Testing

/// The README's curl examples run here, in order, against the real router: each must answer as the README says.
@Suite struct ReadmeExamplesTests {
    struct Example: Sendable {
        /// `NAME=$(commerce token --user N [--admin])`: a token to sign and bind, instead of a request.
        var token: (name: String, user: Int64, admin: Bool)?
        let method: HTTPRequest.Method
        let path: String
        let body: String?
        let headers: [(String, String)]
        let expected: Int
    }

    /// `curl -s -X POST localhost:8080/api/v1/orders -H '...' -d '{...}'   # 201` lines of the README's HTTP block.
    static func examples() throws -> [Example] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- http-examples -->"), let end = readme.range(of: "<!-- /http-examples -->") else {
            return []
        }
        let lines = readme[start.upperBound..<end.lowerBound].split(separator: "\n")
        return try lines.filter { $0.hasPrefix("curl ") || $0.contains("=$(commerce token") }.map { line in
            let (command, comment) = line.split(separator: "#", maxSplits: 1).map(String.init).pairs
            if let equals = command.firstIndex(of: "="), command.contains("$(commerce token") {
                let words = try shellWords(String(command[command.index(after: equals)...]).replacingOccurrences(of: ")", with: " "))
                let user = words.firstIndex(of: "--user").flatMap { Int64(words[$0 + 1]) } ?? 0
                return Example(
                    token: (String(command[..<equals]), user, words.contains("--admin")), method: .get, path: "", body: nil, headers: [],
                    expected: 0)
            }
            let words = try shellWords(command)
            var method = HTTPRequest.Method.get, path = "", body: String?, headers: [(String, String)] = []
            var index = 1
            while index < words.count {
                switch words[index] {
                case "-X": method = HTTPRequest.Method(words[index + 1]) ?? .get; index += 1
                case "-d": body = words[index + 1]; index += 1
                case "-H":
                    let header = words[index + 1].split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    headers.append((header[0], header[1])); index += 1
                case "-s", "-i": break
                default: path = String(words[index].drop { $0 != "/" })
                }
                index += 1
            }
            let expected = Int(comment.trimmingCharacters(in: .whitespaces).prefix(3)) ?? 0
            return Example(token: nil, method: method, path: path, body: body, headers: headers, expected: expected)
        }
    }

    /// Splits a shell command line: single and double quotes keep spaces, spaces separate.
    static func shellWords(_ line: String) throws -> [String] {
        var words: [String] = [], current = "", quoted = false, inWord = false
        var quote: Character = "'"
        for character in line {
            if character == "'" || character == "\"", !quoted || character == quote {
                quote = character
                quoted.toggle()
                inWord = true
                continue
            }
            if character == " ", !quoted {
                if inWord { words.append(current) }
                (current, inWord) = ("", false)
                continue
            }
            current.append(character)
            inWord = true
        }
        if inWord { words.append(current) }
        return words
    }

    @Test func theReadmesCurlExamplesAnswerAsDocumented() async throws {
        let examples = try Self.examples()
        #expect(examples.count >= 6, "the README's http-examples block")
        #expect(examples.contains { $0.token != nil }, "the block gets its tokens first")
        let harness = try await HTTPHarness.start()
        var tokens: [String: String] = [:]
        for example in examples {
            if let token = example.token { tokens[token.name] = try await harness.token(token.user, admin: token.admin) }
        }
        let bound = tokens
        try await harness.test { client in
            let client = client.with(token: nil)  // only the tokens the README itself sends
            for example in examples where example.token == nil {
                var headers = HTTPFields()
                for (name, value) in example.headers {
                    let value = bound.reduce(value) { text, token in text.replacingOccurrences(of: "$" + token.key, with: token.value) }
                    if let field = HTTPField.Name(name) { headers[field] = value }
                }
                let reply = try await client.request(example.method, example.path, example.body, headers: headers)
                #expect(Int(reply.status.code) == example.expected, "\(example.method) \(example.path): \(reply.body)")
                if example.expected == 401 { #expect(reply.headers[.wwwAuthenticate] == "Bearer") }
            }
        }
    }
}

extension Array where Element == String {
    fileprivate var pairs: (String, String) { (first ?? "", count > 1 ? self[1] : "") }
}
