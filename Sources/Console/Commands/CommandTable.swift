/// Every command of the console language (docs/console.md), in help order. Parsing, `help`, completion and the
/// README's command reference all read this one table.
enum CommandTable {
    static let all: [CommandSpec] = catalogue + points + coupons + orders + time + platform + tracing + checks + session

    static let catalogue: [CommandSpec] = [
        CommandSpec(
            "product add NAME price=N stock=N [as X]", "register a product", operands: ["NAME"], keys: ["price", "stock"],
            required: ["price", "stock"], binds: true, run: Handlers.productAdd),
        CommandSpec("product list", "the catalogue", run: Handlers.productList),
        CommandSpec("product show ID", "one product", operands: ["ID"], run: Handlers.productShow),
        CommandSpec(
            "product restock ID qty=N", "add stock", operands: ["ID"], keys: ["qty"], required: ["qty"], run: Handlers.productRestock),
    ]

    static let points: [CommandSpec] = [
        CommandSpec(
            "point charge user=U amount=N", "charge the user's balance", keys: ["user", "amount"], required: ["user", "amount"],
            run: Handlers.pointCharge),
        CommandSpec("point show user=U", "the user's balance", keys: ["user"], required: ["user"], run: Handlers.pointShow),
        CommandSpec(
            "point history user=U", "the user's ledger of CHARGE and USE entries", keys: ["user"], required: ["user"],
            run: Handlers.pointHistory),
    ]

    static let coupons: [CommandSpec] = [
        CommandSpec(
            "coupon create NAME (fixed=N | percent=P [max=N]) [quantity=N] [valid=DURATION | until=TIME] [min=N] [as X]",
            "a coupon policy; quantity caps how many can be issued; min is a minimum order amount", operands: ["NAME"],
            keys: ["fixed", "percent", "max", "quantity", "valid", "until", "min"], binds: true, run: Handlers.couponCreate),
        CommandSpec(
            "coupon issue COUPON user=U [as X]", "issue one to a user (first come, first served; one per user)",
            operands: ["COUPON"], keys: ["user"], required: ["user"], binds: true, run: Handlers.couponIssue),
        CommandSpec(
            "coupon list user=U", "a user's issued coupons (ISSUED, USED or EXPIRED)", keys: ["user"], required: ["user"],
            run: Handlers.couponList),
        CommandSpec("coupon show ID", "one issued coupon", operands: ["ID"], run: Handlers.couponShow),
        CommandSpec("policy show ID", "one coupon policy", operands: ["ID"], run: Handlers.policyShow),
        CommandSpec("policy list", "every coupon policy", run: Handlers.policyList),
    ]

    static let orders: [CommandSpec] = [
        CommandSpec(
            "order place user=U items=P:Q[,P:Q...] [coupon=ID] [as X]", "the order flow of the seed; coupon is an issued coupon id",
            keys: ["user", "items", "coupon"], required: ["user", "items"], binds: true, run: Handlers.orderPlace),
        CommandSpec("order show ID", "one order", operands: ["ID"], run: Handlers.orderShow),
        CommandSpec(
            "order list [user=U] [status=S]", "orders (status PENDING, PAID or EXPIRED)", keys: ["user", "status"],
            run: Handlers.orderList),
        CommandSpec(
            "pay order=ID user=U [key=K] [as X]", "the payment flow of the seed; key is an idempotency key",
            keys: ["order", "user", "key"], required: ["order", "user"], binds: true, run: Handlers.pay),
        CommandSpec("payment show ID", "one payment", operands: ["ID"], run: Handlers.paymentShow),
    ]

    static let time: [CommandSpec] = [
        CommandSpec("clock", "the simulated clock's time", run: Handlers.clockShow),
        CommandSpec(
            "clock set TIME", "move the clock forward to TIME, running the jobs that fall due", operands: ["TIME"],
            run: Handlers.clockSet),
        CommandSpec(
            "clock advance DURATION", "move the clock forward, running every job that falls due on the way, in time order",
            operands: ["DURATION"], run: Handlers.clockAdvance),
        CommandSpec("scheduler run", "run every job now", run: Handlers.schedulerRun),
        CommandSpec("scheduler status", "the jobs with their interval and next due time", run: Handlers.schedulerStatus),
    ]

    static let platform: [CommandSpec] = [
        CommandSpec("dataplatform down", "simulate an outage of the external data platform", run: Handlers.platformDown),
        CommandSpec("dataplatform up", "end the outage or the refusals", run: Handlers.platformUp),
        CommandSpec(
            "dataplatform reject", "simulate a platform that answers but refuses every event (dead-lettered after 3)",
            run: Handlers.platformReject),
        CommandSpec("dataplatform show", "what the data platform has received", run: Handlers.platformShow),
        CommandSpec("outbox", "outbox events: pending, delivered, dead-lettered, attempts", run: Handlers.outbox),
        CommandSpec(
            "outbox retry EVENT-ID", "requeue an undelivered event for the next relay run ('dead': every dead-lettered one)",
            operands: ["EVENT-ID"], run: Handlers.outboxRetry),
    ]

    static let tracing: [CommandSpec] = [
        CommandSpec("trace on", "record cross-module messages and print each as it happens", run: Handlers.traceOn),
        CommandSpec("trace off", "stop recording", run: Handlers.traceOff),
        CommandSpec("trace show", "the recorded messages, numbered", run: Handlers.traceShow),
        CommandSpec("trace clear", "forget the recorded messages", run: Handlers.traceClear),
        CommandSpec(
            "trace mermaid [FILE]", "the recorded messages as a mermaid sequenceDiagram (to FILE, or printed)",
            operands: ["FILE?"], run: Handlers.traceMermaid),
    ]

    static let checks: [CommandSpec] = [
        CommandSpec(
            "expect ENTITY ID field=value ...", "assert fields of a product, point, policy, coupon, order or payment",
            operands: ["ENTITY", "ID"], keys: nil, run: Handlers.expectEntity),
        CommandSpec(
            "expect outbox pending=N delivered=N dead=N", "assert the outbox's counts", keys: ["pending", "delivered", "dead"],
            run: Handlers.expectOutbox),
        CommandSpec(
            "expect dataplatform received=N", "assert how many events the data platform received", keys: ["received"],
            required: ["received"], run: Handlers.expectPlatform),
    ]

    static let session: [CommandSpec] = [
        CommandSpec(
            "run FILE [--step]", "run a scenario file inside the session (--step pauses before each line)", operands: ["FILE"],
            flags: ["--step"], run: Handlers.runFile),
        CommandSpec("help [COMMAND]", "this help, or one command's", operands: ["COMMAND?", "SUBCOMMAND?"], run: Handlers.help),
        CommandSpec("quit", "leave (Ctrl-D also quits)", run: Handlers.quit),
    ]
}
