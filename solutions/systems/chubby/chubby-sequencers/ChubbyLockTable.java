import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Chubby master's lock table: reader-writer locks with generation numbers, sequencers that
 * describe a hold, CheckSequencer(), and lock-delay after a holder's session is lost.
 */
public final class ChubbyLockTable implements ChubbySequencerCheck {
  /** The longest lock-delay a client may choose: one minute. */
  private static final long MAX_DELAY = 60_000;

  private record Hold(ChubbyLockMode mode, long lockDelayMillis) {}

  private static final class Lock {
    final Map<String, Hold> holders = new LinkedHashMap<>();
    long generation;
    long until = Long.MIN_VALUE;

    ChubbyLockMode mode() {
      return holders.values().iterator().next().mode();
    }
  }

  private final Map<String, Lock> locks = new HashMap<>();

  public ChubbyLockTable() {}

  /** Takes {@code lock} for {@code client} in {@code mode}; null if it cannot be taken now. */
  public ChubbySequencer acquire(String lock, String client, ChubbyLockMode mode,
      long lockDelayMillis, long now) {
    if (lock == null || client == null || mode == null) {
      throw new IllegalArgumentException("lock, client and mode must not be null");
    }
    if (lockDelayMillis < 0 || lockDelayMillis > MAX_DELAY) {
      throw new IllegalArgumentException("lockDelayMillis not in [0, 60000]: " + lockDelayMillis);
    }
    Lock l = locks.computeIfAbsent(lock, k -> new Lock());
    if (l.holders.containsKey(client) || now < l.until) {
      return null;
    }
    if (!l.holders.isEmpty()
        && (l.mode() == ChubbyLockMode.EXCLUSIVE || mode == ChubbyLockMode.EXCLUSIVE)) {
      return null;
    }
    if (l.holders.isEmpty()) {
      l.generation++;
    }
    l.holders.put(client, new Hold(mode, lockDelayMillis));
    return new ChubbySequencer(lock, mode, l.generation);
  }

  /** A normal release: no lock-delay. */
  public void release(String lock, String client, long now) {
    if (lock == null || client == null) {
      throw new IllegalArgumentException("lock and client must not be null");
    }
    Lock l = locks.get(lock);
    if (l != null) {
      l.holders.remove(client);
    }
  }

  /** {@code client} failed or became unreachable: its locks are freed, each with its lock-delay. */
  public void sessionLost(String client, long now) {
    if (client == null) {
      throw new IllegalArgumentException("client must not be null");
    }
    for (Lock l : locks.values()) {
      Hold h = l.holders.remove(client);
      if (h != null) {
        l.until = Math.max(l.until, now + h.lockDelayMillis());
      }
    }
  }

  @Override
  public boolean checkSequencer(ChubbySequencer sequencer) {
    if (sequencer == null) {
      return false;
    }
    Lock l = locks.get(sequencer.lock());
    return l != null && !l.holders.isEmpty() && l.mode() == sequencer.mode()
        && l.generation == sequencer.generation();
  }
}
