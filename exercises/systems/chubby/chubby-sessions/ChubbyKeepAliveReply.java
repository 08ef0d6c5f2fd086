/**
 * The master's answer to an accepted KeepAlive (read-only): the session's lease now ends
 * {@code leaseMillis} after this reply left the master, as the master measures time.
 *
 * @param epoch the master's epoch number
 * @param leaseMillis how long the lease runs from the moment the master sent this reply
 */
public record ChubbyKeepAliveReply(long epoch, long leaseMillis) {}
