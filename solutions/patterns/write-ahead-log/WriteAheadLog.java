import dstutor.kit.Disk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A write-ahead log in one file of a simulated disk. Each record is framed as its length (4 bytes),
 * a CRC-32C of the length and the data (4 bytes), then the data, so that recovery can tell a whole
 * record from a torn or damaged one; records are written at once and acknowledged in sync(), after
 * the fsync that made them durable.
 */
public final class WriteAheadLog implements DurableLog {
  private static final int HEADER = 8;

  private final Disk disk;
  private final String file;
  private final Acknowledger acks;
  /** The sequence number of the next record appended. */
  private long next;
  /** The sequence number of the first record not acknowledged yet. */
  private long unacknowledged;

  public WriteAheadLog(Disk disk, String file, Acknowledger acks) {
    this.disk = disk;
    this.file = file;
    this.acks = acks;
  }

  @Override
  public List<byte[]> recover() {
    byte[] log = disk.read(file);
    if (log == null) {
      log = new byte[0];
    }
    List<byte[]> records = new ArrayList<>();
    int end = 0;
    while (log.length - end >= HEADER) {
      int length = intAt(log, end);
      if (length < 0 || length > log.length - end - HEADER) {
        break; // torn, or a damaged length
      }
      if (intAt(log, end + 4) != checksum(log, end, length)) {
        break; // torn (zeros), or damaged
      }
      records.add(Arrays.copyOfRange(log, end + HEADER, end + HEADER + length));
      end += HEADER + length;
    }
    if (end < log.length) {
      // Cut the torn tail, durably: a power cut before the next fsync could tear this rewrite.
      disk.write(file, Arrays.copyOf(log, end));
      disk.fsync();
    }
    next = records.size();
    unacknowledged = next;
    return records;
  }

  @Override
  public long append(byte[] record) {
    byte[] frame = new byte[HEADER + record.length];
    putInt(frame, 0, record.length);
    System.arraycopy(record, 0, frame, HEADER, record.length);
    putInt(frame, 4, checksum(frame, 0, record.length));
    disk.append(file, frame);
    return next++;
  }

  @Override
  public void sync() {
    if (unacknowledged == next) {
      return;
    }
    disk.fsync();
    while (unacknowledged < next) {
      acks.acknowledge(unacknowledged++);
    }
  }

  /** CRC-32C of the length field at {@code at} and the {@code length} data bytes after the header. */
  private static int checksum(byte[] b, int at, int length) {
    CRC32C crc = new CRC32C();
    crc.update(b, at, 4);
    crc.update(b, at + HEADER, length);
    return (int) crc.getValue();
  }

  private static int intAt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
