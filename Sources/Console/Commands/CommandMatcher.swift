import Kernel

/// Matches a parsed line to the command table and builds its ``Invocation``.
enum CommandMatcher {
    static func invocation(
        of line: CommandLine, in table: [CommandSpec], bindings: [String: String]
    ) throws(DomainError) -> Invocation {
        let bare = line.words.prefix { $0.quotedParts.isEmpty }.map(\.raw)
        let candidates = table.filter { bare.starts(with: $0.words) }
        guard let spec = candidates.max(by: { $0.words.count < $1.words.count }) else {
            throw unknown(bare, in: table)
        }
        var rest = Array(line.words.dropFirst(spec.words.count))
        var bindAs: String?
        if rest.count >= 2, rest[rest.count - 2].isBare("as") {
            guard spec.binds else { throw .invalid("\(spec.name) creates nothing to bind with 'as'") }
            let name = rest[rest.count - 1].raw
            guard let first = name.first, first.isLetter || first == "_", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            else { throw .invalid("'as' needs a name of letters, digits and _, got '\(name)'") }
            bindAs = name
            rest.removeLast(2)
        }
        var operands: [String] = [], keys: [String: String] = [:], keyOrder: [String] = [], flags = Set<String>()
        for word in rest {
            if word.quotedParts.isEmpty, word.raw.hasPrefix("--") {
                guard spec.flags.contains(word.raw) else {
                    throw .invalid(
                        "\(spec.name): unknown flag '\(word.raw)'"
                            + (spec.flags.isEmpty ? "" : " (accepts \(spec.flags.joined(separator: ", ")))"))
                }
                flags.insert(word.raw)
            } else if let (key, value) = word.keyValue {
                if let allowed = spec.keys, !allowed.contains(key) {
                    throw .invalid(
                        "\(spec.name): unknown key '\(key)='"
                            + (allowed.isEmpty ? " (it takes no keys)" : " (accepts \(allowed.map { $0 + "=" }.joined(separator: " ")))"))
                }
                guard keys[key] == nil else { throw .invalid("\(spec.name): \(key)= is given twice") }
                keys[key] = try value.substituting(bindings)
                keyOrder.append(key)
            } else {
                operands.append(try word.substituting(bindings))
            }
        }
        let maximum = spec.operands.count
        let minimum = spec.operands.filter { !$0.hasSuffix("?") }.count
        guard (minimum...maximum).contains(operands.count) else { throw .invalid("usage: \(spec.usage)") }
        for key in spec.requiredKeys where keys[key] == nil { throw .invalid("\(spec.name): missing \(key)= (usage: \(spec.usage))") }
        return Invocation(spec: spec, operands: operands, keys: keys, keyOrder: keyOrder, bindAs: bindAs, flags: flags)
    }

    private static func unknown(_ words: [String], in table: [CommandSpec]) -> DomainError {
        guard let first = words.first else { return .invalid("a command must start with a command word; try 'help'") }
        let family = table.filter { $0.words.first == first }
        if !family.isEmpty {
            let subcommands = family.compactMap { $0.words.dropFirst().first }
            return .invalid(
                "unknown command '\(words.prefix(2).joined(separator: " "))'; \(first) takes: \(Array(Set(subcommands)).sorted().joined(separator: ", "))"
            )
        }
        return .invalid("unknown command '\(first)'; try 'help'")
    }
}
