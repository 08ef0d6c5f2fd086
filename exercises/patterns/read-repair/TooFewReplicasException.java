/**
 * Thrown by a read when fewer replicas answered than its consistency level asks for. Given: do not
 * edit.
 */
public class TooFewReplicasException extends RuntimeException {

  public TooFewReplicasException(String message) {
    super(message);
  }
}
