package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Two runs of one seed must match; a node with its own randomness or a timer loop is named. */
class DeterminismTest {
  /** Pings a random peer every 5 ms, with its randomness from {@code rng} or from its context. */
  static final class Pinger implements Node {
    private final Random own;
    private Context ctx;

    Pinger(Random own) {
      this.own = own;
    }

    @Override
    public void start(Context c) {
      ctx = c;
      ctx.setTimer(5, "tick");
    }

    @Override
    public void onMessage(String from, Object message) {}

    @Override
    public void onTimer(Object tag) {
      int i = own != null ? own.nextInt(4) : ctx.random().nextInt(4);
      ctx.send("n" + (i + 1), "ping");
      ctx.setTimer(5, "tick");
    }
  }

  private static Scenario pingers(boolean ownRandom) {
    return plan -> {
      Simulation sim = new Simulation(plan, SimConfig.reliable());
      for (String id : List.of("n1", "n2", "n3", "n4")) {
        sim.addNode(id, () -> new Pinger(ownRandom ? new Random() : null));
      }
      sim.run();
      return Outcome.passed(sim);
    };
  }

  @Test
  void aNodeDrawingFromItsContextReplaysExactly() {
    assertNull(Determinism.check(pingers(false), RunPlan.of(7, 500)));
  }

  @Test
  void aNodeWithItsOwnRandomIsCaughtAndToldToUseTheContext() {
    String problem = Determinism.check(pingers(true), RunPlan.of(7, 500));
    assertTrue(problem != null && problem.startsWith("The same seed gave two different runs: the"
        + " first run had"), String.valueOf(problem));
    assertTrue(problem.contains("Use ctx.random() and ctx.now() instead"), problem);
    assertTrue(problem.matches("(?s).*\\n  +5 ms  n[1-4] .*"), problem);
  }

  @Test
  void aTimerLoopAtOneMomentIsNamedWithWhatTheNodeDid() {
    Scenario loop = plan -> {
      Simulation sim = new Simulation(plan, SimConfig.reliable());
      sim.addNode("n1", () -> new Node() {
        private Context ctx;

        @Override
        public void start(Context c) {
          ctx = c;
          ctx.setTimer(0, "again");
        }

        @Override
        public void onMessage(String from, Object message) {}

        @Override
        public void onTimer(Object tag) {
          ctx.setTimer(0, "again");
        }
      });
      sim.run();
      return Outcome.passed(sim);
    };
    try {
      loop.run(RunPlan.of(1, 100));
      throw new AssertionError("a timer loop at one moment must stop the run");
    } catch (SimulationException e) {
      assertTrue(e.getMessage().startsWith("n1 set 10001 timers and sent 0 messages within 1 ms"
          + " of simulated time (at 0 ms), the last with delay 0 ms and tag again"),
          e.getMessage());
    }
  }
}
