package dstutor.sim;

/**
 * The run's agenda: events in (time, order scheduled) order. Most events are due within a few
 * seconds, so they go in a timing wheel, one FIFO bucket per millisecond, where adding and taking
 * cost O(1); events further out wait in a heap. Ties between the two go to the heap: an event
 * there was scheduled before any event of the same time in the wheel.
 */
final class EventQueue {
  private static final int WHEEL = 1 << 12;
  private static final int MASK = WHEEL - 1;

  private final Event[] heads = new Event[WHEEL];
  private final Event[] tails = new Event[WHEEL];
  private final EventHeap far = new EventHeap();
  /** No event is earlier than this; wheel events are in [base, base + WHEEL). */
  private long base;
  /** No wheel event is earlier than this. */
  private long cursor;
  private int inWheel;

  int size() {
    return inWheel + far.size();
  }

  boolean isEmpty() {
    return inWheel == 0 && far.isEmpty();
  }

  /** Schedules {@code e} at {@code time}, which must not be before the last event taken. */
  void add(long time, Event e) {
    if (time < base) {
      throw new IllegalArgumentException("event in the past: " + time + " < " + base);
    }
    if (time - base >= WHEEL) {
      far.add(time, e);
      return;
    }
    int b = (int) (time & MASK);
    e.next = null;
    if (heads[b] == null) {
      heads[b] = e;
    } else {
      tails[b].next = e;
    }
    tails[b] = e;
    if (inWheel == 0 || time < cursor) {
      cursor = time;
    }
    inWheel++;
  }

  /** The time of the earliest event; only valid when not empty. */
  long peekTime() {
    if (inWheel == 0) {
      return far.peekTime();
    }
    long t = wheelTime();
    return far.isEmpty() ? t : Math.min(t, far.peekTime());
  }

  /** Removes and returns the earliest event. */
  Event poll() {
    if (inWheel == 0) {
      base = far.peekTime();
      return far.poll();
    }
    long t = wheelTime();
    if (!far.isEmpty() && far.peekTime() <= t) {
      base = far.peekTime();
      return far.poll();
    }
    int b = (int) (t & MASK);
    Event e = heads[b];
    heads[b] = e.next;
    if (heads[b] == null) {
      tails[b] = null;
    }
    e.next = null;
    inWheel--;
    base = t;
    return e;
  }

  private long wheelTime() {
    long t = cursor;
    while (heads[(int) (t & MASK)] == null) {
      t++;
    }
    cursor = t;
    return t;
  }
}
