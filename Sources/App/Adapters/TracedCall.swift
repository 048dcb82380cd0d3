import Kernel

/// Records one exchange of the seed's diagrams around a call: the request, the callee's own work, and the
/// reply, or the refusal when the call fails with a domain error.
struct TracedCall {
    let tracer: any Tracer
    let caller: String
    let callee: String

    func run<T>(
        _ request: String, work: String? = nil, reply: String, replyArrow: TraceMessage.Arrow = .reply,
        _ body: () async throws -> T
    ) async throws -> T {
        tracer.record(TraceMessage(caller, .call, callee, request))
        if let work { tracer.record(TraceMessage(callee, .call, callee, work)) }
        do {
            let result = try await body()
            tracer.record(TraceMessage(callee, replyArrow, caller, reply))
            return result
        } catch let error as DomainError {
            tracer.record(TraceMessage(callee, .reply, caller, SeedLabels.refusal(error.code)))
            throw error
        }
    }
}
