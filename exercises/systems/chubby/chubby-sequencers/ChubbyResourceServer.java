/**
 * A server that guards its key-value store with one Chubby lock: it checks each request's
 * sequencer (name, mode, generation, and Chubby's CheckSequencer() if it has a session) before
 * it reads, writes or compare-and-sets.
 */
public final class ChubbyResourceServer {

  /**
   * @param lock the name of the lock that guards every key
   * @param chubby Chubby's CheckSequencer(), or null if this server has no Chubby session
   */
  public ChubbyResourceServer(String lock, ChubbySequencerCheck chubby) {
    // TODO: check and keep the arguments
    throw new UnsupportedOperationException("TODO: ChubbyResourceServer constructor");
  }

  public ChubbyResult read(String key, ChubbySequencer sequencer) {
    // TODO
    throw new UnsupportedOperationException("TODO: ChubbyResourceServer.read");
  }

  public ChubbyResult write(String key, String value, ChubbySequencer sequencer) {
    // TODO
    throw new UnsupportedOperationException("TODO: ChubbyResourceServer.write");
  }

  public ChubbyResult compareAndSet(String key, String expected, String value,
      ChubbySequencer sequencer) {
    // TODO
    throw new UnsupportedOperationException("TODO: ChubbyResourceServer.compareAndSet");
  }
}
