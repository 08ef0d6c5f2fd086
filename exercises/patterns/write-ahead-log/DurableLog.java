import java.util.List;

/**
 * A write-ahead log of byte records on a {@link dstutor.kit.Disk}: records are appended in order,
 * each gets the next sequence number, and each is acknowledged once it is durable. After a crash,
 * a new log object over the same disk recovers the records. Given: do not edit.
 */
public interface DurableLog {

  /** Told by the log that a record is durable: only then may its writer hear "done". */
  interface Acknowledger {
    /** Record {@code sequence} is on disk and will survive any crash from now on. */
    void acknowledge(long sequence);
  }

  /**
   * Reads the log, repairs a damaged tail and returns every record it holds, in order: the longest
   * run of intact records from the start, never a torn or corrupt one. Called first, before any
   * append; calling it again returns the same records and changes nothing.
   *
   * @return a new list of new arrays: the caller may change them
   */
  List<byte[]> recover();

  /**
   * Adds {@code record} (0 bytes or more) at the end of the log. Not durable yet, so not
   * acknowledged yet: {@link #sync()} makes it so. The caller may change the array afterwards.
   *
   * @return its sequence number: how many records come before it in the log
   */
  long append(byte[] record);

  /**
   * Makes every record appended so far durable (fsync), then acknowledges each one not yet
   * acknowledged, exactly once and in order, before returning.
   */
  void sync();
}
