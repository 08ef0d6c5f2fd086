import java.util.List;

/**
 * Compaction of Cassandra SSTables: merges sorted input tables into new sorted tables, keeping
 * the winning cell of each key and dropping tombstones only when it is safe. See brief.md for the
 * exact rules the suite checks.
 */
public final class CassandraCompactor {
  /** Cassandra's default gc_grace_seconds. */
  public static final long DEFAULT_GC_GRACE_SECONDS = 0; // TODO: the documented default

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
    // TODO: reject a negative grace period and a table size below 1.
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
    // TODO: merge the inputs keeping the winning cell of each key, drop the tombstones that are
    // past their grace period and shadow nothing outside the compaction, and cut the result into
    // tables of maxTableCells cells.
    throw new UnsupportedOperationException("TODO: CassandraCompactor.compact");
  }
}
