import java.util.List;

/**
 * The messages of kafka-isr-replication: the controller's leadership orders, producers' and
 * consumers' requests to the leader, and the follower fetch protocol with leader epochs. Every
 * record is immutable (lists are copied when made). Given: do not edit.
 */
public final class KafkaIsrProtocol {
  private KafkaIsrProtocol() {}

  /** Produce's acks for "every in-sync replica" (Kafka's acks=all, or -1). */
  public static final int ACKS_ALL = -1;

  /** What a produce or read request came to. */
  public enum Errors {
    NONE,
    /** This replica does not lead the partition (in the epoch it knows). */
    NOT_LEADER,
    /** acks=all while the ISR is smaller than minInsyncReplicas: not appended. */
    NOT_ENOUGH_REPLICAS,
    /** acks=all: appended and committed, but the ISR had shrunk below minInsyncReplicas. */
    NOT_ENOUGH_REPLICAS_AFTER_APPEND
  }

  /** One record of the log: the leader epoch it was appended in, and its value. */
  public record Rec(int epoch, String value) {}

  // ---- controller -> every replica ------------------------------------------------------------

  /** From epoch {@code epoch} on, {@code leader} leads with in-sync replicas {@code isr}. */
  public record LeaderAndIsr(int epoch, String leader, List<String> isr) {
    public LeaderAndIsr {
      isr = List.copyOf(isr);
    }
  }

  // ---- producer <-> leader --------------------------------------------------------------------

  /** Append {@code value}; acks is 1 or {@link #ACKS_ALL}. */
  public record Produce(long requestId, String value, int acks) {}

  /** The answer to a Produce: the record's offset (or -1) and an error. */
  public record ProduceResponse(long requestId, long offset, Errors error) {}

  // ---- consumer <-> leader --------------------------------------------------------------------

  /** A consumer's read from {@code offset}. */
  public record Read(long requestId, long offset) {}

  /** The values at offset, offset + 1, ... (all below highWaterMark), and the leader's mark. */
  public record ReadResponse(long requestId, long offset, List<String> values, long highWaterMark,
      Errors error) {
    public ReadResponse {
      values = List.copyOf(values);
    }
  }

  // ---- follower <-> leader --------------------------------------------------------------------

  /**
   * A follower's fetch in leader epoch {@code epoch}: it holds offsets 0 to fetchOffset - 1, the
   * last of them appended in epoch {@code lastFetchedEpoch} (-1 when its log is empty).
   */
  public record Fetch(int epoch, long fetchOffset, int lastFetchedEpoch) {}

  /**
   * The leader's answer to Fetch(epoch, fetchOffset, lastFetchedEpoch), which it repeats. Either
   * records from fetchOffset on and the leader's high-water mark (divergingEpoch = -1,
   * divergingEndOffset = -1), or, when the follower's log has diverged from the leader's, no
   * records and the leader's end offset for epoch {@code divergingEpoch}.
   */
  public record FetchResponse(int epoch, long fetchOffset, int lastFetchedEpoch, List<Rec> records,
      long highWaterMark, int divergingEpoch, long divergingEndOffset) {
    public FetchResponse {
      records = List.copyOf(records);
    }
  }
}
