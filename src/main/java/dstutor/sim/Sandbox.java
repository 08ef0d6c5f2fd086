package dstutor.sim;

import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An interactive run of an exercise's cluster: the learner types client operations and faults,
 * and time moves only when they say so ({@code tick}) or while an operation waits for its reply.
 * The same seed and the same commands give the same run, so {@link #script()} replays it.
 */
public final class Sandbox {
  /** The name of the sandbox's client node. */
  public static final String CLIENT = "client";
  private static final long HORIZON = Long.MAX_VALUE / 4;

  private final SandboxModel model;
  private final long seed;
  private final Simulation sim;
  private final Client.Protocol protocol;
  private final Talker client;
  private final List<String> script = new ArrayList<>();

  public Sandbox(SandboxModel model, long seed) {
    this.model = model;
    this.seed = seed;
    this.protocol = model.protocol();
    this.sim = new Simulation(new RunPlan(seed, null, HORIZON, true), model.network());
    model.build(sim);
    this.client = new Talker();
    if (!model.operations().isEmpty()) {
      sim.addClient(CLIENT, client);
    }
    sim.runUntil(0);
  }

  public long seed() {
    return seed;
  }

  /** The commands run so far, in order (not the mistaken ones): a replayable script. */
  public List<String> script() {
    return List.copyOf(script);
  }

  /** The nodes, the client last. */
  public List<String> nodes() {
    return sim.ids();
  }

  /** What the commands are, one per line. */
  public String help() {
    StringBuilder ops = new StringBuilder();
    for (Op.Kind k : model.operations()) {
      ops.append(switch (k) {
        case READ -> "  get KEY                 read KEY through " + model.target() + "\n";
        case WRITE -> "  put KEY VALUE           write VALUE under KEY\n";
        case CAS -> "  cas KEY OLD NEW         set KEY to NEW if it holds OLD (- for none)\n";
        case APPEND -> "  append KEY VALUE        append VALUE to KEY\n";
      });
    }
    return ops
        + "  partition A B | C       cut A and B off from the others (| marks the sides)\n"
        + "  heal                    end every partition\n"
        + "  crash N / restart N     crash a node (memory lost) / start it again\n"
        + "  skew N +5s              set N's clock ahead (or behind, -2s) of true time\n"
        + "  drop 10%                lose that share of messages between nodes from now on\n"
        + "  tick 100ms              let time pass (s and ms; plain numbers are ms)\n"
        + "  timeline [N]            the last events (N lines, default 40)\n"
        + "  state N                 what node N holds\n"
        + "  check                   the exercise's checker on the operations so far\n"
        + "  nodes                   the nodes and whether they are up\n";
  }

  /**
   * Runs one command and returns what to show. A mistake in the command is an {@link
   * IllegalArgumentException} whose message says what was expected.
   */
  public String execute(String line) {
    List<String> w = new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
    if (w.isEmpty() || w.get(0).isEmpty()) {
      return "";
    }
    String cmd = w.get(0).toLowerCase(Locale.ROOT);
    String out;
    switch (cmd) {
      case "get" -> out = operation(Op.Kind.READ, arg(w, 1, "get KEY"), null, null, w, 2);
      case "put" -> out = operation(Op.Kind.WRITE, arg(w, 1, "put KEY VALUE"), null,
          arg(w, 2, "put KEY VALUE"), w, 3);
      case "append" -> out = operation(Op.Kind.APPEND, arg(w, 1, "append KEY VALUE"), null,
          arg(w, 2, "append KEY VALUE"), w, 3);
      case "cas" -> {
        String old = arg(w, 2, "cas KEY OLD NEW");
        out = operation(Op.Kind.CAS, arg(w, 1, "cas KEY OLD NEW"), old.equals("-") ? null : old,
            arg(w, 3, "cas KEY OLD NEW"), w, 4);
      }
      case "partition" -> out = partition(w);
      case "heal" -> {
        exact(w, 1, "heal");
        out = fault(new Fault.Heal(sim.now()));
      }
      case "crash" -> out = fault(new Fault.Crash(sim.now(), node(w, "crash N")));
      case "restart" -> out = fault(new Fault.Restart(sim.now(), node(w, "restart N")));
      case "skew" -> {
        String n = node(w, "skew N +5s", 3);
        out = fault(new Fault.Clock(sim.now(), n, millis(arg(w, 2, "skew N +5s"), true), 0));
      }
      case "drop" -> out = drop(w);
      case "tick" -> {
        exact(w, 2, "tick 100ms");
        long ms = millis(w.get(1), false);
        if (ms <= 0) {
          throw new IllegalArgumentException("tick needs a positive time, such as tick 100ms");
        }
        sim.runUntil(sim.now() + ms);
        out = "now " + sim.now() + " ms";
      }
      case "timeline" -> {
        int n = w.size() > 1 ? (int) number(w.get(1), "timeline [N]") : 40;
        out = Timeline.of(sim.trace()).maxLines(Math.max(5, n)).render().stripTrailing();
      }
      case "state" -> {
        String n = node(w, "state N");
        out = n + (sim.isUp(n) ? "" : " (down)") + ": " + model.describe(n, sim.node(n));
      }
      case "check" -> {
        exact(w, 1, "check");
        out = check();
      }
      case "nodes" -> {
        StringBuilder b = new StringBuilder();
        for (String id : sim.ids()) {
          b.append(id).append(sim.isUp(id) ? "  up" : "  down").append('\n');
        }
        out = b.toString().stripTrailing();
      }
      default -> throw new IllegalArgumentException("no command '" + w.get(0) + "'; `help`"
          + " lists them");
    }
    script.add(String.join(" ", w));
    return out;
  }

  private String operation(Op.Kind kind, String key, String expected, String value,
      List<String> w, int words) {
    exact(w, words, w.get(0) + " ...");
    if (!model.operations().contains(kind)) {
      throw new IllegalArgumentException("this exercise has no " + w.get(0) + "; `help` lists"
          + " its operations");
    }
    int id = client.issue(kind, key, expected, value);
    long start = sim.now();
    sim.runUntil(sim.now() + model.timeoutMillis() + 1);
    Op op = sim.history().get(id);
    return op.callText() + " -> " + op.outcomeText() + "  (" + (sim.now() - start) + " ms, now "
        + sim.now() + " ms)";
  }

  private String partition(List<String> w) {
    List<String> side = new ArrayList<>();
    boolean bar = false;
    for (String s : w.subList(1, w.size())) {
      if (s.equals("|")) {
        bar = true;
        break;
      }
      side.add(known(s));
    }
    if (side.isEmpty()) {
      throw new IllegalArgumentException("partition needs the nodes of one side: partition A B"
          + " | C (nodes: " + String.join(", ", sim.ids()) + ")");
    }
    int at = w.indexOf("|");
    if (bar) {
      for (String s : w.subList(at + 1, w.size())) {
        known(s);
      }
    }
    return fault(new Fault.Partition(sim.now(), side));
  }

  private String drop(List<String> w) {
    exact(w, 2, "drop 10%");
    String p = w.get(1).endsWith("%") ? w.get(1).substring(0, w.get(1).length() - 1) : w.get(1);
    double rate = number(p, "drop 10%") / 100.0;
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("drop takes 0% to 100%");
    }
    sim.reconfigure(sim.config().withDrop(rate));
    return "from now on " + w.get(1) + (w.get(1).endsWith("%") ? "" : "%")
        + " of messages between nodes are lost";
  }

  private String fault(Fault f) {
    sim.schedule(f);
    sim.runUntil(sim.now());
    return f.describe() + " at " + sim.now() + " ms";
  }

  private String check() {
    List<Op> ops = sim.history().ops();
    if (ops.isEmpty() && !model.operations().isEmpty()) {
      return "no operations yet: put and get first";
    }
    CheckResult r = model.check(sim, ops);
    if (r.isOk()) {
      return ops.isEmpty() ? "ok: " + (r.explanation().isEmpty() ? "the property holds so far"
          : r.explanation()) : "ok: the " + ops.size() + " operations so far are consistent";
    }
    String timeline = Timeline.of(sim.trace()).marks(r.marks()).render();
    StringBuilder b = new StringBuilder();
    b.append(r.isViolation() ? "VIOLATION: " : "could not decide: ").append(r.explanation())
        .append('\n');
    for (Map.Entry<Integer, String> m : r.marks().entrySet()) {
      Op op = sim.history().get(m.getKey());
      b.append("  ").append(op.process()).append(' ').append(op.callText()).append(" -> ")
          .append(op.outcomeText()).append(": ").append(m.getValue()).append('\n');
    }
    return b.append(timeline).toString().stripTrailing();
  }

  private static String arg(List<String> w, int i, String usage) {
    if (w.size() <= i) {
      throw new IllegalArgumentException("usage: " + usage);
    }
    return w.get(i);
  }

  private static void exact(List<String> w, int n, String usage) {
    if (w.size() != n) {
      throw new IllegalArgumentException("usage: " + usage);
    }
  }

  private String node(List<String> w, String usage) {
    return node(w, usage, 2);
  }

  private String node(List<String> w, String usage, int words) {
    exact(w, words, usage);
    return known(w.get(1));
  }

  private String known(String id) {
    if (!sim.ids().contains(id)) {
      throw new IllegalArgumentException("no node '" + id + "'; nodes: "
          + String.join(", ", sim.ids()));
    }
    return id;
  }

  private static double number(String s, String usage) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is not a number; usage: " + usage);
    }
  }

  /**
   * An object's own fields and their values ({@code store={k=v1}, timeout=100}), for {@code
   * state}: what a learner's node holds, whatever its class. The kit's context is left out.
   */
  public static String fields(Object o) {
    if (o == null) {
      return "(not running)";
    }
    StringBuilder b = new StringBuilder();
    for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (java.lang.reflect.Field f : c.getDeclaredFields()) {
        if (java.lang.reflect.Modifier.isStatic(f.getModifiers())
            || Context.class.isAssignableFrom(f.getType())) {
          continue;
        }
        try {
          f.setAccessible(true);
          String v = String.valueOf(f.get(o));
          b.append(b.length() == 0 ? "" : "\n  ").append(f.getName()).append(" = ")
              .append(v.length() > 300 ? v.substring(0, 300) + "…" : v);
        } catch (ReflectiveOperationException | RuntimeException e) {
          b.append(b.length() == 0 ? "" : "\n  ").append(f.getName()).append(" = ?");
        }
      }
    }
    return b.length() == 0 ? o.getClass().getSimpleName() + " (no fields)" : "\n  " + b;
  }

  /** "100ms", "5s", "+5s", "-2s", "250" (ms). */
  static long millis(String s, boolean signed) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    int sign = 1;
    if (signed && (t.startsWith("+") || t.startsWith("-"))) {
      sign = t.startsWith("-") ? -1 : 1;
      t = t.substring(1);
    }
    double factor = 1;
    if (t.endsWith("ms")) {
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("s")) {
      t = t.substring(0, t.length() - 1);
      factor = 1000;
    }
    try {
      return sign * Math.round(Double.parseDouble(t) * factor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is not a time: write 100ms, 5s"
          + (signed ? " or +5s" : ""));
    }
  }

  /** The sandbox's client: one operation at a time, each ending the wait for it. */
  private final class Talker implements Node {
    private Context ctx;
    private int current = -1;
    private long timer;

    @Override
    public void start(Context context) {
      ctx = context;
    }

    int issue(Op.Kind kind, String key, String expected, String value) {
      History h = sim.history();
      int id = kind == Op.Kind.CAS ? h.invokeCas(CLIENT, key, expected, value, sim.now())
          : h.invoke(CLIENT, kind, key, value, sim.now());
      current = id;
      Object request = protocol.request(id, kind, key, expected, value);
      sim.at(sim.now(), () -> {
        ctx.send(model.target(), request);
        timer = ctx.setTimer(model.timeoutMillis(), id);
      });
      return id;
    }

    @Override
    public void onTimer(Object tag) {
      if (tag instanceof Integer id && id == current) {
        sim.history().unknown(id, "no reply within " + model.timeoutMillis() + " ms",
            sim.now());
        current = -1;
        sim.stop();
      }
    }

    @Override
    public void onMessage(String from, Object message) {
      Client.Reply r = protocol.reply(message);
      if (r == null || current < 0 || r.requestId() != current) {
        return;
      }
      History h = sim.history();
      switch (r.status()) {
        case OK -> {
          if (r.differed()) {
            h.valueDiffered(current, sim.now());
          } else {
            h.ok(current, r.value(), sim.now());
          }
        }
        case FAIL -> h.fail(current, r.note(), sim.now());
        default -> h.unknown(current, r.note(), sim.now());
      }
      ctx.cancelTimer(timer);
      current = -1;
      sim.stop();
    }
  }
}
