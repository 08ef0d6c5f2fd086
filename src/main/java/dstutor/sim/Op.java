package dstutor.sim;

/**
 * One client operation on a register or on one key of a map, as a history records it.
 *
 * @param id position in the history, from 0
 * @param process the client that ran it
 * @param kind read or write
 * @param key the key (any constant, such as "x", for a single register)
 * @param value for a write, the value written; for a read that succeeded, the value returned
 *     ({@code null} means "no value yet")
 * @param status how it ended
 * @param call the order in which it was invoked, among all invocations and completions
 * @param ret the order in which it completed; {@link Long#MAX_VALUE} if it never did
 * @param callTime virtual time of the invocation, in ms
 * @param retTime virtual time of the completion, in ms, or -1 if it never completed
 * @param note why it ended as it did, for an unknown or failed outcome ("timed out"), or ""
 */
public record Op(
    int id,
    String process,
    Kind kind,
    String key,
    String value,
    Status status,
    long call,
    long ret,
    long callTime,
    long retTime,
    String note) {

  /** What the operation does. */
  public enum Kind {
    READ,
    WRITE
  }

  /** How an operation ended. */
  public enum Status {
    /** Completed: a write took effect, a read returned {@link Op#value()}. */
    OK,
    /** Definitely had no effect (a failed read, a write refused before it reached anyone). */
    FAIL,
    /**
     * May or may not have taken effect, now or later: the client timed out, or was told the
     * write failed after it may have reached some replicas. Checkers treat it as still running.
     */
    UNKNOWN
  }

  public boolean isRead() {
    return kind == Kind.READ;
  }

  public boolean isWrite() {
    return kind == Kind.WRITE;
  }

  /** The call as text: {@code put(k, v1)} or {@code get(k)}. */
  public String callText() {
    return isWrite() ? "put(" + key + ", " + value + ")" : "get(" + key + ")";
  }

  /** The outcome as text: {@code put ok}, {@code get = v1}, {@code get failed (timed out)}. */
  public String outcomeText() {
    String verb = isWrite() ? "put" : "get";
    switch (status) {
      case OK:
        return isWrite() ? verb + " ok" : verb + " = " + (value == null ? "(none)" : value);
      case FAIL:
        return verb + " failed" + (note.isEmpty() ? "" : " (" + note + ")");
      default:
        return verb + " unknown" + (note.isEmpty() ? "" : " (" + note + ")");
    }
  }
}
