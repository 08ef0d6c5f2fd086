import dstutor.kit.Context;
import dstutor.kit.Node;

/**
 * A node that asks the grantor for a lease, keeps renewing it, and says whether it may act on
 * the protected resource right now: only while its lease is certainly valid.
 */
public final class LeaseHolder implements Node {
  private final String grantor;
  /** How long after sending a granted request this node may act, on its own clock. */
  private final long budget;
  private final long renewMillis;
  private Context ctx;
  /** On this node's clock: acting is allowed strictly before this. */
  private long validUntil = Long.MIN_VALUE;

  /**
   * @param grantor the id of the grantor node
   * @param leaseMillis the lease's length D, as the grantor measures it on its own clock
   * @param marginMillis how long before the lease's end the holder must have stopped acting
   * @param maxDriftPpm how far this node's clock may run fast or slow, in parts per million
   * @param renewMillis how often to send a request, on this node's clock
   */
  public LeaseHolder(String grantor, long leaseMillis, long marginMillis, long maxDriftPpm,
      long renewMillis) {
    this.grantor = grantor;
    this.budget = (leaseMillis - marginMillis) * (1_000_000 - maxDriftPpm) / 1_000_000;
    this.renewMillis = renewMillis;
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    request();
  }

  private void request() {
    ctx.send(grantor, new LeaseRequest(ctx.now()));
    ctx.setTimer(renewMillis, "renew");
  }

  @Override
  public void onMessage(String from, Object message) {
    if (from.equals(grantor) && message instanceof LeaseGranted g) {
      validUntil = Math.max(validUntil, g.requestSentAt() + budget);
    }
  }

  @Override
  public void onTimer(Object tag) {
    request();
  }

  /** Whether this node may act on the protected resource now. Called between events. */
  public boolean acting() {
    return ctx != null && ctx.now() < validUntil;
  }
}
