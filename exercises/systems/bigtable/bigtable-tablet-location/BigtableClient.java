/**
 * Bigtable's client library: finds the tablet server for a row through the three-level location
 * hierarchy and caches what it learns. See brief.md for the exact rules and round-trip counts.
 */
public class BigtableClient {
  private final BigtableCluster cluster;

  public BigtableClient(BigtableCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Reads {@code row} of {@code table} from the tablet server that serves it, locating the tablet
   * through the cache, then METADATA, then the root tablet, then Chubby, only as far up as needed.
   * Throws BigtableNotServingException when a location learned during this call answers not
   * serving.
   */
  public String read(String table, String row) {
    // TODO: look in the cache; on a miss or a stale entry, climb only as far as needed
    throw new UnsupportedOperationException("TODO: BigtableClient.read");
  }
}
