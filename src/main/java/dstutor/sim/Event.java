package dstutor.sim;

/** One scheduled thing in a run: a message arriving, a timer, a fault or a scenario action. */
final class Event {
  static final int DELIVER = 0;
  static final int TIMER = 1;
  static final int ACTION = 2;
  static final int FAULT = 3;
  static final int START = 4;

  // Not final: delivery events are recycled (see Simulation#recycle), which keeps a message flood
  // free of allocation and its speed independent of the garbage collector's sizing.
  int kind;
  /** The node it happens at (the receiver for a delivery), or -1. */
  int node;
  /** The sender of a delivery, or -1. */
  int from;
  /** For timers: the incarnation that set it (timers die with their incarnation). */
  int incarnation;
  /** For timers: the timer id. For deliveries: 1 if this copy is a duplicate. */
  long id;
  /** The message, timer tag, fault, or Runnable. */
  Object payload;

  boolean cancelled;
  /** The next event in the same timing-wheel bucket. */
  Event next;

  Event(int kind, int node, int from, int incarnation, long id, Object payload) {
    set(kind, node, from, incarnation, id, payload);
  }

  Event set(int kind, int node, int from, int incarnation, long id, Object payload) {
    this.cancelled = false;
    this.kind = kind;
    this.node = node;
    this.from = from;
    this.incarnation = incarnation;
    this.id = id;
    this.payload = payload;
    return this;
  }
}
