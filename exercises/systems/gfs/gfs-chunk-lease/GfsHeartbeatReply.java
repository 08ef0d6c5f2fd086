import java.util.List;

/**
 * The master's answer to a heartbeat from an up-to-date replica (read-only).
 *
 * @param sentAt the {@code sentAt} of the heartbeat this answers, copied unchanged: the replica
 *     counts a lease from it
 * @param version the chunk's current version number, which the replica records
 * @param primary true if this replica holds the lease (newly granted or extended by this reply)
 * @param secondaries when {@code primary}, the other up-to-date replicas, sorted by name, to
 *     which the primary forwards mutations; otherwise empty
 */
public record GfsHeartbeatReply(long sentAt, long version, boolean primary,
    List<String> secondaries) {
  public GfsHeartbeatReply {
    secondaries = List.copyOf(secondaries);
  }
}
