/**
 * The grantor's answer to a request it granted (read-only). A request it does not grant gets no
 * answer at all.
 *
 * @param requestSentAt the {@code sentAt} of the request this answers, copied unchanged
 * @param grantorUntil when the lease ends on the GRANTOR's clock (for its logs: another node's
 *     clock, which may be hours away from yours)
 */
public record LeaseGranted(long requestSentAt, long grantorUntil) {}
