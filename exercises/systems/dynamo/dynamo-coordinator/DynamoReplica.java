import dstutor.kit.Context;
import dstutor.kit.Node;

/**
 * A storage node: keeps the versions of the keys it is home for, reconciled by their vector
 * clocks; keeps hinted versions for home nodes that a coordinator could not reach, and offers
 * them to their home every HANDOFF_MILLIS until the home confirms.
 */
public final class DynamoReplica implements Node {
  private final DynamoStore store;
  private Context ctx;

  /** @param store this node's durable store: the same object after every restart */
  public DynamoReplica(DynamoStore store) {
    this.store = store;
  }

  @Override
  public void start(Context ctx) {
    this.ctx = ctx;
    // TODO: start offering hints to their home nodes
  }

  @Override
  public void onMessage(String from, Object message) {
    // TODO: Store, Fetch, Handoff and HandedOff
    throw new UnsupportedOperationException("TODO: DynamoReplica.onMessage");
  }

  @Override
  public void onTimer(Object tag) {
    // TODO: offer every hint to its home node
    throw new UnsupportedOperationException("TODO: DynamoReplica.onTimer");
  }
}
