/**
 * The cluster as a client library sees it: every method is one network round trip, and the suite
 * counts them per level. Each method other than readChubbyFile throws
 * {@link BigtableNotServingException} when {@code server} does not serve the tablet asked for.
 */
public interface BigtableCluster {
  /** The table name of METADATA tablets in {@link BigtableLocation#table()}. */
  String METADATA = "METADATA";

  /**
   * The METADATA row key under which the location of the user tablet holding {@code row} of
   * {@code table} is found: the table name, ';', the row. All rows of one table are contiguous in
   * this order, sorted by row.
   */
  static String metadataKey(String table, String row) {
    return table + ";" + row;
  }

  /** Level 0: reads the Chubby file that names the server of the root tablet. */
  String readChubbyFile();

  /**
   * Level 1: asks {@code server} to look {@code metadataKey} up in the root tablet. Returns the
   * location of the METADATA tablet whose range holds {@code metadataKey}.
   */
  BigtableLocation lookupRoot(String server, String metadataKey);

  /**
   * Level 2: asks {@code server} to look {@code metadataKey} (= metadataKey(table, row)) up in the
   * METADATA tablet holding that key. Returns the location of the user tablet of {@code table}
   * whose row range holds {@code row}.
   */
  BigtableLocation lookupMetadata(String server, String metadataKey);

  /** The data itself: asks {@code server} for {@code row} of {@code table}; returns its value. */
  String read(String server, String table, String row);
}
