import dstutor.kit.Disk;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Kafka partition log: segments named by base offset, each a .log file of records and a .index
 * file of sparse (relative offset, position) entries, fetches by offset with a byte limit, and
 * time-based retention. See brief.md for the formats, the rules and what the suite checks.
 */
public class KafkaPartitionLog implements KafkaLog {
  private static final int OVERHEAD = 20;
  private static final int HEADER = 12;
  private static final int ENTRY = 8;

  private final Disk disk;
  private final int segmentBytes;
  private final int indexIntervalBytes;
  /** The segments by base offset; the last one is the active segment. */
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private long endOffset;

  /**
   * A new, empty log on an empty {@code disk}: creates the empty segment files {@code
   * 00000000000000000000.log} and {@code 00000000000000000000.index}.
   *
   * @throws IllegalArgumentException if segmentBytes < 20 or indexIntervalBytes < 0
   */
  public KafkaPartitionLog(Disk disk, int segmentBytes, int indexIntervalBytes) {
    if (segmentBytes < OVERHEAD) {
      throw new IllegalArgumentException("segmentBytes < 20: " + segmentBytes);
    }
    if (indexIntervalBytes < 0) {
      throw new IllegalArgumentException("indexIntervalBytes < 0: " + indexIntervalBytes);
    }
    this.disk = Objects.requireNonNull(disk, "disk");
    this.segmentBytes = segmentBytes;
    this.indexIntervalBytes = indexIntervalBytes;
    newSegment(0);
  }

  @Override
  public long append(long timestamp, byte[] value) {
    Objects.requireNonNull(value, "value");
    if (timestamp < 0) {
      throw new IllegalArgumentException("timestamp < 0: " + timestamp);
    }
    long stored = OVERHEAD + (long) value.length;
    if (stored > segmentBytes) {
      throw new IllegalArgumentException("a record of " + value.length + " bytes takes " + stored
          + " bytes, more than a segment of " + segmentBytes);
    }
    Segment active = segments.lastEntry().getValue();
    if (active.size > 0 && active.size + stored > segmentBytes) {
      active = newSegment(endOffset);
    }
    if (active.sinceEntry > indexIntervalBytes) {
      active.addEntry((int) (endOffset - active.base), (int) active.size);
    }
    byte[] bytes = ByteBuffer.allocate((int) stored).putLong(endOffset).putInt(8 + value.length)
        .putLong(timestamp).put(value).array();
    disk.append(active.log, bytes);
    active.size += stored;
    active.sinceEntry += stored;
    active.largestTimestamp = Math.max(active.largestTimestamp, timestamp);
    return endOffset++;
  }

  @Override
  public List<KafkaRecord> fetch(long offset, int maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
    }
    if (offset < logStartOffset() || offset > endOffset) {
      throw new KafkaOffsetOutOfRangeException(offset, logStartOffset(), endOffset);
    }
    List<KafkaRecord> out = new ArrayList<>();
    if (offset == endOffset) {
      return out;
    }
    Segment s = segments.floorEntry(offset).getValue();
    long position = s.lookup((int) (offset - s.base));
    ByteBuffer header = ByteBuffer.wrap(disk.read(s.log, position, HEADER));
    long at = header.getLong();
    int length = header.getInt();
    while (at < offset) {
      position += HEADER + length;
      header = ByteBuffer.wrap(disk.read(s.log, position, HEADER));
      at = header.getLong();
      length = header.getInt();
    }
    long total = 0;
    while (position < s.size) {
      if (!out.isEmpty()) {
        header = ByteBuffer.wrap(disk.read(s.log, position, HEADER));
        at = header.getLong();
        length = header.getInt();
      }
      if (!out.isEmpty() && total + HEADER + length > maxBytes) {
        break;
      }
      ByteBuffer body = ByteBuffer.wrap(disk.read(s.log, position + HEADER, length));
      long timestamp = body.getLong();
      byte[] value = new byte[length - 8];
      body.get(value);
      out.add(new KafkaRecord(at, timestamp, value));
      total += HEADER + length;
      position += HEADER + length;
    }
    return out;
  }

  @Override
  public long logStartOffset() {
    return segments.firstKey();
  }

  @Override
  public long logEndOffset() {
    return endOffset;
  }

  @Override
  public int deleteExpiredSegments(long nowMs, long retentionMs) {
    if (retentionMs < 0) {
      return 0;
    }
    int deleted = 0;
    while (segments.size() > 1) {
      Segment oldest = segments.firstEntry().getValue();
      if (nowMs - oldest.largestTimestamp <= retentionMs) {
        break;
      }
      disk.delete(oldest.log);
      disk.delete(oldest.index);
      segments.pollFirstEntry();
      deleted++;
    }
    return deleted;
  }

  private Segment newSegment(long base) {
    Segment s = new Segment(base);
    disk.write(s.log, new byte[0]);
    disk.write(s.index, new byte[0]);
    segments.put(base, s);
    return s;
  }

  /** One segment: its files, size, largest timestamp and its index entries in memory. */
  private final class Segment {
    final long base;
    final String log;
    final String index;
    long size;
    long sinceEntry;
    long largestTimestamp = Long.MIN_VALUE;
    int[] relative = new int[4];
    int[] positions = new int[4];
    int entries;

    Segment(long base) {
      this.base = base;
      String name = String.format("%020d", base);
      this.log = name + ".log";
      this.index = name + ".index";
    }

    void addEntry(int rel, int position) {
      if (entries == relative.length) {
        relative = Arrays.copyOf(relative, entries * 2);
        positions = Arrays.copyOf(positions, entries * 2);
      }
      relative[entries] = rel;
      positions[entries] = position;
      entries++;
      disk.append(index, ByteBuffer.allocate(ENTRY).putInt(rel).putInt(position).array());
      sinceEntry = 0;
    }

    /** The position of the last entry at or before {@code rel}, or 0 if there is none. */
    long lookup(int rel) {
      int i = Arrays.binarySearch(relative, 0, entries, rel);
      int slot = i >= 0 ? i : -i - 2;
      return slot < 0 ? 0 : positions[slot];
    }
  }
}
