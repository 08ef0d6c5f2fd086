import java.util.List;
import java.util.Map;

/**
 * The messages of the Dynamo coordinator exercise, and the rules both sides share (read-only).
 * Clients talk to a coordinator; a coordinator talks to the storage nodes; storage nodes hand
 * hinted versions to each other. Every message is an immutable record: the compact constructors
 * copy lists and maps, so nothing you send can change after it left.
 */
public final class DynamoProtocol {
  private DynamoProtocol() {}

  /** A coordinator moves a silent slot to a stand-in every STEP_MILLIS after the request. */
  public static final long STEP_MILLIS = 25;

  /** A request that has not reached its quorum this long after it arrived fails. */
  public static final long DEADLINE_MILLIS = 100;

  /** A storage node offers its hinted versions to their home nodes this often. */
  public static final long HANDOFF_MILLIS = 50;

  /**
   * The preference list of {@code key}: every node of {@code ring}, walking the ring clockwise
   * from the key's position, {@code Math.floorMod(key.hashCode(), ring.size())}. The first N are
   * the key's home nodes; the rest are stand-ins, in the order they are used.
   */
  public static List<String> preferenceList(String key, List<String> ring) {
    int start = Math.floorMod(key.hashCode(), ring.size());
    List<String> list = new java.util.ArrayList<>(ring.size());
    for (int i = 0; i < ring.size(); i++) {
      list.add(ring.get((start + i) % ring.size()));
    }
    return List.copyOf(list);
  }

  /**
   * One version of a key: a value and its vector clock, a map from coordinator id to counter (a
   * missing entry is 0). Clocks are made so that two different versions never have equal clocks.
   */
  public record Version(String value, Map<String, Long> clock) {
    public Version {
      clock = Map.copyOf(clock);
    }
  }

  /** A hinted version kept by a stand-in: {@code version} of {@code key} belongs on home. */
  public record Hint(String home, String key, Version version) {}

  // ---- client <-> coordinator ----

  /** Client to coordinator: read {@code key}. */
  public record Get(long requestId, String key) {}

  /**
   * Client to coordinator: write {@code value} under {@code key}. {@code context} is the context
   * of the client's last read of the key (empty if it never read it): the new version supersedes
   * exactly the versions whose clocks it covers.
   */
  public record Put(long requestId, String key, String value, Map<String, Long> context) {
    public Put {
      context = Map.copyOf(context);
    }
  }

  /**
   * Coordinator to client: the versions of the key that no other answered version supersedes
   * (siblings if there are several; empty if none), and a context: the entry-wise maximum of
   * their clocks.
   */
  public record GetOk(long requestId, List<Version> versions, Map<String, Long> context) {
    public GetOk {
      versions = List.copyOf(versions);
      context = Map.copyOf(context);
    }
  }

  /** Coordinator to client: fewer than R slots answered before the deadline. */
  public record GetFailed(long requestId) {}

  /** Coordinator to client: W slots acknowledged the new version, whose clock is {@code clock}. */
  public record PutOk(long requestId, Map<String, Long> clock) {
    public PutOk {
      clock = Map.copyOf(clock);
    }
  }

  /** Coordinator to client: fewer than W slots acknowledged before the deadline. */
  public record PutFailed(long requestId) {}

  // ---- coordinator <-> storage nodes ----

  /**
   * Coordinator to storage node: keep {@code version} of {@code key}. {@code hintFor} is null
   * when the receiver is a home node of the key, else the home node it stands in for.
   */
  public record Store(long opId, String key, Version version, String hintFor) {}

  /** Storage node to coordinator: the Store of {@code opId} is kept (as data or as a hint). */
  public record Stored(long opId) {}

  /** Coordinator to storage node: which versions of {@code key} do you hold? */
  public record Fetch(long opId, String key) {}

  /** Storage node to coordinator: the versions of the key it holds as data (not hints). */
  public record Fetched(long opId, List<Version> versions) {
    public Fetched {
      versions = List.copyOf(versions);
    }
  }

  // ---- storage node <-> storage node ----

  /** Stand-in to home node: a hinted version of {@code key} that belongs to you. */
  public record Handoff(String key, Version version) {}

  /** Home node to stand-in: the Handoff of this version of {@code key} is kept. */
  public record HandedOff(String key, Version version) {}
}
