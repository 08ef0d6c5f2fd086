import dstutor.kit.Context;
import dstutor.kit.Node;

/**
 * A node that asks the grantor for a lease, keeps renewing it, and says whether it may act on
 * the protected resource right now: only while its lease is certainly valid.
 */
public final class LeaseHolder implements Node {
  private Context ctx;

  /**
   * @param grantor the id of the grantor node
   * @param leaseMillis the lease's length D, as the grantor measures it on its own clock
   * @param marginMillis how long before the lease's end the holder must have stopped acting
   * @param maxDriftPpm how far this node's clock may run fast or slow, in parts per million
   * @param renewMillis how often to send a request, on this node's clock
   */
  public LeaseHolder(String grantor, long leaseMillis, long marginMillis, long maxDriftPpm,
      long renewMillis) {
    // TODO: keep what you need
    throw new UnsupportedOperationException("TODO: LeaseHolder constructor");
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    // TODO: ask for the lease, and keep asking every renewMillis
    throw new UnsupportedOperationException("TODO: LeaseHolder.start");
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: a LeaseGranted from the grantor
    throw new UnsupportedOperationException("TODO: LeaseHolder.onMessage");
  }

  @Override
  public void onTimer(Object tag) {
    // TODO: time to renew
    throw new UnsupportedOperationException("TODO: LeaseHolder.onTimer");
  }

  /** Whether this node may act on the protected resource now. Called between events. */
  public boolean acting() {
    // TODO: true exactly while the lease is certainly valid
    throw new UnsupportedOperationException("TODO: LeaseHolder.acting");
  }
}
