import java.util.List;

/**
 * The node's immutable sorted tables (SSTables), kept by the suite. A table is written whole, at
 * once, and is durable as soon as {@link #write} returns; it never changes afterwards. Reading a
 * table's cells costs a disk seek, so {@link #read} is counted; its Bloom filter and its log
 * position live in memory (as Cassandra keeps Filter.db and the SSTable metadata) and are free.
 * Given: do not edit.
 */
public interface CassandraSSTables {

  /**
   * Writes a new table, durably, and returns its id: 0 for the first table ever written, then
   * 1, 2, ...
   *
   * @param cells the table's cells, sorted by key, at most one per key (tombstones included)
   * @param filter your Bloom filter over the table's keys, in your own encoding
   * @param logPosition a number of your choice kept with the table (for example the last commit
   *     log position the table covers); the suite never interprets it
   */
  int write(List<CassandraCell> cells, byte[] filter, long logPosition);

  /** The ids of every table written so far, ascending (oldest first). */
  List<Integer> ids();

  /** A copy of the filter bytes written with table {@code id}. Not counted as a read. */
  byte[] filter(int id);

  /** The log position written with table {@code id}. Not counted as a read. */
  long logPosition(int id);

  /**
   * The cell of {@code key} in table {@code id}, or {@code null} if the table has none. Each
   * call is one table read, and the suite counts them.
   */
  CassandraCell read(int id, String key);
}
