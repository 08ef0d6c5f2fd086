package dstutor.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a failing run into a small one that still fails: first fewer clients (each in turn sits
 * the run out, if the run still fails without it), then a shorter run (a binary search on the
 * horizon), then fewer faults (delta debugging: drop halves, then quarters, ... then single faults,
 * keeping each removal after which the run still fails). The budget is a number of
 * re-runs, not seconds, so the same failing seed always shrinks to the same run.
 */
public final class Shrinker {
  /** Re-runs allowed by default; each is one simulation of the scenario. */
  public static final int DEFAULT_BUDGET = 200;

  /**
   * A failing run after shrinking.
   *
   * @param plan the plan that replays the shrunk run (with a trace)
   * @param outcome its outcome, with the timeline
   * @param originalFaults how many faults fired in the first failing run
   * @param originalHorizon how long the first failing run was, in ms
   * @param originalClients how many clients took part in the first failing run
   * @param runs how many re-runs shrinking took
   */
  public record Result(RunPlan plan, Outcome outcome, int originalFaults, long originalHorizon,
      int originalClients, int runs) {

    public long seed() {
      return plan.seed();
    }

    /**
     * The failure for a learner: what was shrunk, the faults that remain, the timeline, and the
     * problem.
     */
    public String report() {
      StringBuilder b = new StringBuilder();
      // The problem first: it is what the learner reads; the run that shows it follows.
      String problem = outcome.problem().strip();
      if (!problem.isEmpty()) {
        b.append(problem).append('\n');
      }
      int left = outcome.faults().size();
      b.append("seed ").append(plan.seed());
      if (originalFaults > 0) {
        b.append(": shrunk from ").append(originalFaults)
            .append(originalFaults == 1 ? " fault" : " faults").append(" to ").append(left);
      } else {
        b.append(": no faults needed");
      }
      if (plan.horizon() < originalHorizon) {
        b.append(", the run cut from ").append(originalHorizon).append(" ms to ")
            .append(plan.horizon()).append(" ms");
      }
      if (outcome.clients().size() < originalClients) {
        b.append(", ").append(outcome.clients().size()).append(" of ").append(originalClients)
            .append(" clients");
      }
      b.append('\n');
      if (left > 0) {
        b.append("faults:");
        int shown = 0;
        for (Fault.Fired f : outcome.faults()) {
          if (shown++ == 6) {
            b.append("; ... and ").append(left - 6).append(" more");
            break;
          }
          b.append(shown == 1 ? " " : "; ").append(f.fault().describe()).append(" at ")
              .append(f.time()).append(" ms");
        }
        b.append('\n');
      }
      b.append(outcome.timeline());
      return b.toString().stripTrailing();
    }
  }

  private final Scenario scenario;
  private final int budget;
  /** The first failing run: a smaller run counts only if it fails like this one. */
  private final Outcome first;
  private int runs;

  private Shrinker(Scenario scenario, int budget, Outcome first) {
    this.scenario = scenario;
    this.budget = budget;
    this.first = first;
  }

  /**
   * Runs {@code scenario} for each seed with a run of {@code horizon} ms; shrinks and returns the
   * first failure, or {@code null} if every seed passed.
   */
  public static Result firstFailure(Scenario scenario, long[] seeds, long horizon) {
    for (long seed : seeds) {
      RunPlan plan = RunPlan.of(seed, horizon);
      Outcome o = runSafely(scenario, plan);
      if (o.failed()) {
        return shrink(scenario, plan, o, DEFAULT_BUDGET);
      }
    }
    return null;
  }

  /** Shrinks the failing run of {@code plan}, whose outcome was {@code failed}. */
  public static Result shrink(Scenario scenario, RunPlan plan, Outcome failed, int budget) {
    if (!failed.failed()) {
      throw new IllegalArgumentException("the outcome did not fail");
    }
    return new Shrinker(scenario, budget, failed).shrink(plan.withTrace(false), failed);
  }

