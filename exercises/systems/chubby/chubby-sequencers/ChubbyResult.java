/**
 * A resource server's answer (read-only).
 *
 * @param status OK (done), REJECTED (the sequencer failed a check: nothing changed) or
 *     VALUE_DIFFERED (a compare-and-set found another value: nothing changed)
 * @param value for a read, the value (null if the key has none); for VALUE_DIFFERED, the value
 *     found; otherwise null
 */
public record ChubbyResult(Status status, String value) {
  public enum Status {
    OK,
    REJECTED,
    VALUE_DIFFERED
  }
}
