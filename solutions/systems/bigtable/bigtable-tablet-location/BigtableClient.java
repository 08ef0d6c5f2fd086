import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bigtable's client library: finds the tablet server for a row through the three-level location
 * hierarchy (Chubby file, root tablet, METADATA tablets) and caches every location it learns. A
 * cached entry is trusted until a server says it does not serve it; then only that entry goes,
 * and the level above is asked, climbing no further than needed.
 */
public class BigtableClient {
  private final BigtableCluster cluster;
  /** The root tablet's server, or null. */
  private String root;
  /** Cached METADATA tablets by start key (cached ranges never overlap). */
  private final TreeMap<String, BigtableLocation> metadata = new TreeMap<>();
  /** Cached user tablets, per table, by start row. */
  private final Map<String, TreeMap<String, BigtableLocation>> tablets = new HashMap<>();

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
    String key = BigtableCluster.metadataKey(table, row);
    TreeMap<String, BigtableLocation> ofTable = tablets.computeIfAbsent(table, t -> new TreeMap<>());
    BigtableLocation cached = covering(ofTable, row);
    if (cached != null) {
      try {
        return cluster.read(cached.server(), table, row);
      } catch (BigtableNotServingException stale) {
        ofTable.remove(cached.startKey());
      }
    }
    BigtableLocation fresh = locateTablet(key);
    ofTable.put(fresh.startKey(), fresh);
    try {
      return cluster.read(fresh.server(), table, row);
    } catch (BigtableNotServingException e) {
      ofTable.remove(fresh.startKey());
      throw e;
    }
  }

  /** The user tablet holding {@code key}, from a cached METADATA tablet or a fresh one. */
  private BigtableLocation locateTablet(String key) {
    BigtableLocation cached = covering(metadata, key);
    if (cached != null) {
      try {
        return cluster.lookupMetadata(cached.server(), key);
      } catch (BigtableNotServingException stale) {
        metadata.remove(cached.startKey());
      }
    }
    BigtableLocation fresh = locateMetadata(key);
    metadata.put(fresh.startKey(), fresh);
    try {
      return cluster.lookupMetadata(fresh.server(), key);
    } catch (BigtableNotServingException e) {
      metadata.remove(fresh.startKey());
      throw e;
    }
  }

  /** The METADATA tablet holding {@code key}, from the cached root server or from Chubby. */
  private BigtableLocation locateMetadata(String key) {
    if (root != null) {
      try {
        return cluster.lookupRoot(root, key);
      } catch (BigtableNotServingException stale) {
        root = null;
      }
    }
    String fresh = cluster.readChubbyFile();
    root = fresh;
    try {
      return cluster.lookupRoot(fresh, key);
    } catch (BigtableNotServingException e) {
      root = null;
      throw e;
    }
  }

  private static BigtableLocation covering(TreeMap<String, BigtableLocation> cache, String key) {
    Map.Entry<String, BigtableLocation> e = cache.floorEntry(key);
    return e != null && e.getValue().contains(key) ? e.getValue() : null;
  }
}
