import dstutor.kit.Disk;
import java.util.zip.CRC32C;

/**
 * One machine's block store, as an HDFS DataNode keeps it: block {@code id} is the file {@code
 * id.data} with its bytes and the file {@code id.crc} with a 4-byte big-endian CRC-32C for every
 * chunk of {@code bytesPerChecksum} bytes, the last, shorter chunk included. Nothing is kept in
 * memory: every read takes both files from the disk and checks every chunk before it returns a
 * byte, because the disk may have changed since the block was written or last read.
 */
public class ChecksummedBlockStore implements BlockStore {
  private static final int CRC_BYTES = 4;

  private final Disk disk;
  private final int bytesPerChecksum;

  public ChecksummedBlockStore(Disk disk, int bytesPerChecksum) {
    if (bytesPerChecksum < 1) {
      throw new IllegalArgumentException("bytesPerChecksum must be at least 1: " + bytesPerChecksum);
    }
    this.disk = disk;
    this.bytesPerChecksum = bytesPerChecksum;
  }

  @Override
  public void write(String blockId, byte[] data) {
    int chunks = chunks(data.length);
    byte[] crcs = new byte[chunks * CRC_BYTES];
    for (int i = 0; i < chunks; i++) {
      putInt(crcs, i * CRC_BYTES, crc(data, i));
    }
    // Disk.write keeps a copy, so the caller may reuse its array.
    disk.write(blockId + ".data", data);
    disk.write(blockId + ".crc", crcs);
  }

  @Override
  public byte[] read(String blockId) {
    byte[] data = disk.read(blockId + ".data");
    byte[] crcs = disk.read(blockId + ".crc");
    if (data == null && crcs == null) {
      return null;
    }
    if (data == null || crcs == null) {
      throw new CorruptBlockException(blockId, 0, "block " + blockId + ": its "
          + (data == null ? ".data" : ".crc") + " file is missing");
    }
    int chunks = chunks(data.length);
    for (int i = 0; i < chunks; i++) {
      if ((i + 1) * CRC_BYTES > crcs.length) {
        throw new CorruptBlockException(blockId, i, "block " + blockId + ": chunk " + i
            + " has no stored checksum (the .crc file has " + crcs.length + " bytes)");
      }
      int stored = getInt(crcs, i * CRC_BYTES);
      int actual = crc(data, i);
      if (stored != actual) {
        throw new CorruptBlockException(blockId, i, String.format(
            "block %s: chunk %d (bytes %d to %d) has CRC-32C %08x, the stored one is %08x",
            blockId, i, i * bytesPerChecksum, end(data.length, i) - 1, actual, stored));
      }
    }
    if (crcs.length != chunks * CRC_BYTES) {
      throw new CorruptBlockException(blockId, chunks, "block " + blockId + ": " + data.length
          + " bytes need " + chunks * CRC_BYTES + " bytes of checksums, the .crc file has "
          + crcs.length);
    }
    return data; // Disk.read returned a copy of its own: the caller may keep it
  }

  private int chunks(int length) {
    return (int) (((long) length + bytesPerChecksum - 1) / bytesPerChecksum);
  }

  private int end(int length, int chunk) {
    return (int) Math.min((long) (chunk + 1) * bytesPerChecksum, length);
  }

  private int crc(byte[] data, int chunk) {
    int from = chunk * bytesPerChecksum;
    CRC32C crc = new CRC32C();
    crc.update(data, from, end(data.length, chunk) - from);
    return (int) crc.getValue();
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }
}
