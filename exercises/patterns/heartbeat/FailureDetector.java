import dstutor.kit.Node;
import java.util.Set;

/** A node that watches its peers and says which of them it suspects have failed (read-only). */
public interface FailureDetector extends Node {
  /**
   * The peers this node suspects right now: those it has not heard from for longer than the
   * timeout. Never this node itself. Called between events, at any time after start.
   */
  Set<String> suspects();
}
