package dstutor.sim;

/**
 * One line of a run's record.
 *
 * @param time virtual time in ms
 * @param type what happened
 * @param node where it happened (the sender of a message, the client of an operation)
 * @param peer the other end (the receiver of a sent message, the sender of a delivered one), or
 *     ""
 * @param detail the message, timer tag, fault, or text
 * @param note the fate of a message ("DROPPED"), or other remark, or ""
 * @param op the history id of a client operation, or -1
 */
public record TraceEvent(
    long time, Type type, String node, String peer, Object detail, String note, int op) {

  /** The kinds of event a trace records. */
  public enum Type {
    SEND,
    DELIVER,
    DROP,
    TIMER,
    START,
    CRASH,
    RESTART,
    NETWORK,
    CLOCK,
    CALL,
    RETURN,
    LOG,
    FLAG
  }
}
