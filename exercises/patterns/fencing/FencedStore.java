/**
 * A store that fences out stale lock holders: it remembers, per resource, the highest token it
 * has accepted, and rejects writes that carry a lower one. See brief.md for the exact rules.
 */
public class FencedStore implements TokenStore {

  public FencedStore() {
    // TODO: per-resource state.
  }

  @Override
  public boolean write(String resource, String value, long token) {
    // TODO: check the arguments; accept (and remember) unless token is below the highest seen.
    throw new UnsupportedOperationException("TODO: write");
  }

  @Override
  public String read(String resource) {
    // TODO: the value of the last accepted write, or null.
    throw new UnsupportedOperationException("TODO: read");
  }

  @Override
  public long highestToken(String resource) {
    // TODO: the highest accepted token, or 0.
    throw new UnsupportedOperationException("TODO: highestToken");
  }
}
