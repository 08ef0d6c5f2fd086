import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.List;

/**
 * The GFS master's side of one chunk's lease: it grants the lease to one up-to-date replica,
 * extends it through heartbeats, waits out an unreachable primary before granting the lease to
 * anyone else, bumps the chunk version at every new lease and tells stale replicas so.
 */
public final class GfsMaster implements Node {
  private Context ctx;

  /**
   * @param replicas the chunk's replicas, all holding {@code initialVersion} at the start
   * @param initialVersion the chunk's version number at the start
   * @param leaseMillis the lease's length L, on this master's clock
   * @param maxDriftPpm how far any clock, this one included, may run fast or slow
   * @param aliveMillis a replica heard from within this long counts as alive at a grant
   */
  public GfsMaster(List<String> replicas, long initialVersion, long leaseMillis,
      long maxDriftPpm, long aliveMillis) {
    // TODO: keep what you need
    throw new UnsupportedOperationException("TODO: GfsMaster constructor");
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    // TODO: every replica counts as heard from now
    throw new UnsupportedOperationException("TODO: GfsMaster.start");
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: GfsFindLease from a client, GfsHeartbeat from a replica: answer each at once
    throw new UnsupportedOperationException("TODO: GfsMaster.onMessage");
  }

  @Override
  public void onTimer(Object tag) {
    // Nothing to do on a timer in the model; you may leave this empty.
  }
}
