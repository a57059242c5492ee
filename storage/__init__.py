"""Every SQL statement, on a `sqlite_utils.Database` handed in by the caller.

Single-row writes made on their own (a feed, a filter, a mute) go through sqlite-utils'
`insert` and `upsert`. Writes that run inside `storage.db.transaction` (a story with its
cluster and outbox rows) stay hand-written: sqlite-utils commits its own writes, which would
end the caller's transaction half-way. So do the queries that need SQL (joins, conditional
updates, the outbox's fair order).
"""
