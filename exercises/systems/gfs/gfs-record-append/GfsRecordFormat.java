import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * How the application library frames a record before appending it (read-only). All integers are
 * big-endian (ByteBuffer's default):
 *
 * <pre>
 *   offset 0        4         8            16             16 + n
 *          | MAGIC  | n (int) | id (long)  | payload (n)  | crc (int) |
 * </pre>
 *
 * {@code crc} is java.util.zip.CRC32 over the 16 + n bytes before it (magic, n, id, payload),
 * stored as an int (the low 32 bits of {@code CRC32.getValue()}). A framed record takes
 * {@code n + OVERHEAD} bytes.
 */
public final class GfsRecordFormat {
  /** "GFS1" in ASCII. */
  public static final int MAGIC = 0x47465331;
  /** Bytes a frame adds to its payload: magic, length, id and checksum. */
  public static final int OVERHEAD = 20;

  private GfsRecordFormat() {}

  /** The framed bytes of a record with this id and payload. */
  public static byte[] encode(long id, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(payload.length + OVERHEAD);
    b.putInt(MAGIC).putInt(payload.length).putLong(id).put(payload);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, 16 + payload.length);
    b.putInt((int) crc.getValue());
    return b.array();
  }
}
