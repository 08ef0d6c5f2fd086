/**
 * How two vector clocks relate. {@code a.compare(b)} is BEFORE when b descends from a (b has seen
 * everything a has, and more), AFTER when a descends from b, EQUAL when they are the same clock,
 * and CONCURRENT when each has seen something the other has not. Given: do not edit.
 */
public enum ClockOrder {
  BEFORE,
  AFTER,
  EQUAL,
  CONCURRENT
}
