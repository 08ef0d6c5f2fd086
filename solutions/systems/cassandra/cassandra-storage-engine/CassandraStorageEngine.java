import dstutor.kit.Disk;
import dstutor.kit.Hashing;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The write and read path of one Cassandra table on one node: every write is appended to the
 * commit log (segment files on the disk), then applied to the memtable; a memtable that reaches
 * its limit is flushed to a new immutable sorted table with a Bloom filter of its keys. Reads
 * merge the memtable and every table whose filter may hold the key, newest timestamp first.
 * Each log record carries a sequence number and each table the last one it covers, so that
 * recovery replays only what no table holds yet.
 */
public final class CassandraStorageEngine {
  private static final String PREFIX = "commitlog-";
  private static final int HEADER = 8;
  private static final double FALSE_POSITIVES = 0.01;

  private final Disk disk;
  private final CassandraSSTables tables;
  private final int memtableLimit;
  private final TreeMap<String, CassandraCell> memtable = new TreeMap<>();
  private final Map<Integer, Filter> filters = new HashMap<>();
  /** The sequence number of the next write. */
  private long next;
  /** The commit log segment new records go to. */
  private long segment;
  private boolean replaying;

  /**
   * An engine over {@code disk} (the commit log) and {@code tables}, flushing its memtable once it
   * holds {@code memtableLimit} keys. Reads nothing yet: {@link #recover()} comes first.
   */
  public CassandraStorageEngine(Disk disk, CassandraSSTables tables, int memtableLimit) {
    if (memtableLimit < 1) {
      throw new IllegalArgumentException("memtableLimit must be at least 1: " + memtableLimit);
    }
    this.disk = disk;
    this.tables = tables;
    this.memtableLimit = memtableLimit;
  }

  /** Loads the tables' filters and replays the commit log records no table covers yet. */
  public void recover() {
    memtable.clear();
    filters.clear();
    long covered = -1;
    for (int id : tables.ids()) {
      filters.put(id, Filter.decode(tables.filter(id)));
      covered = Math.max(covered, tables.logPosition(id));
    }
    next = covered + 1;
    long lastSegment = -1;
    List<Record> log = new ArrayList<>();
    for (String file : disk.files()) {
      if (file.startsWith(PREFIX)) {
        lastSegment = Math.max(lastSegment, Long.parseLong(file.substring(PREFIX.length())));
        log.addAll(readSegment(disk.read(file)));
      }
    }
    // A flush during replay must keep the segments: the records after it are only in memory.
    replaying = true;
    for (Record r : log) {
      if (r.seq >= next) {
        next = r.seq + 1;
        apply(r.cell);
      }
    }
    replaying = false;
    // Never append after a torn tail: new records go to a segment of their own.
    segment = lastSegment + 1;
  }

  /** Writes {@code value} for {@code key} at {@code timestamp}. */
  public void put(String key, String value, long timestamp) {
    write(new CassandraCell(key, timestamp, value));
  }

  /** Deletes {@code key} at {@code timestamp}: a write of a tombstone. */
  public void delete(String key, long timestamp) {
    write(new CassandraCell(key, timestamp, null));
  }

  /** Makes every write so far durable. */
  public void sync() {
    disk.fsync();
  }

  /** The newest value of {@code key}, or null if it has none or its newest cell is a tombstone. */
  public String get(String key) {
    CassandraCell best = memtable.get(key);
    for (int id : tables.ids()) {
      if (filters.get(id).mightContain(key)) {
        best = newer(best, tables.read(id, key));
      }
    }
    return best == null || best.isTombstone() ? null : best.value();
  }

  /** Segment names sort as their numbers do: 20 zero-padded digits. */
  private static String name(long segment) {
    return PREFIX + String.format("%020d", segment);
  }

  private void write(CassandraCell cell) {
    long seq = next++;
    disk.append(name(segment), frame(seq, cell));
    apply(cell);
  }

  /** Puts {@code cell} in the memtable and flushes it once it holds the limit. */
  private void apply(CassandraCell cell) {
    memtable.put(cell.key(), newer(memtable.get(cell.key()), cell));
    if (memtable.size() >= memtableLimit) {
      flush();
    }
  }

