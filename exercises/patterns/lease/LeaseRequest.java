/**
 * A holder asks the grantor for the lease, or for its renewal (read-only).
 *
 * @param sentAt the holder's own clock reading (ctx.now()) at the moment it sends this request
 */
public record LeaseRequest(long sentAt) {}
