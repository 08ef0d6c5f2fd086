import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Reads a record-append file from one replica: it finds the records by their magic, length and
 * checksum, skips padding and fragments byte by byte, and drops duplicates by id.
 */
public final class GfsRecordReader {
  /**
   * The file's records, each id once (its first occurrence), in file order.
   *
   * @param chunks the file's chunks in order, as one replica holds them (each as long as that
   *     copy's data)
   */
  public List<GfsRecord> read(List<byte[]> chunks) {
    List<GfsRecord> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (byte[] c : chunks) {
      ByteBuffer b = ByteBuffer.wrap(c);
      int p = 0;
      while (p + GfsRecordFormat.OVERHEAD <= c.length) {
        int n = b.getInt(p + 4);
        if (b.getInt(p) == GfsRecordFormat.MAGIC && n >= 0
            && n <= c.length - p - GfsRecordFormat.OVERHEAD) {
          CRC32 crc = new CRC32();
          crc.update(c, p, 16 + n);
          if ((int) crc.getValue() == b.getInt(p + 16 + n)) {
            long id = b.getLong(p + 8);
            if (seen.add(id)) {
              out.add(new GfsRecord(id, Arrays.copyOfRange(c, p + 16, p + 16 + n)));
            }
            p += GfsRecordFormat.OVERHEAD + n;
            continue;
          }
        }
        p++;
      }
    }
    return out;
  }
}
