import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.HashMap;
import java.util.Map;

/**
 * The client library's side of a Chubby session: it keeps KeepAlives going to the cell's master,
 * keeps a conservative local lease, and moves the session through jeopardy to safe or expired.
 */
public final class ChubbySession implements Node {
  private enum State { NEW, SAFE, JEOPARDY, EXPIRED }

  private final String cell;
  private final long maxFlightMillis;
  private final long maxDriftPpm;
  private final long graceMillis;
  private final long retryMillis;
  private final ChubbySessionEvents events;
  private final Map<String, String> cache = new HashMap<>();
  private Context ctx;
  private State state = State.NEW;
  /** The local lease end on this node's clock; valid strictly before it. */
  private long leaseEnd = Long.MIN_VALUE;
  private long graceEnd;
  private long epoch;
  private long lastSent;

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
    this.cell = cell;
    this.maxFlightMillis = maxFlightMillis;
    this.maxDriftPpm = maxDriftPpm;
    this.graceMillis = graceMillis;
    this.retryMillis = retryMillis;
    this.events = events;
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    keepAlive();
  }

  private void keepAlive() {
    lastSent = ctx.now();
    ctx.send(cell, new ChubbyKeepAlive(epoch));
    ctx.setTimer(retryMillis, "retry");
  }

  /** Makes the transitions that are due on this node's clock, in order. */
  private void catchUp() {
    long now = ctx.now();
    if (state == State.SAFE && now >= leaseEnd) {
      state = State.JEOPARDY;
      cache.clear();
      graceEnd = leaseEnd + graceMillis;
      ctx.setTimer(graceEnd - now, "grace");
      events.jeopardy();
    }
    if (state == State.JEOPARDY && now >= graceEnd) {
      state = State.EXPIRED;
      events.expired();
    }
  }

  @Override
  public void onMessage(String from, Object message) {
    catchUp();
    if (state == State.EXPIRED || !from.equals(cell)) {
      return;
    }
    if (message instanceof ChubbyEpochRejected r) {
      epoch = r.epoch();
      keepAlive();
    } else if (message instanceof ChubbyKeepAliveReply r) {
      long now = ctx.now();
      long budget = (r.leaseMillis() - maxFlightMillis) * (1_000_000 - maxDriftPpm) / 1_000_000;
      leaseEnd = Math.max(leaseEnd, now + budget);
      if (state == State.NEW) {
        state = State.SAFE;
      } else if (state == State.JEOPARDY && now < leaseEnd) {
        state = State.SAFE;
        events.safe();
      }
      ctx.setTimer(leaseEnd - now, "lease");
      keepAlive();
    }
  }

  @Override
  public void onTimer(Object tag) {
    catchUp();
    if (state != State.EXPIRED && ctx.now() - lastSent >= retryMillis) {
      keepAlive();
    }
  }

  /** Whether the application may use the cache and act on its locks now. */
  public boolean valid() {
    return ctx != null && state != State.EXPIRED && ctx.now() < leaseEnd;
  }

  /** Caches a value the application read from the master; ignored unless the session is valid. */
  public void put(String key, String value) {
    if (valid()) {
      cache.put(key, value);
    }
  }

  /** The cached value of {@code key}, or null if there is none or the session is not valid. */
  public String cached(String key) {
    return valid() ? cache.get(key) : null;
  }
}