  private Result shrink(RunPlan original, Outcome first) {
    List<Fault> faults = distinct(first.faults());
    RunPlan best = original.withAllowed(new LinkedHashSet<>(faults));
    Outcome o = attempt(best);
    if (!o.failsLike(first)) {
      // The run did not replay with its own faults pinned: show it as it was.
      return finish(original, first);
    }
    best = best.withAllowed(new LinkedHashSet<>(distinct(o.faults())));
    // Each pass can open the way for another (fewer faults can mean an earlier failure), so
    // repeat them while they make progress.
    for (int round = 0; round < 3 && runs < budget; round++) {
      RunPlan before = best;
      best = fewerClients(best, o.clients(), round == 0);
      best = shorter(best);
      best = fewerFaults(best);
      if (best.equals(before)) {
        break;
      }
    }
    RunPlan traced = best.withTrace(true);
    Outcome last = runSafely(scenario, traced);
    if (!last.failsLike(first)) {
      return finish(original, first); // cannot happen for a deterministic scenario
    }
    return new Result(traced, last, distinct(first.faults()).size(), original.horizon(),
        first.clients().size(), runs);
  }

  /**
   * Each client in turn sits the run out, if the run still fails without it: with the same faults
   * pinned or, on the first round, with the faults the seed draws for the smaller run (pinned
   * faults name messages by their number on a link, and leaving a client out renumbers them).
   */
  private RunPlan fewerClients(RunPlan best, List<String> clients, boolean redraw) {
    for (String client : clients) {
      if (best.idle().contains(client) || runs + 2 > budget) {
        continue;
      }
      Set<String> more = new LinkedHashSet<>(best.idle());
      more.add(client);
      RunPlan without = best.withIdle(more);
      Outcome m = attempt(without);
      if (redraw && !m.failsLike(first)) {
        m = attempt(without.withAllowed(null));
      }
      if (m.failsLike(first)) {
        best = without.withAllowed(new LinkedHashSet<>(distinct(m.faults())));
      }
    }
    return best;
  }

  /** A binary search for the shortest run that still fails (to 1/64 of the length). */
  private RunPlan shorter(RunPlan best) {
    long lo = 0;
    long hi = best.horizon();
    long step = Math.max(1, hi / 64);
    Set<Fault> faults = best.allowed();
    while (hi - lo > step && runs < budget) {
      long mid = lo + (hi - lo) / 2;
      Outcome m = attempt(best.withHorizon(mid));
      if (m.failsLike(first)) {
        hi = mid;
        faults = new LinkedHashSet<>(distinct(m.faults()));
      } else {
        lo = mid;
      }
    }
    return best.withHorizon(hi).withAllowed(faults);
  }

  /** Delta debugging: drop halves of the faults, then quarters, ..., then single faults. */
  private RunPlan fewerFaults(RunPlan best) {
    List<Fault> faults = new ArrayList<>(best.allowed());
    int chunk = Math.max(1, faults.size() / 2);
    while (!faults.isEmpty() && runs < budget) {
      boolean removed = false;
      for (int i = 0; i < faults.size() && runs < budget; ) {
        List<Fault> fewer = new ArrayList<>(faults.subList(0, i));
        fewer.addAll(faults.subList(Math.min(faults.size(), i + chunk), faults.size()));
        Outcome m = attempt(best.withAllowed(new LinkedHashSet<>(fewer)));
        if (m.failsLike(first)) {
          faults = distinct(m.faults());
          best = best.withAllowed(new LinkedHashSet<>(faults));
          removed = true;
        } else {
          i += chunk;
        }
      }
      if (chunk == 1 && !removed) {
        break;
      }
      chunk = Math.max(1, chunk / 2);
    }
    return best;
  }

  private Result finish(RunPlan original, Outcome first) {
    RunPlan traced = original.withTrace(true);
    Outcome o = runSafely(scenario, traced);
    if (!o.failsLike(first)) {
      o = first;
    }
    return new Result(traced, o, distinct(first.faults()).size(), original.horizon(),
        first.clients().size(), runs);
  }

  private Outcome attempt(RunPlan plan) {
    runs++;
    return runSafely(scenario, plan);
  }

  private static Outcome runSafely(Scenario scenario, RunPlan plan) {
    try {
      return scenario.run(plan);
    } catch (SimulationException e) {
      return Outcome.threw(e);
    }
  }

  private static List<Fault> distinct(List<Fault.Fired> fired) {
    Set<Fault> seen = new LinkedHashSet<>();
    for (Fault.Fired f : fired) {
      seen.add(f.fault());
    }
    return new ArrayList<>(seen);
  }
}
