package dstutor.sim;

import java.util.List;
import java.util.Map;

/**
 * How one run of a {@link Scenario} went.
 *
 * @param problem what broke, in plain words, or {@code null} if the property held
 * @param reason what kind of failure it is, in a few fixed words ("stale read", "no answer"), so
 *     that the {@link Shrinker} keeps a smaller run only if it fails for the same reason; "" when
 *     the scenario does not say (any failure counts), or the property held
 * @param faults the faults that fired, in order
 * @param timeline the run as text if the plan asked for a trace and the run failed, else ""
 * @param error what a node threw, if the run stopped because of it, else {@code null}: hand it on
 *     as the cause of the test failure so that the learner sees their exception and its line
 * @param clients the clients that took part (not idle), which a shrinker may try to leave out
 * @param fingerprint the run's {@link Simulation#fingerprint()}, 0 when it stopped on an exception
 * @param trace the run's trace, if the plan asked for one, else {@code null}
 */
public record Outcome(String problem, String reason, List<Fault.Fired> faults, String timeline,
    Throwable error, List<String> clients, long fingerprint, Trace trace) {
  public Outcome {
    reason = reason == null ? "" : reason;
    faults = List.copyOf(faults);
    timeline = timeline == null ? "" : timeline;
    clients = List.copyOf(clients);
  }

  /** The property held. */
  public static Outcome passed(Simulation sim) {
    return new Outcome(null, "", sim.fired(), "", null, sim.activeClients(), sim.fingerprint(),
        sim.trace());
  }

  /** The property broke; marks the operations {@code marks} names on the timeline. */
  public static Outcome failed(Simulation sim, String problem, Map<Integer, String> marks) {
    return failed(sim, "", problem, marks);
  }

  /**
   * The property broke for {@code reason} (see {@link #reason()}); marks the operations {@code
   * marks} names on the timeline.
   */
  public static Outcome failed(Simulation sim, String reason, String problem,
      Map<Integer, String> marks) {
    String text = sim.trace() == null ? "" : Timeline.of(sim.trace()).marks(marks).render();
    return new Outcome(problem, reason, sim.fired(), text, null, sim.activeClients(),
        sim.fingerprint(), sim.trace());
  }

  /** The property broke; {@code timeline} is how to show the run (ignored without a trace). */
  public static Outcome failed(Simulation sim, String problem, Timeline timeline) {
    return failed(sim, "", problem, timeline);
  }

  /** The property broke for {@code reason}; {@code timeline} is how to show the run. */
  public static Outcome failed(Simulation sim, String reason, String problem, Timeline timeline) {
    String text = sim.trace() == null ? "" : timeline.render();
    return new Outcome(problem, reason, sim.fired(), text, null, sim.activeClients(),
        sim.fingerprint(), sim.trace());
  }

  /** The run stopped because a node threw, or ran away. */
  public static Outcome threw(SimulationException e) {
    String text = e.trace() == null ? "" : Timeline.of(e.trace()).render();
    String reason = "threw " + (e.getCause() == null ? "" : e.getCause().getClass().getName());
    return new Outcome(e.getMessage(), reason, e.fired(), text, e.getCause(), List.of(), 0,
        e.trace());
  }

  /** The run as timeline lines, one per event; empty without a trace. */
  public List<String> traceLines() {
    return trace == null ? List.of() : trace.events().stream().map(Timeline::line).toList();
  }

  public boolean failed() {
    return problem != null;
  }

  /** Whether this run failed for the same reason as {@code first} (any failure, if unsaid). */
  public boolean failsLike(Outcome first) {
    return failed() && (first.reason.isEmpty() || first.reason.equals(reason));
  }
}
