import dstutor.kit.Disk;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A log split into segment files named by base offset, with a sparse offset index per segment
 * kept in memory, rolling and retention by size. See brief.md for the file format, the roll rule
 * and what the suite checks.
 */
public class SegmentedLog implements OffsetLog {
  private static final int HEADER = 4;
  private static final String LOG = ".log";
  private static final int DIGITS = 20;

  private final Disk disk;
  private final int segmentBytes;
  private final int indexIntervalBytes;
  /** The segments by base offset; the last one is the active segment. */
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private long endOffset;

  /**
   * Opens the log on {@code disk}: finds the segments of an existing log (the {@code .log} files),
   * or creates the empty segment {@code 00000000000000000000.log} on a disk without any.
   *
   * @throws IllegalArgumentException if segmentBytes < 4 or indexIntervalBytes < 1
   */
  public SegmentedLog(Disk disk, int segmentBytes, int indexIntervalBytes) {
    if (segmentBytes < HEADER) {
      throw new IllegalArgumentException("segmentBytes < 4: " + segmentBytes);
    }
    if (indexIntervalBytes < 1) {
      throw new IllegalArgumentException("indexIntervalBytes < 1: " + indexIntervalBytes);
    }
    this.disk = Objects.requireNonNull(disk, "disk");
    this.segmentBytes = segmentBytes;
    this.indexIntervalBytes = indexIntervalBytes;
    // Every file is named <20-digit base>.<suffix> (the brief); the .log files are the segments.
    for (String file : disk.files()) {
      if (file.endsWith(LOG)) {
        long base = Long.parseLong(file.substring(0, DIGITS));
        segments.put(base, recover(base));
      }
    }
    if (segments.isEmpty()) {
      Segment first = new Segment(0);
      disk.write(first.file, new byte[0]);
      segments.put(0L, first);
    }
    Segment active = segments.lastEntry().getValue();
    endOffset = active.base + active.count;
  }

  @Override
  public long append(byte[] record) {
    Objects.requireNonNull(record, "record");
    long stored = HEADER + (long) record.length;
    if (stored > segmentBytes) {
      throw new IllegalArgumentException("a record of " + record.length + " bytes takes "
          + stored + " bytes, more than a segment of " + segmentBytes);
    }
    Segment active = segments.lastEntry().getValue();
    if (active.count > 0 && active.size + stored > segmentBytes) {
      active = new Segment(endOffset);
      segments.put(active.base, active);
    }
    byte[] bytes = ByteBuffer.allocate((int) stored).putInt(record.length).put(record).array();
    disk.append(active.file, bytes);
    active.add(endOffset, (int) stored);
    return endOffset++;
  }

  @Override
  public byte[] read(long offset) {
    if (offset < startOffset() || offset >= endOffset) {
      throw new LogOffsetOutOfRangeException(offset, startOffset(), endOffset);
    }
    Segment s = segments.floorEntry(offset).getValue();
    int entry = s.floorEntry(offset);
    long at = s.entryOffsets[entry];
    long position = s.entryPositions[entry];
    int length = lengthAt(s, position);
    while (at < offset) {
      position += HEADER + length;
      at++;
      length = lengthAt(s, position);
    }
    return disk.read(s.file, position + HEADER, length);
  }

  @Override
  public long startOffset() {
    return segments.firstKey();
  }

  @Override
  public long endOffset() {
    return endOffset;
  }

  @Override
  public int deleteOldSegments(long retentionBytes) {
    if (retentionBytes < 0) {
      throw new IllegalArgumentException("retentionBytes < 0: " + retentionBytes);
    }
    long total = 0;
    for (Segment s : segments.values()) {
      total += s.size;
    }
    int deleted = 0;
    while (segments.size() > 1) {
      Segment oldest = segments.firstEntry().getValue();
      if (total - oldest.size < retentionBytes) {
        break;
      }
      String prefix = name(oldest.base) + ".";
      for (String file : List.copyOf(disk.files())) {
        if (file.startsWith(prefix)) {
          disk.delete(file);
        }
      }
      segments.pollFirstEntry();
      total -= oldest.size;
      deleted++;
    }
    return deleted;
  }

  @Override
  public void close() {
    disk.fsync();
  }

  /** Rebuilds a segment's size, record count and index by walking its record lengths. */
  private Segment recover(long base) {
    Segment s = new Segment(base);
    byte[] data = disk.read(s.file);
    ByteBuffer buf = ByteBuffer.wrap(data);
    long offset = base;
    while (buf.remaining() >= HEADER) {
      int length = buf.getInt();
      buf.position(buf.position() + length);
      s.add(offset++, HEADER + length);
    }
    return s;
  }

  /** The length field of the record at {@code position} of segment {@code s}. */
  private int lengthAt(Segment s, long position) {
    return ByteBuffer.wrap(disk.read(s.file, position, HEADER)).getInt();
  }

  private static String name(long base) {
    return String.format("%020d", base);
  }

  /** One segment: its file, size and record count, and a sparse index of (offset, position). */
  private final class Segment {
    final long base;
    final String file;
    long size;
    long count;
    long[] entryOffsets = new long[4];
    long[] entryPositions = new long[4];
    int entries;
    long sinceEntry;

    Segment(long base) {
      this.base = base;
      this.file = name(base) + LOG;
    }

    /** Records that the record at {@code offset}, of {@code stored} bytes, went in at the end. */
    void add(long offset, int stored) {
      if (count == 0 || sinceEntry >= indexIntervalBytes) {
        if (entries == entryOffsets.length) {
          entryOffsets = Arrays.copyOf(entryOffsets, entries * 2);
          entryPositions = Arrays.copyOf(entryPositions, entries * 2);
        }
        entryOffsets[entries] = offset;
        entryPositions[entries] = size;
        entries++;
        sinceEntry = 0;
      }
      sinceEntry += stored;
      size += stored;
      count++;
    }

    /** The index of the last entry at or before {@code offset} (the first entry is the base). */
    int floorEntry(long offset) {
      int i = Arrays.binarySearch(entryOffsets, 0, entries, offset);
      return i >= 0 ? i : -i - 2;
    }
  }
}
