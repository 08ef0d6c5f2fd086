package dstutor.sim;

import dstutor.kit.Context;
import dstutor.kit.Node;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A test node that exercises every part of the context: every {@code period} ms it pings a random
 * peer and appends to its disk (fsyncing every other time); it answers pings with pongs and logs.
 */
final class Chatter implements Node {
  record Ping(String from, int n) {}

  record Pong(int n) {}

  private final List<String> peers;
  private final long period;
  private Context ctx;
  private int count;

  Chatter(List<String> peers, long period) {
    this.peers = peers;
    this.period = period;
  }

  @Override
  public void start(Context c) {
    this.ctx = c;
    byte[] before = ctx.disk().read("log");
    ctx.log("booted with " + (before == null ? 0 : before.length) + " bytes on disk");
    ctx.setTimer(period, "tick");
  }

  @Override
  public void onMessage(String from, Object message) {
    if (message instanceof Ping p) {
      ctx.send(from, new Pong(p.n()));
    }
  }

  @Override
  public void onTimer(Object tag) {
    count++;
    ctx.send(peers.get(ctx.random().nextInt(peers.size())), new Ping(ctx.id(), count));
    ctx.disk().append("log", ("entry " + count + " at " + ctx.now() + "\n")
        .getBytes(StandardCharsets.UTF_8));
    if (count % 2 == 0) {
      ctx.disk().fsync();
    }
    ctx.setTimer(period, "tick");
  }

  /** A run with every kind of fault, for determinism checks. */
  static Simulation busyRun(long seed, boolean trace) {
    return busy(new RunPlan(seed, null, 2_000, trace));
  }

  /** The same busy run under any plan (to pin faults or cut it short). */
  static Simulation busy(RunPlan plan) {
    long seed = plan.seed();
    SimConfig config = SimConfig.reliable().withDelay(Delay.exponential(1, 5, 50)).withDrop(0.1)
        .withDuplicate(0.05).withSlow(0.05, 40).withTear(0.5);
    Simulation sim = new Simulation(plan, config);
    List<String> ids = List.of("n1", "n2", "n3", "n4", "n5");
    for (String id : ids) {
      sim.addNode(id, () -> new Chatter(ids, 7));
    }
    SplittableRandom rng = new SplittableRandom(seed);
    Nemesis.clocks(rng, ids, 1000, 500).forEach(sim::schedule);
    Nemesis.crashes(rng, ids, 2, 100, 1500, 300).forEach(sim::schedule);
    Nemesis.partitions(rng, ids, 3, 0, 1800, 200).forEach(sim::schedule);
    for (int i = 0; i < 4; i++) { // crash n1 now and then, often with unsynced writes
      long at = 200 + 400 * i + rng.nextInt(100);
      sim.schedule(new Fault.Crash(at, "n1"));
      sim.schedule(new Fault.Restart(at + 50, "n1"));
    }
    return sim;
  }
}
