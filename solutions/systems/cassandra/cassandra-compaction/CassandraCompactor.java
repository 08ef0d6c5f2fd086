import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Compaction of Cassandra SSTables: merges the input tables into one sorted run holding the
 * winning cell of each key, drops a tombstone once its grace period is over and no table outside
 * the compaction may hold older data of its key, and cuts the run into tables of at most
 * {@code maxTableCells} cells.
 */
public final class CassandraCompactor {
  /** Cassandra's default gc_grace_seconds: 10 days. */
  public static final long DEFAULT_GC_GRACE_SECONDS = 864_000;

  private final long gcGraceSeconds;
  private final int maxTableCells;

  /** A compactor with the default grace period. */
  public CassandraCompactor(int maxTableCells) {
    this(DEFAULT_GC_GRACE_SECONDS, maxTableCells);
  }

  /**
   * A compactor that keeps tombstones for {@code gcGraceSeconds} after their deletion and writes
   * tables of at most {@code maxTableCells} cells.
   */
  public CassandraCompactor(long gcGraceSeconds, int maxTableCells) {
    if (gcGraceSeconds < 0) {
      throw new IllegalArgumentException("gcGraceSeconds must not be negative: " + gcGraceSeconds);
    }
    if (maxTableCells < 1) {
      throw new IllegalArgumentException("maxTableCells must be at least 1: " + maxTableCells);
    }
    this.gcGraceSeconds = gcGraceSeconds;
    this.maxTableCells = maxTableCells;
  }

  /**
   * Compacts {@code inputs} (each sorted by key, one cell per key) at time {@code now} (seconds),
   * with {@code others} the tables outside the compaction.
   *
   * @return the new tables, in key order
   */
  public List<List<CassandraCompactionCell>> compact(List<List<CassandraCompactionCell>> inputs,
      List<CassandraOtherTable> others, long now) {
    TreeMap<String, CassandraCompactionCell> winners = new TreeMap<>();
    for (List<CassandraCompactionCell> table : inputs) {
      for (CassandraCompactionCell c : table) {
        winners.merge(c.key(), c, CassandraCompactor::newer);
      }
    }
    List<List<CassandraCompactionCell>> out = new ArrayList<>();
    List<CassandraCompactionCell> current = new ArrayList<>();
    for (CassandraCompactionCell c : winners.values()) {
      if (c.isTombstone() && purgeable(c, others, now)) {
        continue; // the tombstone goes, and with it everything older it shadowed in the inputs
      }
      if (current.size() == maxTableCells) {
        out.add(current);
        current = new ArrayList<>();
      }
      current.add(c);
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /**
   * Past its grace period (deletedAt + grace strictly before now), and no table outside the
   * compaction may hold data of its key as old as the tombstone or older.
   */
  private boolean purgeable(CassandraCompactionCell tombstone, List<CassandraOtherTable> others,
      long now) {
    if (tombstone.deletedAt() + gcGraceSeconds >= now) {
      return false;
    }
    for (CassandraOtherTable t : others) {
      if (t.minTimestamp() <= tombstone.timestamp() && t.mayContain(tombstone.key())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The winning cell: the greater timestamp; on a tie a tombstone beats a value, the later
   * deletion time wins between tombstones, and the greater value between values.
   */
  static CassandraCompactionCell newer(CassandraCompactionCell a, CassandraCompactionCell b) {
    if (a.timestamp() != b.timestamp()) {
      return a.timestamp() > b.timestamp() ? a : b;
    }
    if (a.isTombstone() != b.isTombstone()) {
      return a.isTombstone() ? a : b;
    }
    if (a.isTombstone()) {
      return a.deletedAt() >= b.deletedAt() ? a : b;
    }
    return a.value().compareTo(b.value()) >= 0 ? a : b;
  }
}
