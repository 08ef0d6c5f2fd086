package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
  /**
   * Property: every ping n1 sends n3 arrives. Around it, five chatty nodes and every kind of
   * fault, so a failing run has dozens of faults of which one or two matter.
   */
  static final Scenario PINGS = plan -> {
    SimConfig config = SimConfig.reliable().withDelay(Delay.uniform(1, 10)).withDrop(0.05)
        .withDuplicate(0.05).withSlow(0.05, 30);
    Simulation sim = new Simulation(plan, config);
    List<String> ids = List.of("n1", "n2", "n3", "n4", "n5");
    List<Long> sent = new ArrayList<>();
    Set<Long> got = new HashSet<>();
    for (String id : ids) {
      sim.addNode(id, () -> new Node() {
        private Context ctx;
        private long n;

        @Override
        public void start(Context c) {
          ctx = c;
          ctx.setTimer(10, "tick");
        }

        @Override
        public void onMessage(String from, Object message) {
          if (ctx.id().equals("n3") && from.equals("n1")) {
            got.add((Long) message);
          }
        }

        @Override
        public void onTimer(Object tag) {
          if (ctx.id().equals("n1")) {
            long ping = sim.now() * 10 + (n++ % 10);
            sent.add(ping);
            ctx.send("n3", ping);
          } else {
            ctx.send(ids.get(ctx.random().nextInt(ids.size())), -1L);
          }
          ctx.setTimer(10, "tick");
        }
      });
    }
    SplittableRandom rng = new SplittableRandom(plan.seed());
    Nemesis.crashes(rng, List.of("n2", "n4", "n5"), 2, 0, 400, 100).forEach(sim::schedule);
    Nemesis.partitions(rng, List.of("n2", "n4", "n5"), 2, 0, 400, 100).forEach(sim::schedule);
    sim.run();
    long due = plan.horizon() - config.maxDelay(); // later pings may still be in flight
    for (long ping : sent) {
      if (ping / 10 <= due && !got.contains(ping)) {
        sim.flag("n3", "ping sent by n1 at " + ping / 10 + " ms never arrived");
        return Outcome.failed(sim, "A ping from n1 to n3 was lost.", Map.of());
      }
    }
    return Outcome.passed(sim);
  };

  @Test
  void aFailingRunShrinksToTheOneFaultThatMattersAndAShorterRun() {
    Shrinker.Result r = Shrinker.firstFailure(PINGS, new long[] {1, 2, 3, 4, 5}, 500);
    assertNotNull(r, "one of five seeds loses a ping");
    assertTrue(r.originalFaults() > 10, "many faults at first: " + r.originalFaults());
    assertEquals(1, r.outcome().faults().size(), r.report());
    Fault left = r.outcome().faults().get(0).fault();
    assertTrue(left instanceof Fault.Drop d && d.from().equals("n1") && d.to().equals("n3")
        || left instanceof Fault.Slow s && s.from().equals("n1"), left.describe());
    assertTrue(r.plan().horizon() < 500, "a shorter run: " + r.plan().horizon());
    assertTrue(r.runs() <= Shrinker.DEFAULT_BUDGET);
    String report = r.report();
    assertTrue(report.startsWith("A ping from n1 to n3 was lost.\nseed " + r.seed()
        + ": shrunk from " + r.originalFaults() + " faults to 1, the run cut from 500 ms to "),
        report);
    assertTrue(report.contains("✗ ping sent by n1"), report);
  }

  @Test
  void shrinkingIsDeterministic() {
    Shrinker.Result a = Shrinker.firstFailure(PINGS, new long[] {1, 2, 3, 4, 5}, 500);
    Shrinker.Result b = Shrinker.firstFailure(PINGS, new long[] {1, 2, 3, 4, 5}, 500);
    assertEquals(a.report(), b.report());
    assertEquals(a.plan(), b.plan());
  }

  @Test
  void aReplayOfTheShrunkPlanFailsTheSameWay() {
    Shrinker.Result r = Shrinker.firstFailure(PINGS, new long[] {1, 2, 3, 4, 5}, 500);
    Outcome again = PINGS.run(r.plan());
    assertEquals(r.outcome(), again);
  }

  @Test
  void clientsTheFailureDoesNotNeedSitTheShrunkRunOut() {
    Scenario c3Writes = plan -> {
      Simulation sim = new Simulation(plan, SimConfig.reliable().withDrop(0.1));
      sim.addNode("s", ClientTest.Store::new);
      for (String id : List.of("c1", "c2", "c3", "c4")) {
        sim.addClient(id, new Client(sim, "s", ClientTest.PROTOCOL,
            (c, i, rng) -> new Client.Step(20, Op.Kind.WRITE, c, c + "." + i), 50));
      }
      sim.run();
      for (Op op : sim.history().ops()) {
        if (op.process().equals("c3") && op.status() == Op.Status.OK) {
          return Outcome.failed(sim, "c3 wrote", Map.of(op.id(), "this one"));
        }
      }
      return Outcome.passed(sim);
    };
    Shrinker.Result r = Shrinker.firstFailure(c3Writes, new long[] {1}, 1_000);
    assertNotNull(r);
    assertEquals(List.of("c3"), r.outcome().clients());
    assertTrue(r.report().contains(", 1 of 4 clients"), r.report());
    assertTrue(r.plan().horizon() < 100, "cut short: " + r.plan().horizon());
  }

  @Test
  void passingSeedsGiveNoResult() {
    Scenario fine = plan -> Outcome.passed(new Simulation(plan, SimConfig.reliable()));
    assertNull(Shrinker.firstFailure(fine, new long[] {1, 2, 3}, 100));
  }

  @Test
  void aNodeThatThrowsIsAFailureWithItsTimeline() {
    Scenario throwing = plan -> {
      Simulation sim = new Simulation(plan, SimConfig.reliable());
      sim.addNode("n", () -> new Node() {
        @Override
        public void start(Context ctx) {
          ctx.log("about to fail");
          ctx.setTimer(30, "boom");
        }

        @Override
        public void onMessage(String from, Object message) {}

        @Override
        public void onTimer(Object tag) {
          throw new IllegalStateException("bug");
        }
      });
      sim.run();
      return Outcome.passed(sim);
    };
    Shrinker.Result r = Shrinker.firstFailure(throwing, new long[] {1}, 100);
    assertNotNull(r);
    assertTrue(r.report().contains("about to fail"), r.report());
    assertTrue(r.report().startsWith(
        "n threw IllegalStateException: bug at 30 ms, in onTimer(boom)\n"), r.report());
  }
}
