import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tablet on a Bigtable tablet server: a memtable in memory and SSTables on the file system,
 * read as one merged view. A minor compaction writes the memtable out as it is; a merging
 * compaction rewrites the memtable and the newest SSTables into one, dropping what deletion
 * entries hide and versions past the newest maxVersions, but keeping the deletion entries; a
 * major compaction rewrites everything into one SSTable and drops the deletion entries too.
 */
public class BigtableTabletServer {
  private final BigtableFileSystem fs;
  private final int memtableLimit;
  private final int maxVersions;
  /** File names, newest first. */
  private final List<String> sstables;
  /** row -> column -> cell. */
  private TreeMap<String, TreeMap<String, Cell>> memtable = new TreeMap<>();
  private int memtableSize;

  /** The versions of one cell and its highest deletion timestamp, if any. */
  private static final class Cell {
    final TreeMap<Long, String> versions = new TreeMap<>(Collections.reverseOrder());
    Long deletedUpTo;
  }

  public BigtableTabletServer(BigtableFileSystem fs, List<String> sstables, int memtableLimit,
      int maxVersions) {
    if (fs == null || sstables == null) {
      throw new IllegalArgumentException("fs and sstables must not be null");
    }
    if (memtableLimit < 1 || maxVersions < 1) {
      throw new IllegalArgumentException("memtableLimit and maxVersions must be at least 1");
    }
    this.fs = fs;
    this.sstables = new ArrayList<>(sstables);
    this.memtableLimit = memtableLimit;
    this.maxVersions = maxVersions;
  }

  public void put(String row, String column, long timestamp, String value) {
    if (value == null || timestamp < 0) {
      throw new IllegalArgumentException("value must not be null, timestamp not negative");
    }
    Cell c = cell(row, column);
    if (c.versions.put(timestamp, value) == null) {
      memtableSize++;
    }
    compactIfFull();
  }

  public void delete(String row, String column, long timestamp) {
    if (timestamp < 0) {
      throw new IllegalArgumentException("timestamp must not be negative");
    }
    Cell c = cell(row, column);
    if (c.deletedUpTo == null) {
      c.deletedUpTo = timestamp;
      memtableSize++;
    } else if (timestamp > c.deletedUpTo) {
      c.deletedUpTo = timestamp;
    }
    compactIfFull();
  }

  private Cell cell(String row, String column) {
    if (row == null || column == null) {
      throw new IllegalArgumentException("row and column must not be null");
    }
    return memtable.computeIfAbsent(row, r -> new TreeMap<>())
        .computeIfAbsent(column, x -> new Cell());
  }

  private void compactIfFull() {
    if (memtableSize >= memtableLimit) {
      minorCompaction();
    }
  }

  public List<BigtableEntry> read(String row, String column, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1");
    }
    Cell merged = new Cell();
    TreeMap<String, Cell> ofRow = memtable.get(row);
    if (ofRow != null && ofRow.containsKey(column)) {
      absorb(merged, ofRow.get(column));
    }
    for (String name : sstables) {
      for (BigtableEntry e : fs.readSSTable(name)) {
        if (e.row().equals(row) && e.column().equals(column)) {
          absorb(merged, e);
        }
      }
    }
    List<BigtableEntry> out = new ArrayList<>();
    for (Map.Entry<Long, String> v : merged.versions.entrySet()) {
      if (out.size() == Math.min(k, maxVersions)) {
        break;
      }
      if (merged.deletedUpTo == null || v.getKey() > merged.deletedUpTo) {
        out.add(new BigtableEntry(row, column, v.getKey(), v.getValue()));
      }
    }
    return out;
  }

  public void minorCompaction() {
    if (memtableSize == 0) {
      return;
    }
    List<BigtableEntry> entries = new ArrayList<>();
    memtable.forEach((row, cols) -> cols.forEach((col, c) -> {
      if (c.deletedUpTo != null) {
        entries.add(BigtableEntry.deletion(row, col, c.deletedUpTo));
      }
      c.versions.forEach((ts, v) -> entries.add(new BigtableEntry(row, col, ts, v)));
    }));
    entries.sort(BigtableEntry.ORDER);
    sstables.add(0, fs.writeSSTable(entries));
    memtable = new TreeMap<>();
    memtableSize = 0;
  }

  public void mergingCompaction(int count) {
    if (count < 1 || count > sstables.size()) {
      throw new IllegalArgumentException("count must be between 1 and " + sstables.size());
    }
    compact(count, true);
  }

  public void majorCompaction() {
    compact(sstables.size(), false);
  }

  /** Rewrites the memtable and the newest {@code count} SSTables into one SSTable. */
  private void compact(int count, boolean keepDeletions) {
    TreeMap<String, TreeMap<String, Cell>> merged = new TreeMap<>();
    memtable.forEach((row, cols) -> cols.forEach((col, c) -> absorb(at(merged, row, col), c)));
    List<String> inputs = new ArrayList<>(sstables.subList(0, count));
    for (String name : inputs) {
      for (BigtableEntry e : fs.readSSTable(name)) {
        absorb(at(merged, e.row(), e.column()), e);
      }
    }
    List<BigtableEntry> out = new ArrayList<>();
    merged.forEach((row, cols) -> cols.forEach((col, c) -> {
      if (keepDeletions && c.deletedUpTo != null) {
        out.add(BigtableEntry.deletion(row, col, c.deletedUpTo));
      }
      int kept = 0;
      for (Map.Entry<Long, String> v : c.versions.entrySet()) {
        if (kept == maxVersions) {
          break;
        }
        if (c.deletedUpTo == null || v.getKey() > c.deletedUpTo) {
          out.add(new BigtableEntry(row, col, v.getKey(), v.getValue()));
          kept++;
        }
      }
    }));
    out.sort(BigtableEntry.ORDER);
    String written = fs.writeSSTable(out);
    sstables.subList(0, count).clear();
    sstables.add(0, written);
    memtable = new TreeMap<>();
    memtableSize = 0;
    for (String name : inputs) {
      fs.deleteSSTable(name);
    }
  }

  private static Cell at(TreeMap<String, TreeMap<String, Cell>> cells, String row, String col) {
    return cells.computeIfAbsent(row, r -> new TreeMap<>()).computeIfAbsent(col, x -> new Cell());
  }

  /** Adds an older source's cell: versions already present (from newer sources) win. */
  private static void absorb(Cell into, Cell from) {
    from.versions.forEach(into.versions::putIfAbsent);
    if (from.deletedUpTo != null) {
      into.deletedUpTo = into.deletedUpTo == null ? from.deletedUpTo
          : Math.max(into.deletedUpTo, from.deletedUpTo);
    }
  }

  private static void absorb(Cell into, BigtableEntry e) {
    if (e.isDeletion()) {
      into.deletedUpTo = into.deletedUpTo == null ? e.timestamp()
          : Math.max(into.deletedUpTo, e.timestamp());
    } else {
      into.versions.putIfAbsent(e.timestamp(), e.value());
    }
  }

  public List<String> sstables() {
    return new ArrayList<>(sstables);
  }

  public int memtableSize() {
    return memtableSize;
  }
}
