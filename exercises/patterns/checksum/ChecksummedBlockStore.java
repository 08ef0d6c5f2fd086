import dstutor.kit.Disk;

/**
 * One machine's block store, as an HDFS DataNode keeps it: each block is a data file and a
 * checksum file on the disk, with a CRC-32C for every chunk of {@code bytesPerChecksum} bytes.
 * Every read checks every chunk before it returns a byte. See brief.md for the exact format.
 */
public class ChecksummedBlockStore implements BlockStore {

  /**
   * @param disk where the block files live; nothing else is kept between calls
   * @param bytesPerChecksum the chunk size: one checksum for every this many bytes (HDFS: 512)
   * @throws IllegalArgumentException if bytesPerChecksum < 1
   */
  public ChecksummedBlockStore(Disk disk, int bytesPerChecksum) {
    // TODO: check bytesPerChecksum and keep both arguments.
    throw new UnsupportedOperationException("TODO: ChecksummedBlockStore constructor");
  }

  @Override
  public void write(String blockId, byte[] data) {
    // TODO: write blockId + ".data" (the bytes) and blockId + ".crc" (a 4-byte big-endian
    // CRC-32C per chunk, the last partial chunk included).
    throw new UnsupportedOperationException("TODO: write");
  }

  @Override
  public byte[] read(String blockId) {
    // TODO: read both files from the disk, check every chunk against its stored CRC-32C, and
    // return the bytes only if all match; otherwise throw CorruptBlockException naming the
    // first chunk that does not. null if neither file exists.
    throw new UnsupportedOperationException("TODO: read");
  }
}
