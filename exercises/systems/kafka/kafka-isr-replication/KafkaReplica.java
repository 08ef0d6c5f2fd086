import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.List;
import java.util.Set;

/**
 * One replica of a Kafka partition: a follower that fetches from the leader and truncates where
 * its log diverged (by leader epoch), or the leader that keeps the ISR by the lag rule, moves the
 * high-water mark, answers produce requests by their acks and serves consumers below the mark.
 * See brief.md for the exact rules.
 */
public class KafkaReplica implements Node {

  /**
   * @throws IllegalArgumentException if replicas is empty, lagTimeMaxMs < 1, minInsyncReplicas <
   *     1 or fetchIntervalMs < 1
   */
  public KafkaReplica(List<String> replicas, long lagTimeMaxMs, int minInsyncReplicas,
      long fetchIntervalMs) {
    // TODO: check and keep the settings.
    throw new UnsupportedOperationException("TODO: KafkaReplica constructor");
  }

  @Override
  public void start(Context ctx) {
    // TODO: keep ctx; set the timer that drives fetches (follower) and the lag rule (leader).
    throw new UnsupportedOperationException("TODO: start");
  }

  @Override
  public void onTimer(Object tag) {
    // TODO: a follower sends Fetch(epoch, log end, last epoch) to its leader; a leader applies
    // the lag rule and moves the high-water mark.
    throw new UnsupportedOperationException("TODO: onTimer");
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: LeaderAndIsr, Produce, Read, Fetch and FetchResponse (brief.md).
    throw new UnsupportedOperationException("TODO: onMessage");
  }

  /** The leader epoch this replica knows (-1 before the first LeaderAndIsr). */
  public int leaderEpoch() {
    throw new UnsupportedOperationException("TODO: leaderEpoch");
  }

  /** The leader this replica knows, or null. */
  public String leader() {
    throw new UnsupportedOperationException("TODO: leader");
  }

  /** A copy of the log. */
  public List<KafkaIsrProtocol.Rec> log() {
    throw new UnsupportedOperationException("TODO: log");
  }

  /** The high-water mark: the leader's, or this follower's copy of it. */
  public long highWaterMark() {
    throw new UnsupportedOperationException("TODO: highWaterMark");
  }

  /** The ISR as this replica keeps it as leader (itself included); empty on a follower. */
  public Set<String> isr() {
    throw new UnsupportedOperationException("TODO: isr");
  }
}
