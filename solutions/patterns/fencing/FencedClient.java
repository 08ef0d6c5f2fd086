/**
 * A client of one resource: it takes the resource's lock from a lock service and attaches the
 * token of its latest grant to every write. See brief.md.
 */
public class FencedClient {
  private final LockService locks;
  private final TokenStore store;
  private final String resource;
  private long token; // 0: no grant yet

  /** @throws IllegalArgumentException if any argument is null */
  public FencedClient(LockService locks, TokenStore store, String resource) {
    if (locks == null || store == null || resource == null) {
      throw new IllegalArgumentException("locks, store and resource must not be null");
    }
    this.locks = locks;
    this.store = store;
    this.resource = resource;
  }

  /** Takes the lock: asks the lock service for a grant and keeps its token. */
  public void acquire() {
    token = locks.acquire(resource);
  }

  /** The token of the latest grant, or 0 before the first acquire. */
  public long token() {
    return token;
  }

  /**
   * Writes {@code value} to the resource with the token of the latest grant; returns the store's
   * answer.
   *
   * @throws IllegalStateException before the first acquire
   */
  public boolean write(String value) {
    if (token == 0) {
      throw new IllegalStateException("write before acquire: no token to send");
    }
    return store.write(resource, value, token);
  }
}
