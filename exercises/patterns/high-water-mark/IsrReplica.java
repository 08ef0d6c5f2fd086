import java.util.Collection;
import java.util.Set;

/**
 * One replica of a partition: a follower that copies the leader's log by fetching, or the leader
 * that tracks its followers' log ends, its in-sync replicas and the high-water mark. See brief.md
 * for the exact rules the suite checks.
 */
public class IsrReplica implements IsrPartition {

  /**
   * A follower with an empty log (log end 0, high-water mark 0).
   *
   * @throws IllegalArgumentException if lagTimeMaxMs < 1
   */
  public IsrReplica(String id, long lagTimeMaxMs) {
    // TODO: check lagTimeMaxMs, keep the id; start as a follower with an empty log.
    throw new UnsupportedOperationException("TODO: IsrReplica constructor");
  }

  @Override
  public void becomeLeader(Collection<String> isr, long now) {
    // TODO: keep the log and the HW; ISR = this replica plus isr, each follower at log end 0;
    // every record held arrives at now; then settle at now.
    throw new UnsupportedOperationException("TODO: becomeLeader");
  }

  @Override
  public void becomeFollower() {
    // TODO: truncate the log to this replica's high-water mark; forget the leader's state.
    throw new UnsupportedOperationException("TODO: becomeFollower");
  }

  @Override
  public long append(byte[] record, long now) {
    // TODO: leader only. Store a copy (it arrives at now), then settle at now.
    throw new UnsupportedOperationException("TODO: append");
  }

  @Override
  public FetchResponse onFetch(String follower, long fetchOffset, long now) {
    // TODO: leader only. Check the offset, record it as the follower's log end, let the follower
    // rejoin if fetchOffset >= HW, settle at now, answer with the records and the HW.
    throw new UnsupportedOperationException("TODO: onFetch");
  }

  @Override
  public void tick(long now) {
    // TODO: leader only. Settle at now: the lag rule, then the high-water mark.
    throw new UnsupportedOperationException("TODO: tick");
  }

  @Override
  public Set<String> isr() {
    // TODO: leader only. The in-sync replicas, this one included.
    throw new UnsupportedOperationException("TODO: isr");
  }

  @Override
  public void onFetchResponse(FetchResponse response) {
    // TODO: follower only. Apply it if it starts at the log end; HW = min(response HW, LEO).
    throw new UnsupportedOperationException("TODO: onFetchResponse");
  }

  @Override
  public long logEndOffset() {
    // TODO: the number of records in the log.
    throw new UnsupportedOperationException("TODO: logEndOffset");
  }

  @Override
  public long highWaterMark() {
    // TODO: the high-water mark (a follower's own copy of it).
    throw new UnsupportedOperationException("TODO: highWaterMark");
  }

  @Override
  public byte[] read(long offset) {
    // TODO: a copy of a committed record; refuse offsets at or past the high-water mark.
    throw new UnsupportedOperationException("TODO: read");
  }
}
