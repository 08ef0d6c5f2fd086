import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.sim.Delay;
import dstutor.sim.Fault;
import dstutor.sim.Nemesis;
import dstutor.sim.Outcome;
import dstutor.sim.Scenario;
import dstutor.sim.Shrinker;
import dstutor.sim.SimConfig;
import dstutor.sim.Simulation;
import dstutor.sim.Timeline;
import dstutor.sim.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hidden suite for the heartbeat exercise. Five nodes run the learner's detector with a 20 ms
 * interval and a 100 ms timeout; every 5 ms a probe asks every live node whom it suspects and
 * compares with who is actually up. A failing seed is shrunk and shown as a timeline of the two
 * nodes concerned.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeartbeatSuite {
  private static final long INTERVAL = 20;
  private static final long TIMEOUT = 100;
  private static final long HORIZON = 1_500;
  private static final long PROBE_EVERY = 5;
  private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");
  private static final SimConfig NET = SimConfig.reliable().withDelay(Delay.uniform(1, 15));

  /**
   * What a run looks like: its network, how far clocks drift, its faults, and whether one node
   * never starts at all.
   */
  private record Setup(SimConfig net, long driftPpm, BiConsumer<Simulation, SplittableRandom>
      faults, boolean oneSilent) {
    Setup(SimConfig net, long driftPpm, BiConsumer<Simulation, SplittableRandom> faults) {
      this(net, driftPpm, faults, false);
    }

    /** Longest a crashed node may go unsuspected: timeout + interval + delay, with drift. */
    long detectWithin() {
      return stretch(TIMEOUT + INTERVAL) + net.maxDelay() + 5;
    }

    /** Longest a node that is up may stay suspected after it (re)starts. */
    long clearWithin() {
      return stretch(INTERVAL) + net.maxDelay() + 5;
    }

    private long stretch(long millis) {
      return millis + millis * 2 * driftPpm / 1_000_000 + 1;
    }
  }

  private static Scenario scenario(Setup setup) {
    return plan -> {
      Simulation sim = new Simulation(plan, setup.net());
      SplittableRandom rng = new SplittableRandom(plan.seed());
      String silent = setup.oneSilent() ? NODES.get(rng.nextInt(NODES.size())) : "";
      for (String id : NODES) {
        List<String> peers = new ArrayList<>(NODES);
        peers.remove(id);
        long startAt = id.equals(silent) ? Long.MAX_VALUE / 4 : rng.nextInt(20);
        sim.addNode(id, () -> new HeartbeatDetector(peers, INTERVAL, TIMEOUT), startAt);
      }
      setup.faults().accept(sim, rng);
      String[] problem = new String[3];
      for (long t = PROBE_EVERY; t <= plan.horizon(); t += PROBE_EVERY) {
        sim.at(t, () -> {
          if (problem[0] == null) {
            probe(sim, setup, problem);
          }
        });
      }
      sim.run();
      if (problem[0] == null) {
        return Outcome.passed(sim);
      }
      Set<String> pair = Set.of(problem[1], problem[2]);
      Timeline timeline = Timeline.of(sim.trace()).maxLines(60).filter(e -> concerns(e, pair));
      return Outcome.failed(sim, problem[0], timeline);
    };
  }

  /** Events at or between the observer and the suspect, and faults. */
  private static boolean concerns(TraceEvent e, Set<String> pair) {
    if (e.type() == TraceEvent.Type.NETWORK) {
      return true;
    }
    return pair.contains(e.node()) && (e.peer().isEmpty() || pair.contains(e.peer()));
  }

  /** Compares every live node's suspicions with the truth; records the first problem. */
  private static void probe(Simulation sim, Setup setup, String[] problem) {
    long now = sim.now();
    for (String observer : NODES) {
      if (!sim.isUp(observer)) {
        continue;
      }
      Set<String> suspects = ((FailureDetector) sim.node(observer)).suspects();
      long observerUp = sim.upSince(observer);
      for (String s : suspects) {
        if (!NODES.contains(s) || s.equals(observer)) {
          report(sim, problem, observer, observer, "At " + now + " ms " + observer
              + " suspects " + s + ". A node suspects only its peers, never itself.");
          return;
        }
      }
      for (String peer : NODES) {
        if (peer.equals(observer)) {
          continue;
        }
        boolean suspected = suspects.contains(peer);
        if (sim.isUp(peer)) {
          long up = sim.upSince(peer);
          if (suspected && now > up + setup.clearWithin()) {
            report(sim, problem, observer, peer, "At " + now + " ms " + observer + " suspects "
                + peer + ", which has been up since " + up + " ms and sends a heartbeat every "
                + INTERVAL + " ms that arrives within " + setup.net().maxDelay() + " ms. With a "
                + TIMEOUT + " ms timeout it must not be suspected after " + (up
                + setup.clearWithin()) + " ms.");
            return;
          }
        } else {
          long crashed = sim.downSince(peer); // -1: it never started
          long down = Math.max(crashed, observerUp);
          if (!suspected && now > down + setup.detectWithin()) {
            boolean neverStarted = crashed < 0;
            report(sim, problem, observer, peer, "At " + now + " ms " + observer
                + " does not suspect " + peer + ", which "
                + (neverStarted ? "has never sent a heartbeat" : "crashed at " + crashed + " ms")
                + ". It must be suspected within " + setup.detectWithin()
                + " ms (timeout " + TIMEOUT + " + interval " + INTERVAL + " + delay "
                + setup.net().maxDelay() + (setup.driftPpm() > 0 ? ", allowing for clock drift"
                : "") + ") of " + (down > crashed ? observer + " starting, at " + observerUp
                + " ms." : "that, at " + down + " ms."));
            return;
          }
        }
      }
    }
  }

  private static void report(Simulation sim, String[] problem, String observer, String peer,
      String text) {
    problem[0] = text;
    problem[1] = observer;
    problem[2] = peer;
    sim.flag(observer, text.substring(0, Math.min(text.indexOf('.') + 1, text.length())));
  }

  private static void sweep(String property, Setup setup) {
    for (long seed : Seeds.sweep(100)) {
      Shrinker.Result r = Shrinker.firstFailure(scenario(setup), new long[] {seed}, HORIZON);
      if (r != null) {
        throw Seeds.failure(seed, property + "\n" + r.report(), r.outcome().error());
      }
    }
  }

  @Test
  @Order(1)
  @DisplayName("no node is suspected while its heartbeats arrive within the timeout")
  @Hint("choosing-the-timeout")
  void noFalseSuspicions() {
    // some heartbeats are 50 ms late: still well within the 100 ms timeout
    SimConfig net = NET.withSlow(0.1, 50);
    sweep("A node whose heartbeats keep arriving, some of them late but all within the timeout, "
        + "must never be suspected.", new Setup(net, 0, (sim, rng) -> {}));
  }

  @Test
  @Order(2)
  @DisplayName("a crashed node is suspected by every live node within timeout + interval + delay")
  @Hint("choosing-the-timeout")
  void crashedNodesAreSuspected() {
    sweep("A node that crashed must be suspected by every live node within timeout + interval + "
        + "the largest delay, and stay suspected while it is down.", new Setup(NET, 0,
        (sim, rng) -> Nemesis.crashes(rng, NODES, 2, 100, 1_000, 0).forEach(sim::schedule)));
  }

  @Test
  @Order(3)
  @DisplayName("a node that recovers is no longer suspected once its heartbeats arrive")
  @Hint("suspecting-and-clearing")
  void recoveredNodesAreCleared() {
    sweep("A node that crashed and restarted must stop being suspected as soon as its "
        + "heartbeats arrive again.", new Setup(NET, 0, (sim, rng) -> {
          for (Fault f : Nemesis.crashes(rng, NODES, 2, 100, 700, 0)) {
            sim.schedule(f);
            sim.schedule(new Fault.Restart(f.at() + 200 + rng.nextInt(300),
                ((Fault.Crash) f).node()));
          }
        }));
  }

  @Test
  @Order(4)
  @DisplayName("detection works with clocks hours apart that drift by up to 1%")
  @Hint("timers-not-wall-clocks")
  void clocksMayDisagree() {
    long drift = 10_000;
    sweep("Clocks disagree: each node's clock is up to an hour ahead or behind and runs up to 1% "
        + "fast or slow. Detection must still meet its bounds: compare only readings of the "
        + "same node's clock, and time with timers.", new Setup(NET.withSlow(0.1, 50), drift,
        (sim, rng) -> {
          Nemesis.clocks(rng, NODES, 3_600_000, drift).forEach(sim::schedule);
          Nemesis.crashes(rng, NODES, 1, 100, 1_000, 0).forEach(sim::schedule);
        }));
  }

  @Test
  @Order(5)
  @DisplayName("a peer never heard from is suspected after the timeout; a node never suspects "
      + "itself")
  @Hint("suspecting-and-clearing")
  void silentPeersAreSuspected() {
    sweep("A peer that has never sent a heartbeat (it never started) must be suspected once the "
        + "timeout has passed since this node started.", new Setup(NET, 0, (sim, rng) -> {},
        true));
  }

  @Test
  @Order(6)
  @DisplayName("the detector rejects a timeout that is not longer than the interval")
  @Hint("choosing-the-timeout")
  void argumentsAreChecked() {
    List<String> peers = List.of("n2", "n3");
    long[][] bad = {{20, 20}, {20, 10}, {0, 100}};
    for (long[] it : bad) {
      try {
        new HeartbeatDetector(peers, it[0], it[1]);
        fail("new HeartbeatDetector([n2, n3], " + it[0] + ", " + it[1] + ") was accepted; "
            + "expected IllegalArgumentException: the interval must be at least 1 ms and the "
            + "timeout longer than the interval, or every peer is suspected between heartbeats.");
      } catch (IllegalArgumentException expected) {
        // good
      }
    }
    new HeartbeatDetector(peers, 20, 21);
  }
}
