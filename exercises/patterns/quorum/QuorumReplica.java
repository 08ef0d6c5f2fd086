import dstutor.kit.Context;
import dstutor.kit.Node;

/**
 * A replica: stores one versioned value per key and answers the coordinator. Keep the newest
 * version of each key; acknowledge every write, and answer every read with what you hold.
 */
public final class QuorumReplica implements Node {
  private Context ctx;

  public QuorumReplica() {
    // TODO: set up the store, if you need to
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: handle QuorumProtocol.Write (store if newer, then WriteAck) and QuorumProtocol.Read
    // (answer with a ReadReply)
    throw new UnsupportedOperationException("TODO: QuorumReplica.onMessage");
  }

  @Override
  public void onTimer(Object tag) {
    // a replica needs no timers
  }
}
