import java.util.List;

/**
 * The messages of the leader-follower exercise (read-only). Clients talk to any replica; the
 * leader replicates its log to the followers. Every message is a record: send values nobody
 * changes afterwards.
 */
public final class LeaderFollowerProtocol {
  private LeaderFollowerProtocol() {}

  // ---- client <-> replica ----

  /** Client to replica: write {@code value} under {@code key}. */
  public record Put(long requestId, String key, String value) {}

  /** Client to replica: read {@code key}. */
  public record Get(long requestId, String key) {}

  /** Leader to client: the Put is committed (and applied). */
  public record PutOk(long requestId) {}

  /** Leader to client: the value of the key in the leader's store (null if none). */
  public record GetOk(long requestId, String value) {}

  /** Follower to client: I am not the leader; send the request to {@code leader}. */
  public record Redirect(long requestId, String leader) {}

  // ---- leader <-> followers ----

  /** One write in the log: the {@code index}-th entry (the first is 1). */
  public record Entry(long index, String key, String value) {}

  /**
   * Leader to follower: the entries that follow index {@code prevIndex} in the leader's log, in
   * order ({@code entries.get(i).index() == prevIndex + 1 + i}; empty if there are none), and
   * the leader's commit index. The record keeps the list it is given, as it is: hand it a list
   * that nobody changes after sending (List.copyOf), because the receiver reads it later.
   */
  public record Append(long prevIndex, List<Entry> entries, long commitIndex) {}

  /** Follower to leader: my log now holds entries 1 to {@code logEnd} (0: none). */
  public record AppendAck(long logEnd) {}
}
