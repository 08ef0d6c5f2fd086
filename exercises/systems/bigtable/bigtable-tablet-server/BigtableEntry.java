import java.util.Comparator;

/**
 * One entry of a memtable or an SSTable. With a value it is one version of the cell (row,
 * column) at {@code timestamp}; with {@code value == null} it is a deletion entry, which hides
 * every version of that cell whose timestamp is at most {@code timestamp}.
 */
public record BigtableEntry(String row, String column, long timestamp, String value) {
  /**
   * The order of entries in an SSTable: by row, then column (both ascending), then timestamp
   * descending (newest first); at equal timestamps a deletion entry comes before a version.
   */
  public static final Comparator<BigtableEntry> ORDER = Comparator
      .comparing(BigtableEntry::row)
      .thenComparing(BigtableEntry::column)
      .thenComparing(Comparator.comparingLong(BigtableEntry::timestamp).reversed())
      .thenComparing(e -> !e.isDeletion());

  public BigtableEntry {
    if (row == null || column == null) {
      throw new IllegalArgumentException("row and column must not be null");
    }
  }

  /** A deletion entry for (row, column) up to and including {@code timestamp}. */
  public static BigtableEntry deletion(String row, String column, long timestamp) {
    return new BigtableEntry(row, column, timestamp, null);
  }

  public boolean isDeletion() {
    return value == null;
  }

  @Override
  public String toString() {
    return row + "/" + column + "@" + timestamp + (value == null ? " DELETE" : "=" + value);
  }
}
