import java.util.List;

/**
 * Where SSTables live (GFS in Bigtable): whole files, written once and never changed.
 */
public interface BigtableFileSystem {
  /**
   * Writes a new SSTable holding {@code entries}, which must be sorted by
   * {@link BigtableEntry#ORDER} with no two entries equal in (row, column, timestamp, kind);
   * returns its file name. Throws IllegalArgumentException otherwise.
   */
  String writeSSTable(List<BigtableEntry> entries);

  /** The entries of SSTable {@code name}, in order (a new list). */
  List<BigtableEntry> readSSTable(String name);

  /** Deletes SSTable {@code name}. */
  void deleteSSTable(String name);
}
