package dstutor.sim;

/**
 * A property checked on one simulated run: build the cluster, schedule the faults the seed
 * draws, run to the plan's horizon and judge what happened. Must be deterministic (a function of
 * the plan alone) and must judge only what the run had time to show, so that the shrinker can cut
 * the run short: a request whose deadline is after the horizon is not yet late.
 */
@FunctionalInterface
public interface Scenario {
  /** Runs {@code plan} and says whether the property held. */
  Outcome run(RunPlan plan);
}
