import Kernel
import Testing

@testable import Console

@Suite struct LanguageTests {
    func command(_ text: String) throws -> Console.CommandLine {
        guard case .command(let line) = try ScriptLine.parse(text) else {
            Issue.record("not a command: \(text)")
            throw DomainError.invalid("not a command")
        }
        return line
    }

    @Test func classifiesLines() throws {
        #expect(try ScriptLine.parse("") == .blank)
        #expect(try ScriptLine.parse("   # a comment") == .blank)
        #expect(try ScriptLine.parse("## Order and pay ") == .phase("Order and pay"))
        #expect(try ScriptLine.parse("  ##Setup") == .phase("Setup"))
        #expect(try command("clock # the time").words.map(\.raw) == ["clock"])
    }

    @Test func quotesGroupWordsAndKeepHashes() throws {
        let line = try command(#"product add "Mechanical keyboard #1" price=89_000 stock=10"#)
        #expect(line.words.map(\.raw) == ["product", "add", "Mechanical keyboard #1", "price=89_000", "stock=10"])
        #expect(try command(#"product add "say \"hi\"" price=1"#).words[2].raw == #"say "hi""#)
        #expect(try command(#"product add x name="a b""#).words[3].keyValue?.value.raw == "a b")
        #expect(try command(#"product add "price=1""#).words[2].keyValue == nil, "a quoted = is not a key")
    }

    @Test func anUnterminatedQuoteIsInvalid() {
        #expect(throws: DomainError.invalid("unterminated quote")) { try ScriptLine.parse(#"product add "Pen price=1"#) }
    }

    @Test func negationAndExpectedCodes() throws {
        #expect(try command("! pay order=1 user=1").negation == Negation(code: nil))
        #expect(try command("! pay order=1 user=1 => ORDER_EXPIRED").negation == Negation(code: ErrorCode("ORDER_EXPIRED")))
        #expect(try command("!pay order=1 user=1").negation == Negation(code: nil))
        #expect(try command("! pay order=1 user=1 => ORDER_EXPIRED").words.map(\.raw) == ["pay", "order=1", "user=1"])
        #expect(throws: DomainError.self) { try ScriptLine.parse("! pay order=1 => NOT_A_CODE", codes: [.invalidArgument]) }
        #expect(throws: DomainError.self) { try ScriptLine.parse("! pay order=1 => not-a-code") }
        #expect(throws: DomainError.self) { try ScriptLine.parse("! pay => ORDER_EXPIRED user=1") }
        #expect(throws: DomainError.self) { try ScriptLine.parse("!") }
    }

    @Test func substitutesBindingsOutsideQuotes() throws {
        let bindings = ["kb": "3", "o1": "7"]
        #expect(try Word(raw: "$kb:1,$kb:2").substituting(bindings) == "3:1,3:2")
        #expect(try Word(raw: "$o1").substituting(bindings) == "7")
        #expect(try Word(raw: "$kb", quotedParts: [0..<3]).substituting(bindings) == "$kb")
        #expect(throws: DomainError.self) { try Word(raw: "$nope").substituting(bindings) }
        #expect(throws: DomainError.self) { try Word(raw: "$").substituting(bindings) }
    }

    @Test(arguments: [("100_000", 100_000 as Int64), ("0", 0), ("-5", -5), ("9_223_372_036_854_775_807", .max)])
    func readsNumbers(text: String, value: Int64) throws {
        #expect(try Values.integer(text, "n") == value)
    }

    @Test(arguments: ["", "_1", "1_", "1__0", "12a", "1.5", "9223372036854775808", "--1", "-", "１"])
    func rejectsMalformedNumbers(text: String) {
        #expect(throws: DomainError.self) { try Values.integer(text, "n") }
    }

    @Test func readsItems() throws {
        #expect(try Values.items("1:2,3:1").map(\.quantity) == [2, 1])
        for bad in ["", "1", "1:2:3", "a:1", "1:x", "0:1", "1:2,"] {
            #expect(throws: DomainError.self, "\(bad)") { try Values.items(bad) }
        }
    }

    @Test func printsValuesSoTheyReadBack() {
        #expect(Values.printed("Keyboard") == "Keyboard")
        #expect(Values.printed("Mechanical keyboard") == "\"Mechanical keyboard\"")
        #expect(Values.printed(nil) == "-")
        #expect(Values.printed("") == "-")
    }

    @Test func matchesCommandsAndReportsWhatIsWrong() throws {
        func invocation(_ text: String) throws -> Invocation {
            try CommandMatcher.invocation(of: try command(text), in: CommandTable.all, bindings: ["kb": "1"])
        }
        let add = try invocation(#"product add "Pen" stock=3 price=1_000 as pen"#)
        #expect(add.spec.name == "product add")
        #expect(add.operands == ["Pen"])
        #expect(add.keys == ["price": "1_000", "stock": "3"])
        #expect(add.bindAs == "pen")
        #expect(try invocation("clock advance 15m").spec.name == "clock advance")
        #expect(try invocation("clock").spec.name == "clock")
        #expect(try invocation("run x.scn --step").flags == ["--step"])
        let errors: [(String, String)] = [
            ("frobnicate", "unknown command 'frobnicate'; try 'help'"),
            ("product ad x", "unknown command 'product ad'; product takes: add, list, restock, show"),
            ("product add Pen prize=1 stock=1", "product add: unknown key 'prize=' (accepts price= stock=)"),
            ("product add Pen price=1", "product add: missing stock= (usage: product add NAME price=N stock=N [as X])"),
            ("product add Pen price=1 stock=1 price=2", "product add: price= is given twice"),
            ("product list as x", "product list creates nothing to bind with 'as'"),
            ("product show", "usage: product show ID"),
            ("product show 1 2", "usage: product show ID"),
            ("run x.scn --fast", "run: unknown flag '--fast' (accepts --step)"),
            ("product add Pen price=1 stock=1 as 9x", "'as' needs a name of letters, digits and _, got '9x'"),
        ]
        for (text, message) in errors {
            #expect(throws: DomainError.invalid(message), "\(text)") { try invocation(text) }
        }
    }

    @Test func everyUsageLineStartsWithItsWords() {
        for spec in CommandTable.all {
            #expect(spec.usage.hasPrefix(spec.name), "\(spec.usage)")
            #expect(!spec.words.isEmpty)
        }
        #expect(Set(CommandTable.all.map(\.usage)).count == CommandTable.all.count)
    }
}
