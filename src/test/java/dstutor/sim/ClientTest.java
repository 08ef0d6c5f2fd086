package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientTest {
  record Req(long id, Op.Kind kind, String key, String value) {}

  record Resp(long id, String value) {}

  static final Client.Protocol PROTOCOL = new Client.Protocol() {
    @Override
    public Object request(long requestId, Op.Kind kind, String key, String value) {
      return new Req(requestId, kind, key, value);
    }

    @Override
    public Client.Reply reply(Object message) {
      return message instanceof Resp r ? new Client.Reply(r.id(), Op.Status.OK, r.value(), "")
          : null;
    }
  };

  /** A single-node store that ignores requests for key "black-hole". */
  static final class Store implements Node {
    private final Map<String, String> data = new HashMap<>();
    private Context ctx;

    @Override
    public void start(Context c) {
      ctx = c;
    }

    @Override
    public void onMessage(String from, Object message) {
      Req r = (Req) message;
      if (r.key().equals("black-hole")) {
        return;
      }
      if (r.kind() == Op.Kind.WRITE) {
        data.put(r.key(), r.value());
      }
      ctx.send(from, new Resp(r.id(), data.get(r.key())));
    }

    @Override
    public void onTimer(Object tag) {}
  }

  @Test
  void runsItsWorkloadOneRequestAtATimeAndRecordsTheHistory() {
    Simulation sim = new Simulation(new RunPlan(1, null, 1_000, true), SimConfig.reliable());
    sim.addNode("s", Store::new);
    List<Client.Step> steps = List.of(
        new Client.Step(5, Op.Kind.WRITE, "k", "v1"),
        new Client.Step(5, Op.Kind.READ, "k", null),
        new Client.Step(5, Op.Kind.WRITE, "black-hole", "x"),
        new Client.Step(5, Op.Kind.READ, "k", null));
    Client c = new Client(sim, "s", PROTOCOL,
        (id, i, rng) -> i < steps.size() ? steps.get(i) : null, 100);
    sim.addClient("c1", c);
    sim.run();
    List<Op> ops = sim.history().ops();
    assertEquals(4, ops.size());
    assertEquals("put ok", ops.get(0).outcomeText());
    assertEquals("get = v1", ops.get(1).outcomeText());
    assertEquals("put unknown (no reply within 100 ms)", ops.get(2).outcomeText());
    assertEquals(List.of(2), c.unanswered());
    assertEquals("get = v1", ops.get(3).outcomeText());
    assertTrue(ops.get(3).callTime() >= ops.get(2).retTime(), "one request at a time");
    assertEquals(CheckResult.Verdict.OK, new LinearizabilityChecker().check(ops).verdict());
    String timeline = Timeline.of(sim.trace()).render();
    assertTrue(timeline.contains("c1      put(k, v1)"), timeline);
    assertTrue(timeline.contains("c1      get = v1"), timeline);
  }

  @Test
  void anIdleClientDoesNothing() {
    RunPlan plan = new RunPlan(1, null, 1_000, false).withIdle(java.util.Set.of("c2"));
    Simulation sim = new Simulation(plan, SimConfig.reliable());
    sim.addNode("s", Store::new);
    for (String id : List.of("c1", "c2")) {
      sim.addClient(id, new Client(sim, "s", PROTOCOL,
          (c, i, rng) -> i < 3 ? new Client.Step(1, Op.Kind.WRITE, c, c + i) : null, 100));
    }
    sim.run();
    assertEquals(List.of("c1"), sim.activeClients());
    assertEquals(3, sim.history().size());
    assertTrue(sim.history().ops().stream().allMatch(op -> op.process().equals("c1")));
  }

  record CasReq(long id, Op.Kind kind, String key, String expected, String value) {}

  record CasResp(long id, String value, boolean differed) {}

  static final Client.Protocol CAS_PROTOCOL = new Client.Protocol() {
    @Override
    public Object request(long requestId, Op.Kind kind, String key, String value) {
      return new CasReq(requestId, kind, key, null, value);
    }

    @Override
    public Object request(long requestId, Op.Kind kind, String key, String expected,
        String value) {
      return new CasReq(requestId, kind, key, expected, value);
    }

    @Override
    public Client.Reply reply(Object message) {
      if (!(message instanceof CasResp r)) {
        return null;
      }
      return r.differed() ? Client.Reply.differed(r.id())
          : new Client.Reply(r.id(), Op.Status.OK, r.value(), "");
    }
  };

  /** A register with compare-and-set; {@code broken} swaps whatever the value is. */
  static final class CasStore implements Node {
    private final boolean broken;
    private final Map<String, String> data = new HashMap<>();
    private Context ctx;

    CasStore(boolean broken) {
      this.broken = broken;
    }

    @Override
    public void start(Context c) {
      ctx = c;
    }

    @Override
    public void onMessage(String from, Object message) {
      CasReq r = (CasReq) message;
      String now = data.get(r.key());
      boolean differed = false;
      if (r.kind() == Op.Kind.CAS) {
        if (broken || java.util.Objects.equals(now, r.expected())) {
          data.put(r.key(), r.value());
        } else {
          differed = true;
        }
      } else if (r.kind() == Op.Kind.WRITE) {
        data.put(r.key(), r.value());
      }
      ctx.send(from, new CasResp(r.id(), data.get(r.key()), differed));
    }

    @Override
    public void onTimer(Object tag) {}
  }

  private static Simulation casRun(boolean broken) {
    Simulation sim = new Simulation(new RunPlan(3, null, 1_000, true), SimConfig.reliable());
    sim.addNode("s", () -> new CasStore(broken));
    // Each client takes the lock "l" from (none) to itself, reads it, and gives it back.
    for (String id : List.of("c1", "c2")) {
      List<Client.Step> steps = List.of(
          Client.Step.cas(id.equals("c1") ? 1 : 2, "l", null, id),
          new Client.Step(5, Op.Kind.READ, "l", null),
          Client.Step.cas(5, "l", id, null));
      sim.addClient(id, new Client(sim, "s", CAS_PROTOCOL,
          (c, i, rng) -> i < steps.size() ? steps.get(i) : null, 100));
    }
    sim.run();
    return sim;
  }

  @Test
  void aCasIsRecordedAsSwappedOrAsValueDifferedAndChecked() {
    Simulation sim = casRun(false);
    List<Op> ops = sim.history().ops();
    assertEquals(6, ops.size());
    long swapped = ops.stream().filter(o -> o.isCas() && o.swapped()).count();
    long differed = ops.stream()
        .filter(o -> o.outcomeText().equals("cas failed: value differed")).count();
    assertTrue(swapped >= 2 && differed >= 1, ops.toString());
    assertTrue(ops.stream().anyMatch(o -> o.callText().equals("cas(l, (none), c1)")),
        ops.toString());
    assertEquals(CheckResult.Verdict.OK, new LinearizabilityChecker().check(ops).verdict());
  }

  @Test
  void aStoreThatSwapsWhateverTheValueIsNotLinearizable() {
    List<Op> ops = casRun(true).history().ops();
    assertTrue(ops.stream().filter(o -> o.isCas() && o.swapped()).count() >= 3, ops.toString());
    assertEquals(CheckResult.Verdict.VIOLATION, new LinearizabilityChecker().check(ops).verdict());
  }

  @Test
  void aStepCarriesAnExpectedValueOnlyForACas() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Client.Step(0, Op.Kind.WRITE, "k", "x", "y"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Client.Reply(1, Op.Status.FAIL, null, "", true));
  }

  @Test
  void aProtocolWithoutCasSaysHowToAddIt() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
        () -> PROTOCOL.request(1, Op.Kind.CAS, "k", null, "v"));
    assertTrue(e.getMessage().contains("override request(requestId, kind, key, expected, value)"),
        e.getMessage());
  }
}
