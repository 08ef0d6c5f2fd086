package dstutor.sim;

import java.util.List;
import java.util.Map;

/**
 * How one run of a {@link Scenario} went.
 *
 * @param problem what broke, in plain words, or {@code null} if the property held
 * @param faults the faults that fired, in order
 * @param timeline the run as text if the plan asked for a trace and the run failed, else ""
 * @param error what a node threw, if the run stopped because of it, else {@code null}: hand it on
 *     as the cause of the test failure so that the learner sees their exception and its line
 * @param clients the clients that took part (not idle), which a shrinker may try to leave out
 */
public record Outcome(String problem, List<Fault.Fired> faults, String timeline, Throwable error,
    List<String> clients) {
  public Outcome {
    faults = List.copyOf(faults);
    timeline = timeline == null ? "" : timeline;
    clients = List.copyOf(clients);
  }

  /** The property held. */
  public static Outcome passed(Simulation sim) {
    return new Outcome(null, sim.fired(), "", null, sim.activeClients());
  }

  /** The property broke; marks the operations {@code marks} names on the timeline. */
  public static Outcome failed(Simulation sim, String problem, Map<Integer, String> marks) {
    String text = sim.trace() == null ? "" : Timeline.of(sim.trace()).marks(marks).render();
    return new Outcome(problem, sim.fired(), text, null, sim.activeClients());
  }

  /** The property broke; {@code timeline} is how to show the run (ignored without a trace). */
  public static Outcome failed(Simulation sim, String problem, Timeline timeline) {
    String text = sim.trace() == null ? "" : timeline.render();
    return new Outcome(problem, sim.fired(), text, null, sim.activeClients());
  }

  /** The run stopped because a node threw, or ran away. */
  public static Outcome threw(SimulationException e) {
    String text = e.trace() == null ? "" : Timeline.of(e.trace()).render();
    return new Outcome(e.getMessage(), e.fired(), text, e.getCause(), List.of());
  }

  public boolean failed() {
    return problem != null;
  }
}
