/** Thrown by {@link StoreReplica#get} when the replica does not answer. Given: do not edit. */
public class ReplicaDownException extends RuntimeException {

  public ReplicaDownException(String message) {
    super(message);
  }
}
