/**
 * A lock service that numbers its grants (a fencing token): every grant of a resource's lock
 * carries a token larger than any granted before for that resource. Given: do not edit.
 */
public interface LockService {

  /**
   * Grants the lock on {@code resource} to the caller (waiting, in the real world, until the
   * previous holder's lease has expired) and returns its fencing token: at least 1, and larger
   * than every token granted before for {@code resource}.
   */
  long acquire(String resource);
}
