import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The GFS master's side of one chunk's lease: it grants the lease to one up-to-date replica,
 * extends it through heartbeats, waits out an unreachable primary before granting the lease to
 * anyone else, bumps the chunk version at every new lease and tells stale replicas so.
 */
public final class GfsMaster implements Node {
  private final long leaseMillis;
  private final long aliveMillis;
  /** Extra wait past a lease's end: this clock may run fast, so L of its ms may be under L. */
  private final long guard;
  /** The replicas that hold the current version: only they may be primary or secondary. */
  private final TreeSet<String> current;
  private final Map<String, Long> lastHeard = new HashMap<>();
  private Context ctx;
  private long version;
  private String holder;
  /** On this clock: the holder's lease is in force strictly before this. */
  private long expiresAt;
  private List<String> secondaries = List.of();

  /**
   * @param replicas the chunk's replicas, all holding {@code initialVersion} at the start
   * @param initialVersion the chunk's version number at the start
   * @param leaseMillis the lease's length L, on this master's clock
   * @param maxDriftPpm how far any clock, this one included, may run fast or slow
   * @param aliveMillis a replica heard from within this long counts as alive at a grant
   */
  public GfsMaster(List<String> replicas, long initialVersion, long leaseMillis,
      long maxDriftPpm, long aliveMillis) {
    this.current = new TreeSet<>(replicas);
    this.version = initialVersion;
    this.leaseMillis = leaseMillis;
    this.aliveMillis = aliveMillis;
    this.guard = leaseMillis * maxDriftPpm / 1_000_000;
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    for (String r : current) {
      lastHeard.put(r, ctx.now());
    }
  }

  @Override
  public void onMessage(String from, Object message) {
    long now = ctx.now();
    if (message instanceof GfsFindLease) {
      boolean inForce = holder != null && now < expiresAt;
      ctx.send(from, inForce ? new GfsLeaseInfo(holder, secondaries, version)
          : new GfsLeaseInfo(null, List.of(), version));
      return;
    }
    if (!(message instanceof GfsHeartbeat hb)) {
      return;
    }
    if (!current.contains(from)) {
      ctx.send(from, new GfsStale(version));
      return;
    }
    lastHeard.put(from, now);
    if (from.equals(holder) && now < expiresAt) {
      expiresAt = now + leaseMillis;
      ctx.send(from, new GfsHeartbeatReply(hb.sentAt(), version, true, secondaries));
    } else if (holder == null || now >= expiresAt + guard) {
      version++;
      current.removeIf(r -> lastHeard.get(r) < now - aliveMillis);
      holder = from;
      expiresAt = now + leaseMillis;
      List<String> others = new ArrayList<>(current);
      others.remove(from);
      secondaries = List.copyOf(others);
      ctx.send(from, new GfsHeartbeatReply(hb.sentAt(), version, true, secondaries));
    } else {
      ctx.send(from, new GfsHeartbeatReply(hb.sentAt(), version, false, List.of()));
    }
  }

  @Override
  public void onTimer(Object tag) {}
}
