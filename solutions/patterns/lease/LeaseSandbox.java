import dstutor.kit.Context;
import dstutor.kit.Node;
import dstutor.sim.CheckResult;
import dstutor.sim.Client;
import dstutor.sim.Fault;
import dstutor.sim.Op;
import dstutor.sim.SandboxModel;
import dstutor.sim.Simulation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `dstutor sandbox lease`: three of your holders, h1..h3, asking the grantor g (played here, as
 * in the suite) for a 200 ms lease with a 20 ms margin, a 50,000 ppm drift bound and a request
 * every 50 ms. There is no client: crash, partition, skew and tick, then `check` asks each live
 * holder acting() and compares it with the grants g made, in true time: at most one holder acts,
 * and only before its lease's end less the margin.
 */
public final class LeaseSandbox implements SandboxModel {
  private static final String GRANTOR = "g";
  private static final List<String> HOLDERS = List.of("h1", "h2", "h3");
  private static final long LEASE = 200;
  private static final long MARGIN = 20;
  private static final long DRIFT_PPM = 50_000;
  private static final long RENEW = 50;
  /** How long the grantor waits after a lease ended before it grants another holder. */
  private static final long GUARD = 10;

  /** Per holder, the true time its latest lease from g ends. */
  private final Map<String, Long> trueUntil = new HashMap<>();
  private Simulation sim;

  @Override
  public void build(Simulation sim) {
    this.sim = sim;
    sim.addNode(GRANTOR, Grantor::new);
    for (String id : HOLDERS) {
      sim.addNode(id, () -> new LeaseHolder(GRANTOR, LEASE, MARGIN, DRIFT_PPM, RENEW));
    }
  }

  @Override
  public Set<Op.Kind> operations() {
    return EnumSet.noneOf(Op.Kind.class);
  }

  @Override
  public String target() {
    return null;
  }

  @Override
  public Client.Protocol protocol() {
    return null;
  }

  @Override
  public String describe(String id, Node node) {
    if (node instanceof LeaseHolder h) {
      return (h.acting() ? "acting" : "not acting") + "; g's lease for it ends at "
          + (trueUntil.containsKey(id) ? trueUntil.get(id) + " ms" : "(never granted)");
    }
    return node instanceof Grantor g ? "lease held by " + g.holder + " until " + g.until
        + " on g's clock" : "(down)";
  }

  @Override
  public CheckResult check(Simulation sim, List<Op> ops) {
    List<String> acting = new ArrayList<>();
    for (String h : HOLDERS) {
      if (sim.isUp(h) && ((LeaseHolder) sim.node(h)).acting()) {
        acting.add(h);
        long end = trueUntil.getOrDefault(h, Long.MIN_VALUE);
        if (end == Long.MIN_VALUE) {
          return violation(h + " acts, but g never granted it a lease." + setBack(h));
        } else if (sim.now() >= end - MARGIN) {
          return violation(h + " acts at " + sim.now() + " ms, but its lease from g ends at "
              + end + " ms true time, and it must stop " + MARGIN + " ms before that."
              + setBack(h));
        }
      }
    }
    if (acting.size() > 1) {
      return violation(String.join(" and ", acting) + " act at once: a lease has one holder.");
    }
    return new CheckResult(CheckResult.Verdict.OK, Map.of(), acting.isEmpty()
        ? "no holder acts now" : acting.get(0) + " alone acts, within its lease");
  }

  /**
   * A lease assumes clocks that drift within the bound: a holder's clock set back, or g's set
   * ahead, is outside that model, and the check says so rather than blame the holder.
   */
  private String setBack(String h) {
    Map<String, Long> offset = new HashMap<>();
    for (Fault.Fired f : sim.fired()) {
      if (f.fault() instanceof Fault.Clock c) {
        long before = offset.getOrDefault(c.node(), 0L);
        offset.put(c.node(), c.offset());
        if (c.node().equals(h) && c.offset() < before
            || c.node().equals(GRANTOR) && c.offset() > before) {
          return " (skew set " + c.node() + "'s clock " + (c.node().equals(h) ? "back" : "ahead")
              + " at " + f.time() + " ms: no lease survives a clock that jumps, so this one is"
              + " the skew's doing)";
        }
      }
    }
    return "";
  }

  private static CheckResult violation(String why) {
    return new CheckResult(CheckResult.Verdict.VIOLATION, Map.of(), why);
  }

  /**
   * The grantor the brief describes, as the suite plays it: one holder at a time, a lease measured
   * long enough on g's own clock to cover the drift bound, nothing kept over a crash (so after a
   * restart it answers nobody for a lease period).
   */
  final class Grantor implements Node {
    private Context ctx;
    String holder;
    long until;
    private long quietUntil = Long.MIN_VALUE;

    @Override
    public void start(Context ctx) {
      this.ctx = ctx;
      if (sim.downSince(GRANTOR) >= 0) {
        quietUntil = ctx.now() + (LEASE + GUARD) * (1_000_000 + DRIFT_PPM) / 1_000_000;
      }
    }

    @Override
    public void onMessage(String from, Object message) {
      if (!(message instanceof LeaseRequest r) || ctx.now() < quietUntil) {
        return;
      }
      long now = ctx.now();
      if (holder == null || holder.equals(from) || now >= until + GUARD) {
        holder = from;
        until = now + LEASE * (1_000_000 + DRIFT_PPM) / 1_000_000;
        trueUntil.merge(from, sim.now() + LEASE, Math::max);
        ctx.send(from, new LeaseGranted(r.sentAt(), until));
      }
    }

    @Override
    public void onTimer(Object tag) {}
  }
}
