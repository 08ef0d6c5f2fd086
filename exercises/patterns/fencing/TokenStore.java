/**
 * A storage service that checks fencing tokens: one value per resource, written only by a holder
 * of the resource's lock, who passes the lock's token with each write. Given: do not edit.
 */
public interface TokenStore {

  /**
   * Writes {@code value} as the value of {@code resource} if {@code token} is at least the
   * highest token seen for {@code resource}; returns whether the write was accepted.
   */
  boolean write(String resource, String value, long token);

  /** The value of the last accepted write of {@code resource}, or null if none. */
  String read(String resource);

  /** The highest token of an accepted write of {@code resource}, or 0 if none. */
  long highestToken(String resource);
}
