package dstutor.sim;

import java.util.List;

/**
 * A node's code threw, or the run went out of bounds. Names the node, the time and the call, and
 * carries what the run recorded up to then, so that the failure can be shrunk and shown.
 */
public final class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private transient Trace trace;
  private transient List<Fault.Fired> fired = List.of();

  public SimulationException(String message) {
    super(message);
  }

  private SimulationException(String message, Throwable cause) {
    super(message, cause);
  }

  static SimulationException from(NodeSlot slot, String call, RuntimeException e) {
    if (e instanceof SimulationException s) {
      return s;
    }
    return new SimulationException(
        slot.id + " threw " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + " at " + slot.sim.now() + " ms, in " + call, e);
  }

  static SimulationException probe(long now, RuntimeException e) {
    return new SimulationException("a call into a node at " + now + " ms threw "
        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
        e);
  }

  SimulationException attach(Trace t, List<Fault.Fired> faults) {
    if (this.trace == null) {
      this.trace = t;
    }
    this.fired = List.copyOf(faults);
    return this;
  }

  /** The trace up to the failure, or {@code null} if the run kept none. */
  public Trace trace() {
    return trace;
  }

  /** The faults that had fired before the failure. */
  public List<Fault.Fired> fired() {
    return fired;
  }
}
