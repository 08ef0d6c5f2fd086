import java.util.Objects;

/**
 * One DataNode as the NameNode sees it when it places a new block: its id (unique in the
 * cluster), the rack it sits in, its state and its free space in bytes. Given: do not edit.
 */
public record HdfsDataNode(String id, String rack, HdfsDataNode.State state, long freeBytes) {

  /** What the NameNode knows about the node's health and its administrative state. */
  public enum State {
    /** Heartbeating and in service: may take a replica. */
    LIVE,
    /** Being drained by an administrator: still in the topology, takes no new replica. */
    DECOMMISSIONING,
    /** Silent for too long: out of the topology altogether. */
    DEAD
  }

  public HdfsDataNode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(rack, "rack");
    Objects.requireNonNull(state, "state");
  }
}
