/**
 * The messages of the quorum exercise (read-only). Clients talk to the coordinator; the
 * coordinator talks to the replicas. Every message is an immutable record.
 */
public final class QuorumProtocol {
  private QuorumProtocol() {}

  /** A value with its version: of two versions of a key, the higher one is newer. */
  public record Versioned(String value, long version) {}

  // ---- client <-> coordinator ----

  /** Client to coordinator: read {@code key}. */
  public record Get(long requestId, String key) {}

  /** Client to coordinator: write {@code value} under {@code key}. */
  public record Put(long requestId, String key, String value) {}

  /** Coordinator to client: the newest value among R replicas' answers; null if none had one. */
  public record GetOk(long requestId, String value) {}

  /** Coordinator to client: fewer than R replicas answered before the deadline. */
  public record GetFailed(long requestId, String reason) {}

  /** Coordinator to client: W replicas stored the write. */
  public record PutOk(long requestId) {}

  /**
   * Coordinator to client: fewer than W replicas acknowledged before the deadline. Some replicas
   * may have stored the value anyway: a failed write may still be read later.
   */
  public record PutFailed(long requestId, String reason) {}

  // ---- coordinator <-> replicas ----

  /** Coordinator to replica: store {@code versioned} under {@code key} if it is newer. */
  public record Write(long opId, String key, Versioned versioned) {}

  /** Replica to coordinator: the replica holds version {@code opId}'s value or a newer one. */
  public record WriteAck(long opId) {}

  /** Coordinator to replica: what do you hold for {@code key}? */
  public record Read(long opId, String key) {}

  /** Replica to coordinator: what it holds for the key of {@code opId}, or null if nothing. */
  public record ReadReply(long opId, Versioned versioned) {}
}
