import java.util.List;

/**
 * One tablet on a Bigtable tablet server: a memtable in memory and SSTables on the file system,
 * read as one merged view, with minor, merging and major compactions. See brief.md.
 */
public class BigtableTabletServer {
  /**
   * Opens the tablet whose SSTables are {@code sstables} (file names, newest first; empty for a
   * new tablet), with an empty memtable.
   */
  public BigtableTabletServer(BigtableFileSystem fs, List<String> sstables, int memtableLimit,
      int maxVersions) {
    // TODO: check the arguments and keep your own copy of the SSTable list
  }

  /** Writes one version of (row, column) at timestamp. */
  public void put(String row, String column, long timestamp, String value) {
    // TODO: into the memtable; a minor compaction once it holds memtableLimit entries
    throw new UnsupportedOperationException("TODO: put");
  }

  /** Deletes every version of (row, column) with a timestamp at most {@code timestamp}. */
  public void delete(String row, String column, long timestamp) {
    // TODO: a deletion entry in the memtable
    throw new UnsupportedOperationException("TODO: delete");
  }

  /** The newest min(k, maxVersions) visible versions of (row, column), newest first. */
  public List<BigtableEntry> read(String row, String column, int k) {
    // TODO: merge the memtable and every SSTable
    throw new UnsupportedOperationException("TODO: read");
  }

  /** Freezes the memtable and writes it as a new SSTable (nothing if it is empty). */
  public void minorCompaction() {
    // TODO
    throw new UnsupportedOperationException("TODO: minorCompaction");
  }

  /** Rewrites the memtable and the newest {@code count} SSTables into one SSTable. */
  public void mergingCompaction(int count) {
    // TODO
    throw new UnsupportedOperationException("TODO: mergingCompaction");
  }

  /** Rewrites the memtable and all SSTables into exactly one, without deletion entries. */
  public void majorCompaction() {
    // TODO
    throw new UnsupportedOperationException("TODO: majorCompaction");
  }

  /** The tablet's SSTables, newest first (a new list). */
  public List<String> sstables() {
    // TODO
    throw new UnsupportedOperationException("TODO: sstables");
  }

  /** The number of entries in the memtable (versions and deletion entries). */
  public int memtableSize() {
    // TODO
    throw new UnsupportedOperationException("TODO: memtableSize");
  }
}
