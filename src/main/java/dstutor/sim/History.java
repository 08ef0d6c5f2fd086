package dstutor.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The client operations of a run: each invocation and completion, in the order they happened.
 * Calls must come in real-time order (times never decrease); a simulation's own history gets its
 * times from the simulation and copies each call and result into the run's trace.
 */
public final class History {
  /** Receives each call and completion, to put them on a timeline. */
  interface Listener {
    void called(Op op);

    void completed(Op op);
  }

  private final List<Op> ops = new ArrayList<>();
  private final Listener listener;
  private long position;
  private long lastTime;

  /** An empty history; pass times explicitly. */
  public History() {
    this(null);
  }

  History(Listener listener) {
    this.listener = listener;
  }

  /**
   * Records the invocation of a read, write or append and returns its id. A compare-and-set needs
   * the value it compares with: {@link #invokeCas}.
   */
  public int invoke(String process, Op.Kind kind, String key, String value, long time) {
    if (kind == Op.Kind.CAS) {
      throw new IllegalArgumentException(
          "a cas needs the value it compares with: use invokeCas(process, key, expected, value,"
              + " time)");
    }
    return add(process, kind, key, null, kind == Op.Kind.READ ? null : value, time);
  }

  /**
   * Records the invocation of a compare-and-set of {@code key} from {@code expected} ({@code
   * null}: no value yet) to {@code value}, and returns its id.
   */
  public int invokeCas(String process, String key, String expected, String value, long time) {
    return add(process, Op.Kind.CAS, key, expected, value, time);
  }

  private int add(String process, Op.Kind kind, String key, String expected, String value,
      long time) {
    if (process == null || kind == null || key == null) {
      throw new NullPointerException("process, kind and key must not be null");
    }
    tick(time);
    Op op =
        new Op(
            ops.size(), process, kind, key, expected, value, Op.Status.UNKNOWN, false, position++,
            Long.MAX_VALUE, time, -1, "no reply yet");
    ops.add(op);
    if (listener != null) {
      listener.called(op);
    }
    return op.id();
  }

  /**
   * The operation completed; for a read, {@code readValue} is what it returned. A
   * compare-and-set that completes this way swapped; one that found another value completes
   * with {@link #valueDiffered}.
   */
  public void ok(int id, String readValue, long time) {
    Op op = pending(id);
    String value = op.isRead() ? readValue : op.value();
    complete(op, value, Op.Status.OK, op.isCas(), time, "");
  }

  /**
   * The compare-and-set completed without swapping because the key did not hold the expected
   * value. A result, not a failure: it tells what the value was not at that moment.
   */
  public void valueDiffered(int id, long time) {
    Op op = pending(id);
    if (!op.isCas()) {
      throw new IllegalArgumentException("operation " + id + " is not a cas: " + op.callText());
    }
    complete(op, op.value(), Op.Status.OK, false, time, "");
  }

  /** The operation definitely had no effect. */
  public void fail(int id, String note, long time) {
    Op op = pending(id);
    complete(op, op.isRead() ? null : op.value(), Op.Status.FAIL, false, time, note);
  }

  /** The operation ended without telling whether it took effect (a write may still land). */
  public void unknown(int id, String note, long time) {
    Op op = pending(id);
    tick(time);
    Op done =
        new Op(
            op.id(), op.process(), op.kind(), op.key(), op.expected(),
            op.isRead() ? null : op.value(), Op.Status.UNKNOWN, false, op.call(), Long.MAX_VALUE,
            op.callTime(), time, note);
    ops.set(id, done);
    if (listener != null) {
      listener.completed(done);
    }
  }

  /** Whether operation {@code id} is still waiting for its outcome. */
  public boolean isPending(int id) {
    Op op = ops.get(id);
    return op.status() == Op.Status.UNKNOWN && op.retTime() < 0;
  }

  /** The operation with this id, as it stands now. */
  public Op get(int id) {
    return ops.get(id);
  }

  /** All operations, in invocation order. Operations still running have status UNKNOWN. */
  public List<Op> ops() {
    return List.copyOf(ops);
  }

  public int size() {
    return ops.size();
  }

  private Op pending(int id) {
    if (id < 0 || id >= ops.size()) {
      throw new IllegalArgumentException("no operation with id " + id);
    }
    if (!isPending(id)) {
      throw new IllegalStateException("operation " + id + " already completed: " + ops.get(id));
    }
    return ops.get(id);
  }

  private void complete(Op op, String value, Op.Status status, boolean swapped, long time,
      String note) {
    tick(time);
    Op done =
        new Op(
            op.id(), op.process(), op.kind(), op.key(), op.expected(), value, status, swapped,
            op.call(), position++, op.callTime(), time, note);
    ops.set(op.id(), done);
    if (listener != null) {
      listener.completed(done);
    }
  }

  private void tick(long time) {
    if (time < lastTime) {
      throw new IllegalArgumentException("time went backwards: " + time + " < " + lastTime);
    }
    lastTime = time;
  }
}
