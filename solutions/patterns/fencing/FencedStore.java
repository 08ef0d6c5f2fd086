import java.util.HashMap;
import java.util.Map;

/**
 * A store that fences out stale lock holders: it remembers, per resource, the highest token it
 * has accepted, and rejects writes that carry a lower one. See brief.md for the exact rules.
 */
public class FencedStore implements TokenStore {
  private final Map<String, Long> highest = new HashMap<>();
  private final Map<String, String> values = new HashMap<>();

  public FencedStore() {}

  @Override
  public boolean write(String resource, String value, long token) {
    if (resource == null) {
      throw new IllegalArgumentException("resource is null");
    }
    if (value == null) {
      throw new IllegalArgumentException("value is null");
    }
    if (token < 1) {
      throw new IllegalArgumentException("token must be at least 1: " + token);
    }
    if (token < highestToken(resource)) {
      return false; // a stale holder: fenced out, nothing changes
    }
    highest.put(resource, token);
    values.put(resource, value);
    return true;
  }

  @Override
  public String read(String resource) {
    if (resource == null) {
      throw new IllegalArgumentException("resource is null");
    }
    return values.get(resource);
  }

  @Override
  public long highestToken(String resource) {
    if (resource == null) {
      throw new IllegalArgumentException("resource is null");
    }
    return highest.getOrDefault(resource, 0L);
  }
}
