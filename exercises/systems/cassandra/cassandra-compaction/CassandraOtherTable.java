/**
 * An SSTable of the same table that is NOT part of this compaction: the compaction cannot see
 * its cells, only what Cassandra keeps in memory about it. Given: do not edit.
 */
public interface CassandraOtherTable {
  /**
   * Its Bloom filter: {@code false} means the table certainly holds no cell of {@code key};
   * {@code true} means it may (false positives happen).
   */
  boolean mayContain(String key);

  /** The smallest timestamp of any cell in the table (its metadata). */
  long minTimestamp();
}
