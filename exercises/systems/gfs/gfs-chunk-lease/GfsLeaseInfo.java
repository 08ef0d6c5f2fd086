import java.util.List;

/**
 * The master's answer to {@link GfsFindLease} (read-only).
 *
 * @param primary the replica holding a lease in force, or {@code null} if no lease is in force
 * @param secondaries the primary's secondaries, sorted by name (empty when primary is null)
 * @param version the chunk's current version number
 */
public record GfsLeaseInfo(String primary, List<String> secondaries, long version) {
  public GfsLeaseInfo {
    secondaries = List.copyOf(secondaries);
  }
}
