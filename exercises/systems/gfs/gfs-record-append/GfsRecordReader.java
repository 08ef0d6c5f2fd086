import java.util.List;

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
    // TODO: scan every chunk, keep the valid records, drop duplicates
    throw new UnsupportedOperationException("TODO: GfsRecordReader.read");
  }
}