  private void flush() {
    List<CassandraCell> cells = new ArrayList<>(memtable.values());
    Filter filter = new Filter(cells.size());
    for (CassandraCell c : cells) {
      filter.add(c.key());
    }
    int id = tables.write(cells, filter.encode(), next - 1);
    filters.put(id, filter);
    memtable.clear();
    if (replaying) {
      return;
    }
    // Everything in the log is in a table now: drop the segments (a crash that undoes the
    // deletes is harmless, since replay skips what a table covers).
    for (String file : disk.files()) {
      if (file.startsWith(PREFIX)) {
        disk.delete(file);
      }
    }
    segment++;
  }

  /** The cell that wins: the newer timestamp; on a tie a tombstone, then the greater value. */
  static CassandraCell newer(CassandraCell a, CassandraCell b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.timestamp() != b.timestamp()) {
      return a.timestamp() > b.timestamp() ? a : b;
    }
    if (a.isTombstone() || b.isTombstone()) {
      return a.isTombstone() ? a : b;
    }
    return a.value().compareTo(b.value()) >= 0 ? a : b;
  }

  // The commit log: [length: 4][CRC-32C of length and payload: 4][payload], the payload being
  // seq, timestamp, tombstone flag, key and value.

  private record Record(long seq, CassandraCell cell) {}

  private static byte[] frame(long seq, CassandraCell cell) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0);
      out.writeInt(0);
      out.writeLong(seq);
      out.writeLong(cell.timestamp());
      out.writeBoolean(cell.isTombstone());
      writeString(out, cell.key());
      writeString(out, cell.isTombstone() ? "" : cell.value());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
    b.putInt(0, b.capacity() - HEADER);
    b.putInt(4, crc(b.array(), 0, b.capacity() - HEADER));
    return b.array();
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static int crc(byte[] b, int at, int length) {
    CRC32C crc = new CRC32C();
    crc.update(b, at, 4);
    crc.update(b, at + HEADER, length);
    return (int) crc.getValue();
  }

  /** The intact records of a segment, from its start to the first torn one. */
  private static List<Record> readSegment(byte[] log) {
    List<Record> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(log);
    int at = 0;
    while (log.length - at >= HEADER) {
      int length = b.getInt(at);
      if (length < 0 || length > log.length - at - HEADER || b.getInt(at + 4) != crc(log, at,
          length)) {
        break;
      }
      ByteBuffer p = ByteBuffer.wrap(log, at + HEADER, length);
      long seq = p.getLong();
      long timestamp = p.getLong();
      boolean tombstone = p.get() != 0;
      String key = readString(p);
      String value = readString(p);
      out.add(new Record(seq, new CassandraCell(key, timestamp, tombstone ? null : value)));
      at += HEADER + length;
    }
    return out;
  }

  private static String readString(ByteBuffer p) {
    byte[] s = new byte[p.getInt()];
    p.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  /** A Bloom filter sized for 1% false positives, positions by double hashing. */
  private static final class Filter {
    private final long[] bits;
    private final int m;
    private final int k;

    Filter(int n) {
      this.m = Math.max(1, (int) Math.ceil(-n * Math.log(FALSE_POSITIVES)
          / (Math.log(2) * Math.log(2))));
      this.k = Math.max(1, (int) Math.round((double) m / n * Math.log(2)));
      this.bits = new long[(m + 63) / 64];
    }

    private Filter(int m, int k, long[] bits) {
      this.m = m;
      this.k = k;
      this.bits = bits;
    }

    void add(String key) {
      long[] h = Hashing.murmur3(key.getBytes(StandardCharsets.UTF_8), 0);
      for (int i = 0; i < k; i++) {
        int p = (int) Long.remainderUnsigned(h[0] + i * h[1], m);
        bits[p >>> 6] |= 1L << p;
      }
    }

    boolean mightContain(String key) {
      long[] h = Hashing.murmur3(key.getBytes(StandardCharsets.UTF_8), 0);
      for (int i = 0; i < k; i++) {
        int p = (int) Long.remainderUnsigned(h[0] + i * h[1], m);
        if ((bits[p >>> 6] & 1L << p) == 0) {
          return false;
        }
      }
      return true;
    }

    byte[] encode() {
      ByteBuffer b = ByteBuffer.allocate(8 + 8 * bits.length);
      b.putInt(m).putInt(k);
      for (long w : bits) {
        b.putLong(w);
      }
      return b.array();
    }

    static Filter decode(byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      int m = b.getInt();
      int k = b.getInt();
      long[] bits = new long[(m + 63) / 64];
      for (int i = 0; i < bits.length; i++) {
        bits[i] = b.getLong();
      }
      return new Filter(m, k, bits);
    }
  }
}
