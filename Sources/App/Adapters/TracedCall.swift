import Kernel

/// Records one exchange of the seed's diagrams around a call: the request, the callee's own work, and the
/// reply, or the refusal when the call fails with a domain error.
struct TracedCall {
    let tracer: any Tracer
    let caller: String
    let callee: String

    func run<T>(_ exchange: SeedExchange, replyArrow: TraceMessage.Arrow = .reply, _ body: () async throws -> T) async throws -> T {
        request(exchange)
        do {
            let result = try await body()
            tracer.record(TraceMessage(callee, replyArrow, caller, exchange.reply))
            return result
        } catch let error as DomainError {
            tracer.record(TraceMessage(callee, .reply, caller, SeedLabels.refusal(error.code)))
            throw error
        }
    }

    /// Records an exchange that already happened (the expiry sweep reports after its work): request, work, reply.
    func record(_ exchange: SeedExchange) {
        request(exchange)
        tracer.record(TraceMessage(callee, .reply, caller, exchange.reply))
    }

    private func request(_ exchange: SeedExchange) {
        tracer.record(TraceMessage(caller, .call, callee, exchange.request))
        if let work = exchange.work { tracer.record(TraceMessage(callee, .call, callee, work)) }
    }
}
