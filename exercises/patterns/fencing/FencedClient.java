/**
 * A client of one resource: it takes the resource's lock from a lock service and attaches the
 * token of its latest grant to every write. See brief.md.
 */
public class FencedClient {

  /** @throws IllegalArgumentException if any argument is null */
  public FencedClient(LockService locks, TokenStore store, String resource) {
    // TODO: check and keep the arguments.
    throw new UnsupportedOperationException("TODO: FencedClient constructor");
  }

  /** Takes the lock: asks the lock service for a grant and keeps its token. */
  public void acquire() {
    // TODO
    throw new UnsupportedOperationException("TODO: acquire");
  }

  /** The token of the latest grant, or 0 before the first acquire. */
  public long token() {
    // TODO
    throw new UnsupportedOperationException("TODO: token");
  }

  /**
   * Writes {@code value} to the resource with the token of the latest grant; returns the store's
   * answer.
   *
   * @throws IllegalStateException before the first acquire
   */
  public boolean write(String value) {
    // TODO
    throw new UnsupportedOperationException("TODO: write");
  }
}
