package dstutor.sim;

import java.util.List;

/**
 * Catches node code that is not a function of its seed: a node that draws randomness from its
 * own {@code Random}, {@code Math.random()} or {@code ThreadLocalRandom}, reads the wall clock, or
 * keeps state in static fields from one run to the next. Such code cannot be replayed with
 * {@code --seed}, and a failure it causes cannot be shown twice. The check runs one plan twice
 * and compares what the nodes did ({@link Simulation#fingerprint()}); only when the runs differ
 * does it run them again with traces, to say where they first part.
 */
public final class Determinism {
  private Determinism() {}

  /**
   * Runs {@code scenario} on {@code plan} twice; returns {@code null} if both runs did the same,
   * else the problem in plain words for the learner, with the first difference.
   */
  public static String check(Scenario scenario, RunPlan plan) {
    Outcome a = run(scenario, plan.withTrace(false));
    Outcome b = run(scenario, plan.withTrace(false));
    if (a.fingerprint() == b.fingerprint() && a.failed() == b.failed()) {
      return null;
    }
    String where = firstDifference(scenario, plan);
    return "The same seed gave two different runs" + (where.isEmpty() ? "" : ": " + where)
        + ".\nYour nodes draw randomness or time from outside their Context (new Random(),"
        + " Math.random(), ThreadLocalRandom, System.currentTimeMillis(), System.nanoTime(), or"
        + " static fields that outlive a run). Use ctx.random() and ctx.now() instead: the"
        + " simulator replays a run from its seed, and a failure you cannot replay with"
        + " --seed cannot be debugged.";
  }

  private static String firstDifference(Scenario scenario, RunPlan plan) {
    List<String> x = lines(scenario, plan);
    List<String> y = lines(scenario, plan);
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      if (!x.get(i).equals(y.get(i))) {
        return "the first run had\n  " + x.get(i).strip() + "\nwhere the second had\n  "
            + y.get(i).strip();
      }
    }
    if (x.size() != y.size()) {
      return "one run had " + x.size() + " events and the other " + y.size();
    }
    return "";
  }

  private static List<String> lines(Scenario scenario, RunPlan plan) {
    return run(scenario, plan.withTrace(true)).traceLines();
  }

  private static Outcome run(Scenario scenario, RunPlan plan) {
    try {
      return scenario.run(plan);
    } catch (SimulationException e) {
      return Outcome.threw(e);
    }
  }
}
