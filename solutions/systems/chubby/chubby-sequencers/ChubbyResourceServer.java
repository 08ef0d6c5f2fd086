import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A server that guards its key-value store with one Chubby lock: it checks each request's
 * sequencer (name, mode, generation, and Chubby's CheckSequencer() if it has a session) before
 * it reads, writes or compare-and-sets.
 */
public final class ChubbyResourceServer {
  private final String lock;
  private final ChubbySequencerCheck chubby;
  private final Map<String, String> values = new HashMap<>();
  /** The largest generation among the requests accepted so far. */
  private long newest;

  /**
   * @param lock the name of the lock that guards every key
   * @param chubby Chubby's CheckSequencer(), or null if this server has no Chubby session
   */
  public ChubbyResourceServer(String lock, ChubbySequencerCheck chubby) {
    if (lock == null) {
      throw new IllegalArgumentException("lock must not be null");
    }
    this.lock = lock;
    this.chubby = chubby;
  }

  public ChubbyResult read(String key, ChubbySequencer sequencer) {
    if (key == null) {
      throw new IllegalArgumentException("key must not be null");
    }
    if (!accept(sequencer, false)) {
      return new ChubbyResult(ChubbyResult.Status.REJECTED, null);
    }
    return new ChubbyResult(ChubbyResult.Status.OK, values.get(key));
  }

  public ChubbyResult write(String key, String value, ChubbySequencer sequencer) {
    if (key == null || value == null) {
      throw new IllegalArgumentException("key and value must not be null");
    }
    if (!accept(sequencer, true)) {
      return new ChubbyResult(ChubbyResult.Status.REJECTED, null);
    }
    values.put(key, value);
    return new ChubbyResult(ChubbyResult.Status.OK, null);
  }

  public ChubbyResult compareAndSet(String key, String expected, String value,
      ChubbySequencer sequencer) {
    if (key == null || value == null) {
      throw new IllegalArgumentException("key and value must not be null");
    }
    if (!accept(sequencer, true)) {
      return new ChubbyResult(ChubbyResult.Status.REJECTED, null);
    }
    String current = values.get(key);
    if (!Objects.equals(current, expected)) {
      return new ChubbyResult(ChubbyResult.Status.VALUE_DIFFERED, current);
    }
    values.put(key, value);
    return new ChubbyResult(ChubbyResult.Status.OK, null);
  }

  /** The checks in the brief's order; on success the sequencer's generation counts as seen. */
  private boolean accept(ChubbySequencer s, boolean writes) {
    if (s == null || !lock.equals(s.lock())) {
      return false;
    }
    if (writes && s.mode() != ChubbyLockMode.EXCLUSIVE) {
      return false;
    }
    if (s.generation() < newest) {
      return false;
    }
    if (chubby != null && !chubby.checkSequencer(s)) {
      return false;
    }
    newest = Math.max(newest, s.generation());
    return true;
  }
}
