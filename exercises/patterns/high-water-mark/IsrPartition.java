import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One replica of one partition of a Kafka-like log, on one broker. It is a follower or the leader
 * of the partition, and switches when the controller (the suite) says so. See brief.md for the
 * exact rules; times ({@code now}) are milliseconds that never go backwards. Given: do not edit.
 */
public interface IsrPartition {

  /**
   * The leader's answer to a fetch from {@code fetchOffset}: the records it holds from that offset
   * on, in offset order ({@code records.get(i)} is the record at offset {@code fetchOffset + i}),
   * and its high-water mark. Immutable: the constructor copies the list and every array, and
   * {@link #records()} returns fresh copies on every call.
   */
  record FetchResponse(long fetchOffset, List<byte[]> records, long highWaterMark) {
    public FetchResponse {
      List<byte[]> copy = new ArrayList<>(records.size());
      for (byte[] r : records) {
        copy.add(r.clone());
      }
      records = List.copyOf(copy);
    }

    /** Fresh copies of the records: change them as you like. */
    @Override
    public List<byte[]> records() {
      List<byte[]> copy = new ArrayList<>(records.size());
      for (byte[] r : records) {
        copy.add(r.clone());
      }
      return copy;
    }

    /** The offset after the last record: {@code fetchOffset + records().size()}. */
    public long endOffset() {
      return fetchOffset + records.size();
    }
  }

  // ---- Roles, as the controller hands them out ------------------------------------------------

  /**
   * This replica (a follower) leads from {@code now} on. It keeps its whole log and its
   * high-water mark; its ISR is itself plus the replicas {@code isr} names; each of them counts as
   * holding nothing (log end 0) until its first fetch from this leader.
   */
  void becomeLeader(Collection<String> isr, long now);

  /**
   * This replica follows from now on (after a leader change, or a restart): it truncates its log
   * to its high-water mark and forgets everything it knew as a leader.
   */
  void becomeFollower();

  // ---- Leader only (IllegalStateException on a follower) --------------------------------------

  /** A producer's record: appended at offset {@code logEndOffset()}, which is returned. */
  long append(byte[] record, long now);

  /**
   * Follower {@code follower} fetches from {@code fetchOffset}: it holds offsets 0 to
   * fetchOffset - 1. Returns the records from fetchOffset to the leader's log end and the
   * high-water mark after this fetch.
   */
  FetchResponse onFetch(String follower, long fetchOffset, long now);

  /** Time passes: the lag rule is applied at {@code now}. */
  void tick(long now);

  /** The in-sync replicas, this leader included. */
  Set<String> isr();

  // ---- Follower only (IllegalStateException on the leader) ------------------------------------

  /** The answer to this follower's fetch arrived. */
  void onFetchResponse(FetchResponse response);

  // ---- Both -----------------------------------------------------------------------------------

  /** The offset the next record will get: the number of records in this replica's log. */
  long logEndOffset();

  /** Offsets below it are committed and readable. */
  long highWaterMark();

  /** A consumer reads the record at {@code offset}; only committed offsets are readable. */
  byte[] read(long offset);
}
