import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.sim.Delay;
import dstutor.sim.Nemesis;
import dstutor.sim.Outcome;
import dstutor.sim.RunPlan;
import dstutor.sim.Scenario;
import dstutor.sim.Shrinker;
import dstutor.sim.SimConfig;
import dstutor.sim.Simulation;
import dstutor.sim.SimulationException;
import dstutor.sim.Timeline;
import dstutor.sim.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hidden suite for the gossip exercise. Nodes n1..nN gossip every 50 ms (a round), each starting
 * at a random moment of the first round; messages take 1 to 10 ms. Probes ask the learner's nodes
 * what they know through the GossipMember interface. A failing seed is shrunk where faults are
 * involved and shown as a timeline of the node that lagged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GossipSuite {
  private static final long ROUND = 50;
  private static final SimConfig NET = SimConfig.reliable().withDelay(Delay.uniform(1, 10));

  /** Nodes n1..nN; each knows n1..n3 at start, or every member if {@code seedsAll}. */
  private static List<String> cluster(Simulation sim, int n, boolean seedsAll, long failAfter,
      SplittableRandom rng) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add("n" + i);
    }
    List<String> seeds = seedsAll ? List.copyOf(ids) : List.of("n1", "n2", "n3");
    for (String id : ids) {
      sim.addNode(id, () -> new GossipNode(seeds, ROUND, failAfter), rng.nextInt((int) ROUND));
    }
    return ids;
  }

  private static GossipMember member(Simulation sim, String id) {
    return (GossipMember) sim.node(id);
  }

  private static int log2(int n) {
    return 31 - Integer.numberOfLeadingZeros(n);
  }

  /** Events at or to {@code node}, faults, and flags. */
  private static Timeline around(Simulation sim, String node) {
    return Timeline.of(sim.trace()).maxLines(50).filter(e -> e.node().equals(node)
        || e.peer().equals(node) || e.type() == TraceEvent.Type.NETWORK);
  }

  /** The first live node that does not know every member, or null. */
  private static String lagging(Simulation sim, List<String> ids) {
    for (String id : ids) {
      if (sim.isUp(id) && !member(sim, id).members().containsAll(ids)) {
        return id;
      }
    }
    return null;
  }

  /** The first live node whose view of {@code owner}'s {@code key} is not {@code value}. */
  private static String notYet(Simulation sim, List<String> ids, String owner, String key,
      String value) {
    for (String id : ids) {
      if (sim.isUp(id) && !value.equals(member(sim, id).get(owner, key))) {
        return id;
      }
    }
    return null;
  }

  /**
   * Members learn each other from three seeds, then an update spreads: both within {@code
   * bound} rounds, on a network with {@code drop} loss.
   */
  private static Scenario convergence(int n, double drop, int bound) {
    return plan -> {
      Simulation sim = new Simulation(plan, NET.withDrop(drop));
      SplittableRandom rng = new SplittableRandom(plan.seed());
      List<String> ids = cluster(sim, n, false, 1_000 * ROUND, rng);
      String source = ids.get(rng.nextInt(n));
      long[] known = {-1};
      long[] injected = {-1};
      String[] problem = {null, null};
      for (long t = ROUND; t <= plan.horizon(); t += 10) {
        long now = t;
        sim.at(t, () -> {
          if (known[0] < 0) {
            String lag = lagging(sim, ids);
            if (lag == null) {
              known[0] = now;
              injected[0] = now;
              member(sim, source).put("news", "hot");
            } else if (now >= (bound + 1) * ROUND) {
              problem[0] = "After " + bound + " rounds (" + now + " ms) " + lag + " knows "
                  + member(sim, lag).members().size() + " of " + n + " members. Every member "
                  + "started knowing n1, n2 and n3 only.";
              problem[1] = lag;
              sim.stop();
            }
          } else {
            String lag = notYet(sim, ids, source, "news", "hot");
            if (lag == null) {
              sim.stop();
            } else if (now >= injected[0] + bound * ROUND) {
              problem[0] = source + " set news=hot at " + injected[0] + " ms; " + bound
                  + " rounds later " + lag + " still does not have it.";
              problem[1] = lag;
              sim.stop();
            }
          }
        });
      }
      sim.run();
      if (problem[0] == null) {
        return Outcome.passed(sim);
      }
      sim.flag(problem[1], problem[0]);
      return Outcome.failed(sim, problem[0], around(sim, problem[1]));
    };
  }

  private static void sweep(String property, int seeds, long horizon, Scenario s) {
    for (long seed : Seeds.sweep(seeds)) {
      Shrinker.Result r = Shrinker.firstFailure(s, new long[] {seed}, horizon);
      if (r != null) {
        throw Seeds.failure(seed, property + "\n" + r.report(), r.outcome().error());
      }
    }
  }

  @Test
  @Order(1)
  @DisplayName("every node learns every member from three seeds, and every update, within "
      + "2 log2(N) rounds")
  @Hint("push-pull-rounds")
  void membersAndUpdatesSpread() {
    int n = 32;
    int bound = 2 * log2(n);
    sweep("With N=" + n + " members that start knowing only n1, n2 and n3, every member must "
        + "learn every other within " + bound + " rounds, and then an update made at one member "
        + "must reach all within " + bound + " rounds more. Each round, a member swaps state "
        + "with one member picked at random: push what it knows, pull what the other knows.",
        100, (2L * bound + 3) * ROUND, convergence(n, 0, bound));
  }

  @Test
  @Order(2)
  @DisplayName("with N = 64 an update reaches every node within 1.5 log2(N) = 9 rounds on 95% of "
      + "seeds")
  @Hint("how-fast-gossip-spreads")
  void updatesSpreadInLogarithmicRounds() {
    int n = 64;
    int fast = 3 * log2(n) / 2;
    int cap = 3 * log2(n);
    List<String> slow = new ArrayList<>();
    long first = -1;
    String firstCurve = "";
    long[] seeds = Seeds.sweep(100);
    for (long seed : seeds) {
      Simulation sim = new Simulation(RunPlan.of(seed, (cap + 3) * ROUND), NET);
      SplittableRandom rng = new SplittableRandom(seed);
      List<String> ids = cluster(sim, n, true, 1_000 * ROUND, rng);
      String source = ids.get(rng.nextInt(n));
      long inject = ROUND + rng.nextInt((int) ROUND); // every member has started by then
      sim.at(inject, () -> member(sim, source).put("news", "hot"));
      List<Integer> curve = new ArrayList<>(); // how many know, at the end of each round
      long[] done = {-1};
      for (long t = inject + 5; t <= inject + cap * ROUND; t += 5) {
        long now = t;
        sim.at(t, () -> {
          int knows = 0;
          for (String id : ids) {
            knows += "hot".equals(member(sim, id).get(source, "news")) ? 1 : 0;
          }
          if ((now - inject) % ROUND == 0) {
            curve.add(knows);
          }
          if (knows == n) {
            done[0] = now;
            curve.add(knows);
            sim.stop();
          }
        });
      }
      try {
        sim.run();
      } catch (SimulationException e) {
        throw Seeds.failure(seed, e.getMessage(), e.getCause() != null ? e.getCause() : e);
      }
      long rounds = done[0] < 0 ? cap + 1 : (done[0] - inject + ROUND - 1) / ROUND;
      if (rounds > fast) {
        slow.add("seed " + seed + ": " + (done[0] < 0 ? "more than " + cap : rounds) + " rounds");
        if (first < 0) {
          first = seed;
          firstCurve = "seed " + seed + ", members that had the update after each round: "
              + curve;
        }
      }
    }
    int allowed = seeds.length == 1 ? 0 : seeds.length / 20;
    if (slow.size() > allowed) {
      throw Seeds.failure(first, "With N=" + n + " members, an update must reach all of them "
          + "within " + fast + " rounds (1.5 x log2 N) on at least 95% of seeds; push-pull "
          + "gossip to one random member per round needs about log2 N. Too slow on "
          + slow.size() + " of " + seeds.length + " seeds: " + String.join("; ", slow.subList(0,
          Math.min(8, slow.size()))) + (slow.size() > 8 ? "; ..." : "") + ".\n" + firstCurve,
          null);
    }
  }

  @Test
  @Order(3)
  @DisplayName("members and updates still spread everywhere with 10% of messages lost")
  @Hint("push-pull-rounds")
  void lossIsTolerated() {
    int n = 16;
    int bound = 3 * log2(n);
    sweep("With 10% of messages lost, every member must still learn every other within " + bound
        + " rounds, and an update must still reach all within " + bound + " rounds more. A "
        + "lost message is made up for by the next rounds, as long as every round gossips "
        + "everything that is new to the other side.", 100, (2L * bound + 3) * ROUND,
        convergence(n, 0.1, bound));
  }

  @Test
  @Order(4)
  @DisplayName("a newer value replaces an older one everywhere, and never the other way round")
  @Hint("versioned-state-and-merging")
  void newerValuesWin() {
    int n = 16;
    int last = 6;
    SimConfig net = NET.withSlow(0.3, 3 * ROUND).withDuplicate(0.1);
    sweep("Three members overwrite their own key k every round (1, 2, ... " + last + "); gossip "
        + "arrives late and out of order (30% of messages 150 ms late). A member's view of "
        + "another member's key may lag, but must never go back to an older value, and must end "
        + "at the newest.", 100, 24 * ROUND, plan -> {
          Simulation sim = new Simulation(plan, net);
          SplittableRandom rng = new SplittableRandom(plan.seed());
          List<String> ids = cluster(sim, n, true, 1_000 * ROUND, rng);
          List<String> writers = new ArrayList<>(ids.subList(0, 3));
          for (int i = 1; i <= last; i++) {
            int value = i;
            for (String w : writers) {
              sim.at((i + 1) * ROUND + rng.nextInt((int) ROUND),
                  () -> member(sim, w).put("k", Integer.toString(value)));
            }
          }
          int[][] seen = new int[n][writers.size()];
          long[] settled = {-1};
          String[] problem = {null, null};
          for (long t = ROUND; t <= plan.horizon(); t += 10) {
            long now = t;
            sim.at(t, () -> {
              boolean all = true;
              for (int o = 0; o < n && problem[0] == null; o++) {
                for (int w = 0; w < writers.size(); w++) {
                  String v = member(sim, ids.get(o)).get(writers.get(w), "k");
                  int got = v == null ? 0 : Integer.parseInt(v);
                  all &= got == last;
                  if (got < seen[o][w]) {
                    problem[0] = "At " + now + " ms " + ids.get(o) + "'s view of "
                        + writers.get(w) + "'s k went back from " + seen[o][w] + " to " + got
                        + ": an older state arrived late and replaced a newer one.";
                  } else if (now >= 22 * ROUND && got != last) {
                    problem[0] = "At " + now + " ms, over 12 rounds after the last update, "
                        + ids.get(o) + " has " + writers.get(w) + "'s k = " + got + ", not "
                        + last + ".";
                  }
                  if (problem[0] != null) {
                    problem[1] = ids.get(o);
                    sim.stop();
                    return;
                  }
                  seen[o][w] = got;
                }
              }
              if (all && settled[0] < 0) {
                settled[0] = now;
              } else if (settled[0] >= 0 && now > settled[0] + 4 * ROUND) {
                sim.stop(); // every late message from before has landed by now
              }
            });
          }
          sim.run();
          if (problem[0] == null) {
            return Outcome.passed(sim);
          }
          sim.flag(problem[1], problem[0]);
          return Outcome.failed(sim, problem[0], around(sim, problem[1]));
        });
  }

  /** Members crash and must be marked down; live members must never be. */
  private static Scenario failures(int n, double drop, int crashes, long failAfter, int within) {
    return plan -> {
      Simulation sim = new Simulation(plan, NET.withDrop(drop));
      SplittableRandom rng = new SplittableRandom(plan.seed());
      List<String> ids = cluster(sim, n, true, failAfter, rng);
      Nemesis.crashes(rng, ids, crashes, 3 * ROUND, 8 * ROUND, 0).forEach(sim::schedule);
      String[] problem = {null, null};
      for (long t = 2 * ROUND; t <= plan.horizon(); t += 20) {
        long now = t;
        sim.at(t, () -> {
          for (String o : ids) {
            if (!sim.isUp(o)) {
              continue;
            }
            Set<String> down = new TreeSet<>(member(sim, o).down());
            for (String x : ids) {
              boolean up = sim.isUp(x);
              if (up && down.contains(x)) {
                problem[0] = "At " + now + " ms " + o + " marks " + x + " down, but " + x
                    + " is up and gossiping every round. Its heartbeat counter keeps going up "
                    + "and reaches " + o + " through other members.";
              } else if (!up && !down.contains(x) && now > sim.downSince(x) + failAfter
                  + within * ROUND) {
                problem[0] = x + " crashed at " + sim.downSince(x) + " ms; at " + now + " ms "
                    + o + " still does not mark it down (allowed: failAfter " + failAfter
                    + " ms + " + within + " rounds).";
              }
              if (problem[0] != null) {
                problem[1] = o;
                sim.stop();
                return;
              }
            }
          }
        });
      }
      sim.run();
      if (problem[0] == null) {
        return Outcome.passed(sim);
      }
      sim.flag(problem[1], problem[0]);
      return Outcome.failed(sim, problem[0], around(sim, problem[1]));
    };
  }

  @Test
  @Order(5)
  @DisplayName("a crashed member is marked down by every live node within failAfter + "
      + "2 log2(N) rounds")
  @Hint("detecting-failed-members")
  void crashedMembersAreMarkedDown() {
    int n = 16;
    int within = 2 * log2(n);
    long failAfter = 8 * ROUND;
    sweep("A member that crashed must be marked down by every live member within failAfter + "
        + within + " rounds (its last heartbeat takes a few rounds to spread), and stay down.",
        100, 8 * ROUND + failAfter + (within + 2) * ROUND,
        failures(n, 0, 3, failAfter, within));
  }

  @Test
  @Order(6)
  @DisplayName("no live member is marked down, even with 10% of messages lost")
  @Hint("detecting-failed-members")
  void liveMembersAreNotMarkedDown() {
    sweep("A live member must never be marked down: with N=16, failAfter = 8 rounds and 10% of "
        + "messages lost, fresh news of every member's heartbeat arrives through gossip long "
        + "before that, even from members a node never talks to directly.", 100, 25 * ROUND,
        failures(16, 0.1, 0, 8 * ROUND, 0));
  }

  @Test
  @Order(7)
  @DisplayName("a member rejects a failAfter that is not longer than a round")
  @Hint("detecting-failed-members")
  void argumentsAreChecked() {
    long[][] bad = {{0, 100}, {50, 50}, {50, 10}};
    for (long[] a : bad) {
      try {
        new GossipNode(List.of("n1"), a[0], a[1]);
        fail("new GossipNode([n1], " + a[0] + ", " + a[1] + ") was accepted; expected "
            + "IllegalArgumentException: a round must be at least 1 ms, and failAfterMillis "
            + "longer than a round, or every member looks down between two rounds.");
      } catch (IllegalArgumentException expected) {
        // good
      }
    }
    new GossipNode(List.of("n1"), 50, 51);
  }
}
