import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A storage node: keeps the versions of the keys it is home for, reconciled by their vector
 * clocks; keeps hinted versions for home nodes that a coordinator could not reach, and offers
 * them to their home every HANDOFF_MILLIS until the home confirms.
 */
public final class DynamoReplica implements Node {
  private static final String HANDOFF = "handoff";
  private final DynamoStore store;
  private Context ctx;

  /** @param store this node's durable store: the same object after every restart */
  public DynamoReplica(DynamoStore store) {
    this.store = store;
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    ctx.setTimer(DynamoProtocol.HANDOFF_MILLIS, HANDOFF);
  }

  @Override
  public void onMessage(String from, Object message) {
    if (message instanceof DynamoProtocol.Store s) {
      if (s.hintFor() == null) {
        keep(s.key(), s.version());
      } else {
        store.addHint(new DynamoProtocol.Hint(s.hintFor(), s.key(), s.version()));
      }
      ctx.send(from, new DynamoProtocol.Stored(s.opId()));
    } else if (message instanceof DynamoProtocol.Fetch f) {
      ctx.send(from, new DynamoProtocol.Fetched(f.opId(), store.versions(f.key())));
    } else if (message instanceof DynamoProtocol.Handoff h) {
      keep(h.key(), h.version());
      ctx.send(from, new DynamoProtocol.HandedOff(h.key(), h.version()));
    } else if (message instanceof DynamoProtocol.HandedOff h) {
      store.removeHint(new DynamoProtocol.Hint(from, h.key(), h.version()));
    }
  }

  /** Adds {@code v} unless a held version covers it, dropping the versions it supersedes. */
  private void keep(String key, DynamoProtocol.Version v) {
    List<DynamoProtocol.Version> held = store.versions(key);
    List<DynamoProtocol.Version> kept = new ArrayList<>();
    for (DynamoProtocol.Version u : held) {
      if (descends(u.clock(), v.clock())) {
        return; // v is u, or older than u
      }
      if (!descends(v.clock(), u.clock())) {
        kept.add(u);
      }
    }
    kept.add(v);
    store.setVersions(key, kept);
  }

  private static boolean descends(Map<String, Long> a, Map<String, Long> b) {
    for (Map.Entry<String, Long> e : b.entrySet()) {
      if (a.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void onTimer(Object tag) {
    for (DynamoProtocol.Hint h : store.hints()) {
      ctx.send(h.home(), new DynamoProtocol.Handoff(h.key(), h.version()));
    }
    ctx.setTimer(DynamoProtocol.HANDOFF_MILLIS, HANDOFF);
  }
}
