import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Dynamo coordinator: runs each client Put and Get over the key's preference list with a
 * sloppy quorum. A request starts on the key's N home nodes; every STEP_MILLIS, each slot whose
 * nodes are all silent moves on to the next unused node of the list (a Put's Store then carries
 * a hint naming the slot's home). A Put succeeds once W slots acknowledged, a Get once R slots
 * answered; at DEADLINE_MILLIS without a quorum the request fails.
 */
public final class DynamoCoordinator implements Node {
  private final List<String> ring;
  private final int n;
  private final int r;
  private final int w;
  private final Map<Long, Op> ops = new HashMap<>();
  private Context ctx;
  private long puts;
  private long nextOp;

  /** One request in flight. */
  private static final class Op {
    final String client;
    final long requestId;
    final String key;
    final DynamoProtocol.Version version; // null for a Get
    final long opId;
    final List<String> prefs;
    /** The node each slot last moved to; a slot's home is prefs.get(slot). */
    final List<Set<String>> slotNodes = new ArrayList<>();
    final Set<Integer> answered = new HashSet<>();
    final Map<Map<String, Long>, DynamoProtocol.Version> heard = new LinkedHashMap<>();
    int next;
    int steps;

    Op(String client, long requestId, String key, DynamoProtocol.Version version, long opId,
        List<String> prefs) {
      this.client = client;
      this.requestId = requestId;
      this.key = key;
      this.version = version;
      this.opId = opId;
      this.prefs = prefs;
    }
  }

  /**
   * @param ring the storage nodes in ring order
   * @param n how many home nodes each key has
   * @param r how many slots must answer a Get
   * @param w how many slots must acknowledge a Put
   * @throws IllegalArgumentException if ring is empty or repeats a node, n is outside
   *     1..ring.size(), or r or w is outside 1..n
   */
  public DynamoCoordinator(List<String> ring, int n, int r, int w) {
    if (ring.isEmpty() || new HashSet<>(ring).size() != ring.size()) {
      throw new IllegalArgumentException("ring must be non-empty, without repeats: " + ring);
    }
    if (n < 1 || n > ring.size() || r < 1 || r > n || w < 1 || w > n) {
      throw new IllegalArgumentException("need 1 <= n <= ring size, 1 <= r, w <= n");
    }
    this.ring = List.copyOf(ring);
    this.n = n;
    this.r = r;
    this.w = w;
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void onMessage(String from, Object message) {
    if (message instanceof DynamoProtocol.Put p) {
      Map<String, Long> clock = new HashMap<>(p.context());
      clock.put(ctx.id(), ++puts);
      begin(from, p.requestId(), p.key(), new DynamoProtocol.Version(p.value(), clock));
    } else if (message instanceof DynamoProtocol.Get g) {
      begin(from, g.requestId(), g.key(), null);
    } else if (message instanceof DynamoProtocol.Stored s) {
      Op op = ops.get(s.opId());
      if (op != null && op.version != null && answer(op, from)
          && op.answered.size() >= w) {
        finish(op, new DynamoProtocol.PutOk(op.requestId, op.version.clock()));
      }
    } else if (message instanceof DynamoProtocol.Fetched f) {
      Op op = ops.get(f.opId());
      if (op != null && op.version == null && answer(op, from)) {
        for (DynamoProtocol.Version v : f.versions()) {
          op.heard.putIfAbsent(v.clock(), v);
        }
        if (op.answered.size() >= r) {
          List<DynamoProtocol.Version> latest = latest(op.heard.values());
          Map<String, Long> context = new HashMap<>();
          for (DynamoProtocol.Version v : latest) {
            v.clock().forEach((node, c) -> context.merge(node, c, Math::max));
          }
          finish(op, new DynamoProtocol.GetOk(op.requestId, latest, context));
        }
      }
    }
  }

  /** Counts {@code from}'s answer for its slot; false if {@code from} was never asked. */
  private boolean answer(Op op, String from) {
    for (int slot = 0; slot < op.slotNodes.size(); slot++) {
      if (op.slotNodes.get(slot).contains(from)) {
        op.answered.add(slot);
        return true;
      }
    }
    return false;
  }

  /** The versions no other version supersedes. */
  static List<DynamoProtocol.Version> latest(Iterable<DynamoProtocol.Version> all) {
    List<DynamoProtocol.Version> out = new ArrayList<>();
    for (DynamoProtocol.Version v : all) {
      boolean superseded = false;
      for (DynamoProtocol.Version u : all) {
        if (u != v && descends(u.clock(), v.clock()) && !u.clock().equals(v.clock())) {
          superseded = true;
        }
      }
      if (!superseded) {
        out.add(v);
      }
    }
    return out;
  }

  /** Whether clock a is at least clock b in every entry (a missing entry is 0). */
  static boolean descends(Map<String, Long> a, Map<String, Long> b) {
    for (Map.Entry<String, Long> e : b.entrySet()) {
      if (a.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void begin(String client, long requestId, String key, DynamoProtocol.Version v) {
    Op op = new Op(client, requestId, key, v, ++nextOp,
        DynamoProtocol.preferenceList(key, ring));
    ops.put(op.opId, op);
    for (int slot = 0; slot < n; slot++) {
      op.slotNodes.add(new HashSet<>());
      send(op, slot, op.prefs.get(slot), null);
    }
    op.next = n;
    ctx.setTimer(DynamoProtocol.STEP_MILLIS, op.opId);
  }

  private void send(Op op, int slot, String node, String hint) {
    op.slotNodes.get(slot).add(node);
    ctx.send(node, op.version == null ? new DynamoProtocol.Fetch(op.opId, op.key)
        : new DynamoProtocol.Store(op.opId, op.key, op.version, hint));
  }

  @Override
  public void onTimer(Object tag) {
    Op op = ops.get((Long) tag);
    if (op == null) {
      return;
    }
    op.steps++;
    if (op.steps * DynamoProtocol.STEP_MILLIS >= DynamoProtocol.DEADLINE_MILLIS) {
      finish(op, op.version == null ? new DynamoProtocol.GetFailed(op.requestId)
          : new DynamoProtocol.PutFailed(op.requestId));
      return;
    }
    for (int slot = 0; slot < n; slot++) {
      if (!op.answered.contains(slot) && op.next < op.prefs.size()) {
        send(op, slot, op.prefs.get(op.next++), op.prefs.get(slot));
      }
    }
    ctx.setTimer(DynamoProtocol.STEP_MILLIS, op.opId);
  }

  private void finish(Op op, Object answer) {
    ops.remove(op.opId);
    ctx.send(op.client, answer);
  }
}
