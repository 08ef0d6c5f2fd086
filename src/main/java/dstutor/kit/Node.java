package dstutor.kit;

/**
 * A process in a simulated cluster: the interface a learner implements. The simulator calls these
 * methods one at a time, never concurrently, so a node needs no locks.
 *
 * <p>A node object lives for one incarnation. When the simulated machine crashes, the object is
 * thrown away with everything in its fields; a restart builds a fresh object and calls {@link
 * #start(Context)} again. Only what was written to {@link Context#disk()} and fsynced survives.
 */
public interface Node {
  /**
   * Called once when this incarnation boots, before any message or timer. Keep {@code ctx}: it is
   * how the node sends messages, sets timers and reads its clock.
   */
  void start(Context ctx);

  /**
   * A message from node {@code from} has arrived. Messages may arrive late, out of order, twice,
   * or never.
   */
  void onMessage(String from, Object message);

  /** A timer set with {@link Context#setTimer(long, Object)} has fired; {@code tag} is its tag. */
  void onTimer(Object tag);
}
