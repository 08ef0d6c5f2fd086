/**
 * Where one tablet is served: the tablet's key range and the tablet server serving it. The range
 * is [startKey, endKey): startKey is included ("" is the start of the key space) and endKey is
 * excluded (null means no end). For a user tablet, {@code table} is the user table and the keys
 * are its row keys; for a METADATA tablet, {@code table} is {@link BigtableCluster#METADATA} and
 * the keys are METADATA row keys ({@link BigtableCluster#metadataKey}).
 */
public record BigtableLocation(String table, String startKey, String endKey, String server) {
  public BigtableLocation {
    if (table == null || startKey == null || server == null) {
      throw new IllegalArgumentException("table, startKey and server must not be null");
    }
    if (endKey != null && endKey.compareTo(startKey) <= 0) {
      throw new IllegalArgumentException("empty range [" + startKey + ", " + endKey + ")");
    }
  }

  /** Whether {@code key} lies in [startKey, endKey). */
  public boolean contains(String key) {
    return key.compareTo(startKey) >= 0 && (endKey == null || key.compareTo(endKey) < 0);
  }

  @Override
  public String toString() {
    return table + "[" + (startKey.isEmpty() ? "\"\"" : startKey) + ", "
        + (endKey == null ? "end" : endKey) + ")@" + server;
  }
}
