import Kernel

/// A storage engine that fires the fault armed on its ``FaultSwitch`` in the next write transaction, and
/// otherwise passes everything through. The composition root puts it under ``Database`` when the configuration
/// carries a switch; production configurations carry none.
struct FaultInjectingEngine: DatabaseEngine {
    let base: any DatabaseEngine
    let faults: FaultSwitch

    var dialect: SQLDialect { base.dialect }
    var migrationLockStatement: SQL? { base.migrationLockStatement }

    func transaction<T: Sendable>(_ kind: TransactionKind, _ body: (Transaction) async throws -> T) async throws -> T {
        guard kind == .write, let fault = faults.take() else { return try await base.transaction(kind, body) }
        let failure: DatabaseError
        switch fault {
        case .failBeforeCommit: failure = .unavailable("injected fault: the transaction failed before its commit")
        case .serializationFailure: failure = .conflict("injected fault: could not serialize access (40001)")
        case .crashAfterCommit:
            _ = try await base.transaction(kind, body)
            throw InjectedCrash()
        }
        // The work is done, then the transaction throws inside, so the engine rolls all of it back.
        return try await base.transaction(kind) { tx in
            _ = try await body(tx)
            throw failure
        }
    }

    func withWriterAffinity<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await base.withWriterAffinity(body)
    }

    func close() async throws { try await base.close() }
}
