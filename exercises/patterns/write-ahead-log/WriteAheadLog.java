import dstutor.kit.Disk;
import java.util.List;

/**
 * A write-ahead log in one file of a simulated disk. Each record is framed so that recovery can
 * tell a whole record from a torn or damaged one; a record is acknowledged only after the fsync
 * that made it durable. See brief.md for the disk's crash model and what the suite checks.
 */
public final class WriteAheadLog implements DurableLog {
  private final Disk disk;
  private final String file;
  private final Acknowledger acks;

  /**
   * A log kept in {@code file} on {@code disk}, acknowledging durable records to {@code acks}.
   * Reads nothing yet: {@link #recover()} comes first.
   */
  public WriteAheadLog(Disk disk, String file, Acknowledger acks) {
    this.disk = disk;
    this.file = file;
    this.acks = acks;
  }

  @Override
  public List<byte[]> recover() {
    // TODO: read the file (disk.read returns null if it does not exist), take records from the
    // start while each is whole and its checksum matches, cut the file after the last good one
    // (and fsync the cut), and continue the sequence numbers from there.
    throw new UnsupportedOperationException("TODO: WriteAheadLog.recover");
  }

  @Override
  public long append(byte[] record) {
    // TODO: frame a copy of the record (its length and a java.util.zip.CRC32C checksum), write
    // it at the end of the file, and return its sequence number. Do not acknowledge it yet.
    throw new UnsupportedOperationException("TODO: WriteAheadLog.append");
  }

  @Override
  public void sync() {
    // TODO: fsync, then acknowledge every record appended since the last sync, in order.
    throw new UnsupportedOperationException("TODO: WriteAheadLog.sync");
  }
}
