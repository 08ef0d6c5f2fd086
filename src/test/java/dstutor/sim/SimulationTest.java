package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.kit.Context;
import dstutor.kit.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SimulationTest {
  /** A node whose behaviour is given by lambdas; records what it received. */
  static final class Script implements Node {
    Context ctx;
    final List<Object> got = new ArrayList<>();
    final List<Long> gotAt = new ArrayList<>();
    final List<Object> timers = new ArrayList<>();
    Consumer<Script> onStart = s -> {};
    BiConsumer<Script, Object> onMessage = (s, m) -> {};

    @Override
    public void start(Context c) {
      ctx = c;
      onStart.accept(this);
    }

    @Override
    public void onMessage(String from, Object message) {
      got.add(message);
      gotAt.add(ctx.now());
      onMessage.accept(this, message);
    }

    @Override
    public void onTimer(Object tag) {
      timers.add(tag);
    }
  }

  private static Simulation sim(SimConfig config, long horizon) {
    return new Simulation(new RunPlan(1, null, horizon, true), config);
  }

  /** n1 sends {@code count} numbered messages to n2 at start; returns n2's script. */
  private static Script flood(Simulation sim, int count) {
    Script receiver = new Script();
    sim.addNode("n1", () -> {
      Script s = new Script();
      s.onStart = me -> {
        for (int i = 0; i < count; i++) {
          me.ctx.send("n2", i);
        }
      };
      return s;
    });
    sim.addNode("n2", () -> receiver);
    return receiver;
  }

  // ---- determinism ----

  @Test
  void sameSeedGivesTheSameTraceAndAnotherSeedDoesNot() {
    Simulation a = Chatter.busyRun(42, true);
    Simulation b = Chatter.busyRun(42, true);
    Simulation c = Chatter.busyRun(43, true);
    a.run();
    b.run();
    c.run();
    assertTrue(a.trace().size() > 1000, "a busy run: " + a.trace().size());
    assertEquals(a.trace().fingerprint(), b.trace().fingerprint());
    assertEquals(a.trace().events(), b.trace().events());
    assertNotEquals(a.trace().fingerprint(), c.trace().fingerprint());
    Set<TraceEvent.Type> seen = new HashSet<>();
    a.trace().events().forEach(e -> seen.add(e.type()));
    for (TraceEvent.Type t : List.of(TraceEvent.Type.DROP, TraceEvent.Type.CRASH,
        TraceEvent.Type.RESTART, TraceEvent.Type.NETWORK, TraceEvent.Type.CLOCK,
        TraceEvent.Type.TIMER, TraceEvent.Type.LOG, TraceEvent.Type.DELIVER)) {
      assertTrue(seen.contains(t), "the run exercises " + t);
    }
  }

  @Test
  void sameSeedGivesTheSameTraceAndTheSameShrunkRunInAnotherJvm()
      throws IOException, InterruptedException {
    Simulation here = Chatter.busyRun(42, true);
    here.run();
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        TraceMain.class.getName(), "42").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), out);
    assertEquals(here.trace().fingerprint() + " " + here.trace().size() + " "
        + TraceMain.shrunkDigest(), out);
  }

  @Test
  void tracingDoesNotChangeTheRun() {
    Simulation traced = Chatter.busyRun(5, true);
    Simulation plain = Chatter.busyRun(5, false);
    traced.run();
    plain.run();
    assertNull(plain.trace());
    assertEquals(traced.deliveries(), plain.deliveries());
    assertEquals(traced.fired(), plain.fired());
  }

  @Test
  void pinningTheFiredFaultsReplaysTheRunAndNoFaultsMeansNone() {
    Simulation first = Chatter.busyRun(9, true);
    first.run();
    Set<Fault> fired = new HashSet<>();
    first.fired().forEach(f -> fired.add(f.fault()));
    assertTrue(fired.size() > 20, "faults fired: " + fired.size());

    Simulation pinned = Chatter.busy(first.plan().withAllowed(fired));
    pinned.run();
    assertEquals(first.trace().fingerprint(), pinned.trace().fingerprint());

    Simulation none = Chatter.busy(first.plan().withAllowed(Set.of()));
    none.run();
    assertEquals(List.of(), none.fired());
  }

  // ---- network ----

  @Test
  void delaysStayWithinTheDistribution() {
    Simulation sim = sim(SimConfig.reliable().withDelay(Delay.uniform(3, 8)), 1_000);
    Script r = flood(sim, 2_000);
    sim.run();
    assertEquals(2_000, r.got.size());
    assertEquals(3L, r.gotAt.stream().mapToLong(x -> x).min().getAsLong());
    assertEquals(8L, r.gotAt.stream().mapToLong(x -> x).max().getAsLong());
  }

  @Test
  void dropsAndDuplicatesHappenAtAboutTheirRates() {
    Simulation sim = sim(SimConfig.reliable().withDrop(0.2).withDuplicate(0.1), 1_000);
    Script r = flood(sim, 10_000);
    sim.run();
    long drops = sim.fired().stream().filter(f -> f.fault() instanceof Fault.Drop).count();
    long dups = sim.fired().stream().filter(f -> f.fault() instanceof Fault.Duplicate).count();
    assertTrue(Math.abs(drops - 2_000) < 200, "drops " + drops);
    assertTrue(Math.abs(dups - 800) < 150, "duplicates " + dups);
    assertEquals(10_000 - drops + dups, r.got.size());
  }

  @Test
  void linksAreFifoUnlessReorderingIsOn() {
    Simulation fifo = sim(SimConfig.reliable().withDelay(Delay.uniform(1, 50))
        .withReorder(false), 1_000);
    Script inOrder = flood(fifo, 500);
    fifo.run();
    for (int i = 0; i < 500; i++) {
      assertEquals(i, inOrder.got.get(i));
    }
    Simulation any = sim(SimConfig.reliable().withDelay(Delay.uniform(1, 50)), 1_000);
    Script reordered = flood(any, 500);
    any.run();
    assertEquals(500, reordered.got.size());
    assertNotEquals(inOrder.got, reordered.got);
  }

  @Test
  void partitionsCutBothWaysBlocksOneWayAndHealRestores() {
    Simulation sim = sim(SimConfig.reliable().withDelay(Delay.constant(1)), 1_000);
    List<Script> nodes = new ArrayList<>();
    for (String id : List.of("a", "b", "c")) {
      Script s = new Script();
      nodes.add(s);
      sim.addNode(id, () -> s);
    }
    Runnable everyoneTalks = () -> {
      for (Script s : nodes) {
        for (String to : List.of("a", "b", "c")) {
          if (!to.equals(s.ctx.id())) {
            s.ctx.send(to, s.ctx.id() + ">" + to + "@" + sim.now());
          }
        }
      }
    };
    sim.schedule(new Fault.Partition(10, List.of("a")));
    sim.at(20, everyoneTalks);
    sim.schedule(new Fault.Heal(30));
    sim.schedule(new Fault.Block(40, "b", "c"));
    sim.at(50, everyoneTalks);
    sim.schedule(new Fault.Heal(60));
    sim.at(70, everyoneTalks);
    sim.run();
    assertEquals(List.of("b>a@50", "c>a@50", "b>a@70", "c>a@70"), nodes.get(0).got);
    assertEquals(List.of("c>b@20", "a>b@50", "c>b@50", "a>b@70", "c>b@70"), nodes.get(1).got);
    assertEquals(List.of("b>c@20", "a>c@50", "a>c@70", "b>c@70"), nodes.get(2).got);
  }

  @Test
  void clientsAreOutsideTheFaultModel() {
    Simulation sim = sim(SimConfig.reliable().withDrop(1.0), 1_000);
    Script server = new Script();
    sim.addNode("s", () -> server);
    Script client = new Script();
    client.onStart = me -> me.ctx.send("s", "hello");
    sim.addClient("c", client);
    sim.schedule(new Fault.Partition(0, List.of("s")));
    sim.run();
    assertEquals(List.of("hello"), server.got);
  }

  // ---- crashes, restarts, disks ----

  @Test
  void crashLosesMemoryTimersAndUnsyncedWritesAndRestartBootsAFreshNode() {
    Simulation sim = sim(SimConfig.reliable(), 1_000);
    List<Script> incarnations = new ArrayList<>();
    sim.addNode("n", () -> {
      Script s = new Script();
      s.onStart = me -> {
        byte[] kept = me.ctx.disk().read("f");
        me.ctx.log("found " + (kept == null ? "nothing" : new String(kept,
            StandardCharsets.UTF_8)));
        me.ctx.disk().write("f", "synced".getBytes(StandardCharsets.UTF_8));
        me.ctx.disk().fsync();
        me.ctx.disk().append("f", "+unsynced".getBytes(StandardCharsets.UTF_8));
        me.ctx.setTimer(100, "late");
      };
      incarnations.add(s);
      return s;
    });
    sim.addNode("peer", Script::new);
    sim.schedule(new Fault.Crash(50, "n"));
    sim.schedule(new Fault.Restart(70, "n"));
    sim.run();
    assertEquals(2, incarnations.size(), "a fresh object after the restart");
    assertEquals(List.of(), incarnations.get(0).timers, "the first incarnation's timer died");
    assertEquals(List.of("late"), incarnations.get(1).timers);
    List<String> logs = new ArrayList<>();
    sim.trace().events().stream().filter(e -> e.type() == TraceEvent.Type.LOG)
        .forEach(e -> logs.add((String) e.detail()));
    assertEquals(List.of("found nothing", "found synced"), logs);
  }

  @Test
  void messagesToADownNodeAreDropped() {
    Simulation sim = sim(SimConfig.reliable().withDelay(Delay.constant(5)), 1_000);
    Script receiver = flood(sim, 3);
    sim.schedule(new Fault.Crash(1, "n2"));
    sim.run();
    assertEquals(List.of(), receiver.got);
    assertEquals(3, sim.trace().events().stream()
        .filter(e -> e.type() == TraceEvent.Type.DROP && e.note().contains("n2 is down")).count());
  }

  // ---- pauses ----

  @Test
  void aPausedNodeHandlesNothingThenGetsItsQueueInOrderAndItsTimersLate() {
    Simulation sim = sim(SimConfig.reliable().withDelay(Delay.constant(5)), 1_000);
    Script receiver = flood(sim, 3); // n1 sends 0, 1, 2 at 0 ms; they arrive at 5 ms
    receiver.onStart = me -> me.ctx.setTimer(20, "t");
    boolean[] pausedAt = new boolean[3];
    sim.at(1, () -> pausedAt[0] = sim.isPaused("n2"));
    sim.at(3, () -> pausedAt[1] = sim.isPaused("n2"));
    sim.at(102, () -> pausedAt[2] = sim.isPaused("n2"));
    sim.schedule(new Fault.Pause(2, "n2", 100));
    sim.runUntil(101);
    assertEquals(List.of(), receiver.got, "a paused node handles no message");
    assertEquals(List.of(), receiver.timers, "and no timer");
    assertEquals(101, receiver.ctx.now(), "its clock keeps running");
    sim.runUntil(102);
    assertEquals(List.of(0, 1, 2), receiver.got, "the held messages, in arrival order");
    assertEquals(List.of(102L, 102L, 102L), receiver.gotAt);
    assertEquals(List.of("t"), receiver.timers, "the timer due at 20 ms fires late");
    assertArrayEquals(new boolean[] {false, true, false}, pausedAt);
    List<String> lines = new ArrayList<>();
    sim.trace().events().stream().filter(e -> e.node().equals("n2"))
        .forEach(e -> lines.add(Timeline.line(e).strip()));
    assertTrue(lines.contains("2 ms  n2      FAULT: pause n2 for 100 ms"), lines.toString());
    assertTrue(lines.contains("102 ms  n2      resumes after a pause of 100 ms: late timers and"
        + " held messages follow"), lines.toString());
    assertEquals(List.of(new Fault.Fired(new Fault.Pause(2, "n2", 100), 2)), sim.fired());
  }

  @Test
  void overlappingPausesEndAtTheLaterEndAndACrashEndsAPause() {
    Simulation sim = sim(SimConfig.reliable().withDelay(Delay.constant(5)), 1_000);
    Script receiver = flood(sim, 1);
    sim.schedule(new Fault.Pause(1, "n2", 50));
    sim.schedule(new Fault.Pause(20, "n2", 60)); // until 80, past the first one's 51
    sim.runUntil(79);
    assertEquals(List.of(), receiver.got);
    sim.runUntil(80);
    assertEquals(List.of(0), receiver.got);

    List<Script> incarnations = new ArrayList<>();
    Simulation crashed = sim(SimConfig.reliable().withDelay(Delay.constant(5)), 1_000);
    crashed.addNode("n", () -> {
      Script s = new Script();
      s.onStart = me -> me.ctx.setTimer(10, "t");
      incarnations.add(s);
      return s;
    });
    crashed.schedule(new Fault.Pause(1, "n", 500));
    crashed.schedule(new Fault.Crash(5, "n"));
    crashed.schedule(new Fault.Restart(6, "n"));
    crashed.runUntil(16);
    assertEquals(2, incarnations.size());
    assertEquals(List.of("t"), incarnations.get(1).timers, "the new incarnation is not paused");
    assertEquals(List.of(), incarnations.get(0).timers);
    assertTrue(!crashed.isPaused("n"));
    crashed.schedule(new Fault.Crash(20, "n"));
    crashed.schedule(new Fault.Pause(30, "n", 10)); // a down node: nothing happens
    crashed.run();
    assertEquals(1, crashed.fired().stream().filter(f -> f.fault() instanceof Fault.Pause)
        .count(), "the pause of a down node does not fire");
  }

  @Test
  void aPauseIsAValidatedFaultThatAPlanCanLeaveOut() {
    assertThrows(IllegalArgumentException.class, () -> new Fault.Pause(0, "n", 0));
    assertEquals("pause n for 7 ms", new Fault.Pause(0, "n", 7).describe());
    Simulation sim = new Simulation(new RunPlan(1, java.util.Set.of(), 1_000, false),
        SimConfig.reliable().withDelay(Delay.constant(5)));
    Script receiver = flood(sim, 1);
    sim.schedule(new Fault.Pause(1, "n2", 500));
    sim.runUntil(5);
    assertEquals(List.of(0), receiver.got, "a plan that allows no fault runs without the pause");
  }

  // ---- clocks ----

  @Test
  void clocksHaveOffsetAndDriftAndTimersRunOnTheLocalClock() {
    Simulation sim = sim(SimConfig.reliable(), 100_000);
    long[] readings = new long[2];
    Script s = new Script();
    sim.addNode("n", () -> s);
    sim.schedule(new Fault.Clock(0, "n", 5_000, 10_000)); // 5 s ahead, 1% fast
    s.onStart = me -> me.ctx.setTimer(10_100, "t");
    sim.at(10_000, () -> readings[0] = sim.clockOf("n"));
    sim.runUntil(9_999);
    assertEquals(List.of(), s.timers);
    sim.runUntil(10_000);
    assertEquals(List.of("t"), s.timers, "10,100 ms of a 1% fast clock is 10,000 ms");
    readings[1] = s.ctx.now();
    assertArrayEquals(new long[] {15_100, 15_100}, readings);
  }

  // ---- code that misbehaves ----

  @Test
  void anExceptionInANodeNamesTheNodeTimeAndCall() {
    Simulation sim = sim(SimConfig.reliable().withDelay(Delay.constant(3)), 1_000);
    sim.addNode("n1", () -> {
      Script s = new Script();
      s.onStart = me -> me.ctx.send("n2", "boom");
      return s;
    });
    Script bad = new Script();
    bad.onMessage = (me, m) -> {
      throw new IllegalStateException("cannot handle " + m);
    };
    sim.addNode("n2", () -> bad);
    SimulationException e = assertThrows(SimulationException.class, sim::run);
    assertEquals("n2 threw IllegalStateException: cannot handle boom at 3 ms, in "
        + "onMessage(n1, boom)", e.getMessage());
    assertTrue(e.trace().size() > 0);
  }

  @Test
  void runawayCodeHitsTheEventBudget() {
    Simulation sim = sim(SimConfig.reliable(), 1_000_000);
    sim.setMaxEvents(10_000);
    Script echo = new Script();
    echo.onStart = me -> me.ctx.send("n", "ping");
    echo.onMessage = (me, m) -> {
      me.ctx.send("n", m);
      me.ctx.send("n", m);
    };
    sim.addNode("n", () -> echo);
    SimulationException e = assertThrows(SimulationException.class, sim::run);
    assertTrue(e.getMessage().startsWith("more than 10000 events"), e.getMessage());
  }

  @Test
  void sendingToAnUnknownNodeIsAnError() {
    Simulation sim = sim(SimConfig.reliable(), 1_000);
    Script s = new Script();
    s.onStart = me -> me.ctx.send("nobody", "hi");
    sim.addNode("n", () -> s);
    SimulationException e = assertThrows(SimulationException.class, sim::run);
    assertTrue(e.getMessage().contains("unknown node: nobody"), e.getMessage());
  }

  @Test
  void aConstructorThatThrowsIsNamedAsSuch() {
    Simulation sim = sim(SimConfig.reliable(), 1_000);
    sim.addNode("n", () -> {
      throw new UnsupportedOperationException("TODO: constructor");
    });
    SimulationException e = assertThrows(SimulationException.class, sim::run);
    assertEquals("n threw UnsupportedOperationException: TODO: constructor at 0 ms, in its "
        + "constructor", e.getMessage());
    assertTrue(e.getCause() instanceof UnsupportedOperationException);
  }

  @Test
  void aProbeThatTripsOverANodeCarriesTheNodesException() {
    Simulation sim = sim(SimConfig.reliable(), 1_000);
    sim.addNode("n", Script::new);
    sim.at(10, () -> {
      throw new IllegalStateException("not ready");
    });
    SimulationException e = assertThrows(SimulationException.class, sim::run);
    assertEquals("a call into a node at 10 ms threw IllegalStateException: not ready",
        e.getMessage());
    assertTrue(e.getCause() instanceof IllegalStateException);
  }

  @Test
  void stopEndsTheRunAfterTheCurrentEventAndRunCarriesOn() {
    Simulation sim = sim(SimConfig.reliable(), 1_000);
    Script s = new Script();
    sim.addNode("n", () -> s);
    sim.at(100, sim::stop);
    sim.at(200, () -> s.timers.add("later"));
    sim.run();
    assertEquals(100, sim.now());
    assertEquals(List.of(), s.timers);
    sim.run();
    assertEquals(1_000, sim.now());
    assertEquals(List.of("later"), s.timers);
  }

  @Test
  void upAndDownTimesFollowStartsCrashesAndRestarts() {
    Simulation sim = sim(SimConfig.reliable(), 1_000);
    sim.addNode("n", Script::new, 5);
    sim.addNode("late", Script::new, 5_000);
    sim.schedule(new Fault.Crash(50, "n"));
    sim.schedule(new Fault.Restart(80, "n"));
    sim.runUntil(60);
    assertEquals(5, sim.upSince("n"));
    assertEquals(50, sim.downSince("n"));
    assertTrue(!sim.isUp("n"));
    sim.run();
    assertEquals(80, sim.upSince("n"));
    assertTrue(sim.isUp("n"));
    assertEquals(-1, sim.upSince("late"));
    assertEquals(-1, sim.downSince("late"));
  }

  @Test
  void cancelledTimersDoNotFire() {
    Simulation sim = sim(SimConfig.reliable(), 1_000);
    Script s = new Script();
    s.onStart = me -> {
      long t = me.ctx.setTimer(10, "cancelled");
      me.ctx.setTimer(20, "kept");
      me.ctx.cancelTimer(t);
    };
    sim.addNode("n", () -> s);
    sim.run();
    assertEquals(List.of("kept"), s.timers);
  }
}
