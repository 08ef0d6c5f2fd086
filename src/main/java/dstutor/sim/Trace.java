package dstutor.sim;

import dstutor.kit.Hashing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The events of a run, in the order they happened. */
public final class Trace {
  private final List<TraceEvent> events = new ArrayList<>();

  void add(TraceEvent e) {
    events.add(e);
  }

  /** The events, oldest first. */
  public List<TraceEvent> events() {
    return Collections.unmodifiableList(events);
  }

  /** Two traces are equal when they hold equal events in the same order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Trace t && t.events.equals(events);
  }

  @Override
  public int hashCode() {
    return events.hashCode();
  }

  public int size() {
    return events.size();
  }

  /**
   * A 64-bit digest of the whole trace as text: two runs with equal fingerprints printed the same
   * timeline, event for event.
   */
  public long fingerprint() {
    long h = 0;
    for (TraceEvent e : events) {
      h = h * 31 + Hashing.hash64(Timeline.line(e));
    }
    return h;
  }
}
