/** Chubby's CheckSequencer() as a resource server sees it (read-only). */
public interface ChubbySequencerCheck {
  /** Whether {@code sequencer} is valid now: its holder still holds the lock in that mode. */
  boolean checkSequencer(ChubbySequencer sequencer);
}
