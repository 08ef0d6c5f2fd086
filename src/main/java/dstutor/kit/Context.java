package dstutor.kit;

import java.util.random.RandomGenerator;

/**
 * What a simulated node can do: know its name, read its own clock, send messages, set timers,
 * use its disk and draw random numbers. Everything here is deterministic: the same code and seed
 * give the same run, so a failure can be replayed.
 *
 * <p>Time is virtual and in milliseconds. Each node's clock may be offset and may run slightly
 * fast or slow, as real clocks do, so compare only readings of the same node's clock.
 */
public interface Context {
  /** This node's name, such as {@code "n1"}. */
  String id();

  /**
   * This node's clock, in milliseconds. It advances only as simulated time passes, never goes
   * backwards unless the scenario steps the clock, and may disagree with every other node's clock.
   * Never use {@code System.currentTimeMillis()} in a node: the simulation does not move it.
   */
  long now();

  /**
   * Sends {@code message} to node {@code to}. The network may delay, reorder, duplicate or lose
   * it. Send immutable values (records of strings, numbers, immutable collections): the object
   * itself is handed to the receiver, so mutating it after sending changes what arrives.
   *
   * @throws IllegalArgumentException if no node is called {@code to}
   */
  void send(String to, Object message);

  /**
   * Calls {@link Node#onTimer(Object)} with {@code tag} after {@code delayMillis} of this node's
   * clock. Timers die with the incarnation that set them: after a crash they never fire.
   *
   * @return an id for {@link #cancelTimer(long)}
   * @throws IllegalArgumentException if {@code delayMillis} is negative
   */
  long setTimer(long delayMillis, Object tag);

  /** Cancels a timer that has not fired yet; does nothing if it already fired or was cancelled. */
  void cancelTimer(long timerId);

  /** This machine's disk: survives crashes, but only what was fsynced. */
  Disk disk();

  /** A random source for this node, seeded from the run's seed (use it instead of Math.random). */
  RandomGenerator random();

  /** Adds a line to the run's timeline, to explain what the node decided and why. */
  void log(String text);
}
