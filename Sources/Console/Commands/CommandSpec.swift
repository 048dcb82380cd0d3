import Kernel

/// One command of the console language: how it is written, what it takes, and what runs it. The table of
/// these is the single source for parsing, `help`, tab completion and the README's reference.
struct CommandSpec: Sendable {
    /// The command's fixed words: `["product", "add"]`.
    let words: [String]
    /// The operands after the words, in order (`NAME`, `ID`); a trailing `?` marks an optional one.
    let operands: [String]
    /// The `key=` names it accepts; nil for "any field" (`expect`).
    let keys: [String]?
    /// The keys it cannot do without.
    let requiredKeys: [String]
    /// Whether `as NAME` may end it.
    let binds: Bool
    /// `--flags` it accepts.
    let flags: [String]
    /// The usage line, as written in help and the README.
    let usage: String
    /// One line of what it does.
    let summary: String
    let run: @Sendable (Invocation, ConsoleSession) async throws -> [String]

    init(
        _ usage: String, _ summary: String, operands: [String] = [], keys: [String]? = [], required: [String] = [],
        binds: Bool = false, flags: [String] = [],
        run: @escaping @Sendable (Invocation, ConsoleSession) async throws -> [String]
    ) {
        self.words = usage.split(separator: " ").prefix { $0.allSatisfy { $0.isLowercase } }.map(String.init)
        self.usage = usage
        self.summary = summary
        self.operands = operands
        self.keys = keys
        self.requiredKeys = required
        self.binds = binds
        self.flags = flags
        self.run = run
    }

    var name: String { words.joined(separator: " ") }
}

/// A command line matched to its spec, with `$NAME`s substituted.
struct Invocation: Sendable {
    let spec: CommandSpec
    /// Operand values in order.
    let operands: [String]
    /// `key=value` pairs.
    let keys: [String: String]
    /// The order the keys were written in (for `expect`'s messages).
    let keyOrder: [String]
    /// `as NAME`.
    let bindAs: String?
    /// `--flags` given.
    let flags: Set<String>

    func operand(_ index: Int) -> String? { index < operands.count ? operands[index] : nil }

    func key(_ name: String) -> String? { keys[name] }

    func required(_ name: String) throws(DomainError) -> String {
        guard let value = keys[name] else { throw .invalid("\(spec.name): missing \(name)=") }
        return value
    }

    func requiredOperand(_ index: Int) throws(DomainError) -> String {
        guard let value = operand(index) else { throw .invalid("usage: \(spec.usage)") }
        return value
    }
}
