import dstutor.kit.Disk;

/**
 * A log split into segment files named by base offset, with an offset index per segment, rolling
 * and retention. See brief.md for the file format, the roll rule and what the suite checks.
 */
public class SegmentedLog implements OffsetLog {

  /**
   * Opens the log on {@code disk}: finds the segments of an existing log (the {@code .log} files),
   * or creates the empty segment {@code 00000000000000000000.log} on a disk without any.
   *
   * @throws IllegalArgumentException if segmentBytes < 4 or indexIntervalBytes < 1
   */
  public SegmentedLog(Disk disk, int segmentBytes, int indexIntervalBytes) {
    // TODO: check the arguments, then find the segments on the disk (or create segment 0) and
    // build each segment's offset index.
    throw new UnsupportedOperationException("TODO: SegmentedLog constructor");
  }

  @Override
  public long append(byte[] record) {
    // TODO: roll first if the record would overflow a non-empty active segment, then append
    // 4-byte length + bytes to the active segment and index it.
    throw new UnsupportedOperationException("TODO: append");
  }

  @Override
  public byte[] read(long offset) {
    // TODO: check the range, find the segment (greatest base <= offset), then use its index and
    // positional reads (disk.read(file, position, length)) to find the record.
    throw new UnsupportedOperationException("TODO: read");
  }

  @Override
  public long startOffset() {
    // TODO: the base offset of the oldest segment.
    throw new UnsupportedOperationException("TODO: startOffset");
  }

  @Override
  public long endOffset() {
    // TODO: the offset the next append gets.
    throw new UnsupportedOperationException("TODO: endOffset");
  }

  @Override
  public int deleteOldSegments(long retentionBytes) {
    // TODO: delete whole segments, oldest first, never the active one, while the log without
    // the oldest still holds at least retentionBytes bytes.
    throw new UnsupportedOperationException("TODO: deleteOldSegments");
  }

  @Override
  public void close() {
    // TODO: make everything durable.
    throw new UnsupportedOperationException("TODO: close");
  }
}
