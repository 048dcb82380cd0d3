/// Which page of a list to read: the rows after an id (keyset pagination, stable while rows are added), at most
/// `limit` of them.
public struct PageRequest: Sendable, Equatable {
    /// The largest page (`openapi.yaml`: 200).
    public static let maxLimit = 200
    /// The page size when none is asked for.
    public static let defaultLimit = 50
    /// Every row: for the console, whose lists are small and whole.
    public static let everything = PageRequest(uncheckedAfter: nil, limit: Int(Int32.max))

    /// Rows with an id greater than this (nil: from the first).
    public let after: Int64?
    /// How many rows at most.
    public let limit: Int

    /// A page of 1 to ``maxLimit`` rows after `after`; `INVALID_ARGUMENT` otherwise.
    public init(after: Int64?, limit: Int?) throws(DomainError) {
        let limit = limit ?? Self.defaultLimit
        guard (1...Self.maxLimit).contains(limit) else { throw .invalid("limit must be 1 to \(Self.maxLimit), got \(limit)") }
        if let after, after < 0 { throw .invalid("a cursor must not be negative") }
        self.init(uncheckedAfter: after, limit: limit)
    }

    private init(uncheckedAfter after: Int64?, limit: Int) {
        self.after = after
        self.limit = limit
    }

    /// The first id a page may hold is after this one.
    public var afterID: Int64 { after ?? 0 }
    /// Rows to read: one more than the page, to learn whether another page follows.
    public var rowsToRead: Int64 { Int64(limit) + 1 }

    /// The page made of `rows` (read with ``rowsToRead``), ids given by `id`.
    public func page<Item: Sendable>(of rows: [Item], id: (Item) -> Int64) -> Page<Item> {
        guard rows.count > limit else { return Page(items: rows, nextAfter: nil) }
        let items = Array(rows.prefix(limit))
        return Page(items: items, nextAfter: items.last.map(id))
    }
}

/// One page of a list, and where the next one starts (nil on the last page).
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    /// The ``PageRequest/after`` of the next page.
    public let nextAfter: Int64?

    public init(items: [Item], nextAfter: Int64?) {
        self.items = items
        self.nextAfter = nextAfter
    }
}
