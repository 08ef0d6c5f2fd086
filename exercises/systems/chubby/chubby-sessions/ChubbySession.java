import dstutor.kit.Context;
import dstutor.kit.Node;

/**
 * The client library's side of a Chubby session: it keeps KeepAlives going to the cell's master,
 * keeps a conservative local lease, and moves the session through jeopardy to safe or expired.
 */
public final class ChubbySession implements Node {
  private Context ctx;

  /**
   * @param cell the id of the cell's master node
   * @param maxFlightMillis the longest a message can take to arrive
   * @param maxDriftPpm how far this node's clock may run fast or slow, in parts per million
   * @param graceMillis how long to wait in jeopardy before the session expires
   * @param retryMillis how long after the last KeepAlive to send another if nothing prompted one
   * @param events the application, told of jeopardy, safe and expired
   */
  public ChubbySession(String cell, long maxFlightMillis, long maxDriftPpm, long graceMillis,
      long retryMillis, ChubbySessionEvents events) {
    // TODO: keep what you need
    throw new UnsupportedOperationException("TODO: ChubbySession constructor");
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    // TODO: the first KeepAlive
    throw new UnsupportedOperationException("TODO: ChubbySession.start");
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: first the transitions that are due; then replies and rejections from the cell
    throw new UnsupportedOperationException("TODO: ChubbySession.onMessage");
  }

  @Override
  public void onTimer(Object tag) {
    // TODO: first the transitions that are due; then a KeepAlive if one is overdue
    throw new UnsupportedOperationException("TODO: ChubbySession.onTimer");
  }

  /** Whether the application may use the cache and act on its locks now. */
  public boolean valid() {
    // TODO: only while the local lease certainly runs
    throw new UnsupportedOperationException("TODO: ChubbySession.valid");
  }

  /** Caches a value the application read from the master; ignored unless the session is valid. */
  public void put(String key, String value) {
    // TODO
    throw new UnsupportedOperationException("TODO: ChubbySession.put");
  }

  /** The cached value of {@code key}, or null if there is none or the session is not valid. */
  public String cached(String key) {
    // TODO
    throw new UnsupportedOperationException("TODO: ChubbySession.cached");
  }
}
