import Kernel
import Order

/// Draws the expiry sweep as the seed's scheduler diagram: the job's arrows belong where the job is wired, not
/// in the Order context.
struct ExpiryTrace: ExpiryObserver {
    let tracer: any Tracer

    private var sweep: TracedCall { TracedCall(tracer: tracer, caller: SeedLabels.scheduler, callee: OrderService.name) }

    func found(_ due: [OrderID]) { sweep.record(SeedLabels.findExpired) }

    func expired(_ order: OrderID) { sweep.record(SeedLabels.expireOrder) }
}
