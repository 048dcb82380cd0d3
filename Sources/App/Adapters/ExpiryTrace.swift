import Kernel
import Order

/// Draws the expiry sweep as the seed's scheduler diagram: the job's arrows belong where the job is wired, not
/// in the Order context.
struct ExpiryTrace: ExpiryObserver {
    let tracer: any Tracer

    func found(_ due: [OrderID]) {
        tracer.record(TraceMessage(SeedLabels.scheduler, .call, OrderService.name, SeedLabels.findExpired.request))
        tracer.record(TraceMessage(OrderService.name, .reply, SeedLabels.scheduler, SeedLabels.findExpired.reply))
    }

    func expired(_ order: OrderID) {
        let change = SeedLabels.expireOrder
        tracer.record(TraceMessage(SeedLabels.scheduler, .call, OrderService.name, change.request))
        if let work = change.work { tracer.record(TraceMessage(OrderService.name, .call, OrderService.name, work)) }
        tracer.record(TraceMessage(OrderService.name, .reply, SeedLabels.scheduler, change.reply))
    }
}
