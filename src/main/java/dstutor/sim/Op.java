package dstutor.sim;

/**
 * One client operation on a register or on one key of a map, as a history records it.
 *
 * @param id position in the history, from 0
 * @param process the client that ran it
 * @param kind read, write, compare-and-set or append
 * @param key the key (any constant, such as "x", for a single register)
 * @param expected for a compare-and-set, the value it compares with ({@code null}: "no value
 *     yet"); {@code null} for the other kinds
 * @param value for a write, the value written; for a compare-and-set, the value it sets if the
 *     key holds {@code expected}; for an append, the text appended to the key's value; for a read
 *     that succeeded, the value returned ({@code null} means "no value yet")
 * @param status how it ended
 * @param swapped for a compare-and-set that completed ({@link Status#OK}), whether it swapped:
 *     {@code false} is a result, saying the key did not hold {@code expected} at the moment the
 *     operation took effect; always {@code false} for the other kinds and outcomes
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
    String expected,
    String value,
    Status status,
    boolean swapped,
    long call,
    long ret,
    long callTime,
    long retTime,
    String note) {

  /** What the operation does. */
  public enum Kind {
    /** Returns the key's value. */
    READ,
    /** Sets the key's value. */
    WRITE,
    /** Sets the key's value to {@link Op#value()} if it holds {@link Op#expected()}. */
    CAS,
    /** Appends {@link Op#value()} to the key's value ("no value yet" counts as ""). */
    APPEND
  }

  /** How an operation ended. */
  public enum Status {
    /**
     * Completed: a write or append took effect, a read returned {@link Op#value()}, a
     * compare-and-set either swapped or found another value ({@link Op#swapped()}).
     */
    OK,
    /** Definitely had no effect (a failed read, a write refused before it reached anyone). */
    FAIL,
    /**
     * May or may not have taken effect, now or later: the client timed out, or was told the
     * write failed after it may have reached some replicas. Checkers treat it as still running.
     */
    UNKNOWN
  }

  public Op {
    if (kind != Kind.CAS && expected != null) {
      throw new IllegalArgumentException("expected is only for a cas, not for " + kind);
    }
    if (swapped && (kind != Kind.CAS || status != Status.OK)) {
      throw new IllegalArgumentException("swapped is only for a completed cas, not for "
          + kind + " " + status);
    }
  }

  /** An operation of a kind other than compare-and-set. */
  public Op(int id, String process, Kind kind, String key, String value, Status status, long call,
      long ret, long callTime, long retTime, String note) {
    this(id, process, kind, key, null, value, status, false, call, ret, callTime, retTime, note);
  }

  public boolean isRead() {
    return kind == Kind.READ;
  }

  public boolean isWrite() {
    return kind == Kind.WRITE;
  }

  public boolean isCas() {
    return kind == Kind.CAS;
  }

  public boolean isAppend() {
    return kind == Kind.APPEND;
  }

  /**
   * The call as text: {@code put(k, v1)}, {@code get(k)}, {@code cas(k, v1, v2)} (compare with
   * v1, set v2), {@code append(k, x)}.
   */
  public String callText() {
    switch (kind) {
      case WRITE:
        return "put(" + key + ", " + value + ")";
      case CAS:
        return "cas(" + key + ", " + show(expected) + ", " + value + ")";
      case APPEND:
        return "append(" + key + ", " + value + ")";
      default:
        return "get(" + key + ")";
    }
  }

  /**
   * The outcome as text: {@code put ok}, {@code get = v1}, {@code cas ok}, {@code cas failed:
   * value differed}, {@code get failed (timed out)}, {@code append unknown (no reply)}.
   */
  public String outcomeText() {
    String verb = switch (kind) {
      case WRITE -> "put";
      case CAS -> "cas";
      case APPEND -> "append";
      default -> "get";
    };
    switch (status) {
      case OK:
        if (isRead()) {
          return verb + " = " + show(value);
        }
        return isCas() && !swapped ? "cas failed: value differed" : verb + " ok";
      case FAIL:
        return verb + " failed" + (note.isEmpty() ? "" : " (" + note + ")");
      default:
        return verb + " unknown" + (note.isEmpty() ? "" : " (" + note + ")");
    }
  }

  private static String show(String v) {
    return v == null ? "(none)" : v;
  }
}
