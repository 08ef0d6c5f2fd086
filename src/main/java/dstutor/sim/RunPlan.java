package dstutor.sim;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Everything that decides a run besides the code: the seed, which faults may fire, how long the
 * run lasts, and whether to record a trace. The same plan always gives the same run.
 *
 * @param seed the seed every random choice derives from
 * @param allowed the faults that may fire, or {@code null} for "any fault the seed draws"; a
 *     shrinker narrows this set
 * @param horizon the virtual time (ms) at which the run stops
 * @param trace whether to record every event for a timeline (slower; for failing runs)
 * @param idle clients that sit this run out (a {@link Client} among them sends nothing), so
 *     that a shrunk run shows only the clients the failure needs
 */
public record RunPlan(long seed, Set<Fault> allowed, long horizon, boolean trace,
    Set<String> idle) {
  public RunPlan {
    if (horizon < 0) {
      throw new IllegalArgumentException("horizon < 0: " + horizon);
    }
    // Ordered copies: Set.copyOf iterates in an order that changes from one JVM to the next, and
    // the shrinker walks these sets.
    allowed = allowed == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(allowed));
    idle = Collections.unmodifiableSet(new LinkedHashSet<>(idle));
  }

  /** A plan in which every client takes part. */
  public RunPlan(long seed, Set<Fault> allowed, long horizon, boolean trace) {
    this(seed, allowed, horizon, trace, Set.of());
  }

  /** A run of {@code horizon} ms in which every fault the seed draws fires, without a trace. */
  public static RunPlan of(long seed, long horizon) {
    return new RunPlan(seed, null, horizon, false);
  }

  /** Whether fault {@code f} may fire in this run. */
  public boolean allows(Fault f) {
    return allowed == null || allowed.contains(f);
  }

  public RunPlan withAllowed(Set<Fault> faults) {
    return new RunPlan(seed, faults, horizon, trace, idle);
  }

  public RunPlan withHorizon(long h) {
    return new RunPlan(seed, allowed, h, trace, idle);
  }

  public RunPlan withTrace(boolean t) {
    return new RunPlan(seed, allowed, horizon, t, idle);
  }

  public RunPlan withIdle(Set<String> clients) {
    return new RunPlan(seed, allowed, horizon, trace, clients);
  }
}
