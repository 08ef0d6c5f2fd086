import dstutor.kit.Disk;

/**
 * The write and read path of one Cassandra table on one node: a commit log on the disk, a
 * memtable, flushes to immutable sorted tables with a Bloom filter each, and reads that merge
 * them newest timestamp first. See brief.md for the exact model the suite checks.
 */
public final class CassandraStorageEngine {
  private final Disk disk;
  private final CassandraSSTables tables;
  private final int memtableLimit;

  /**
   * An engine over {@code disk} (the commit log) and {@code tables}, flushing its memtable once it
   * holds {@code memtableLimit} keys. Reads nothing yet: {@link #recover()} comes first.
   */
  public CassandraStorageEngine(Disk disk, CassandraSSTables tables, int memtableLimit) {
    // TODO: reject a limit below 1.
    this.disk = disk;
    this.tables = tables;
    this.memtableLimit = memtableLimit;
  }

  /** Loads the tables' filters and replays the commit log records no table holds yet. */
  public void recover() {
    // TODO: load each table's filter (tables.filter(id)), find what the tables cover
    // (tables.logPosition(id)), and replay the intact log records after that into the memtable.
    throw new UnsupportedOperationException("TODO: CassandraStorageEngine.recover");
  }

  /** Writes {@code value} for {@code key} at {@code timestamp}. */
  public void put(String key, String value, long timestamp) {
    // TODO: append a framed record to the commit log, then apply the cell to the memtable
    // (the newer cell wins) and flush when the memtable holds memtableLimit keys.
    throw new UnsupportedOperationException("TODO: CassandraStorageEngine.put");
  }

  /** Deletes {@code key} at {@code timestamp}: a write of a tombstone. */
  public void delete(String key, long timestamp) {
    // TODO: the same as put, with a tombstone (a cell whose value is null).
    throw new UnsupportedOperationException("TODO: CassandraStorageEngine.delete");
  }

  /** Makes every write so far durable. */
  public void sync() {
    // TODO: fsync the disk.
    throw new UnsupportedOperationException("TODO: CassandraStorageEngine.sync");
  }

  /** The newest value of {@code key}, or null if it has none or its newest cell is a tombstone. */
  public String get(String key) {
    // TODO: merge the memtable's cell with the cells of every table whose Bloom filter may hold
    // the key (tables.read), newest timestamp first.
    throw new UnsupportedOperationException("TODO: CassandraStorageEngine.get");
  }
}
