/**
 * The Chubby master's lock table: reader-writer locks with generation numbers, sequencers that
 * describe a hold, CheckSequencer(), and lock-delay after a holder's session is lost.
 */
public final class ChubbyLockTable implements ChubbySequencerCheck {

  public ChubbyLockTable() {
    // TODO: per-lock state
  }

  /** Takes {@code lock} for {@code client} in {@code mode}; null if it cannot be taken now. */
  public ChubbySequencer acquire(String lock, String client, ChubbyLockMode mode,
      long lockDelayMillis, long now) {
    // TODO
    throw new UnsupportedOperationException("TODO: ChubbyLockTable.acquire");
  }

  /** A normal release: no lock-delay. */
  public void release(String lock, String client, long now) {
    // TODO
    throw new UnsupportedOperationException("TODO: ChubbyLockTable.release");
  }

  /** {@code client} failed or became unreachable: its locks are freed, each with its lock-delay. */
  public void sessionLost(String client, long now) {
    // TODO
    throw new UnsupportedOperationException("TODO: ChubbyLockTable.sessionLost");
  }

  @Override
  public boolean checkSequencer(ChubbySequencer sequencer) {
    // TODO
    throw new UnsupportedOperationException("TODO: ChubbyLockTable.checkSequencer");
  }
}
