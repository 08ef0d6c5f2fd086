package dstutor.sim;

import dstutor.kit.Node;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How an exercise's nodes make a small cluster for {@code dstutor sandbox}: course data kept next
 * to the hidden suite (the exercise's {@code sandbox:} file), compiled with the learner's own
 * classes. The sandbox adds one client, {@code client}, that sends the operations the learner
 * types to {@link #target()}.
 */
public interface SandboxModel {
  /** Adds the exercise's nodes, built from the learner's classes, to {@code sim}. */
  void build(Simulation sim);

  /** The node that receives the client's operations (null when there are none). */
  String target();

  /** How operations become messages, and replies results (null when there are none). */
  Client.Protocol protocol();

  /**
   * The operations the learner may type: get (READ), put (WRITE), cas, append. An exercise whose
   * nodes serve no client (a failure detector) returns none, and the learner drives faults and
   * time only.
   */
  default Set<Op.Kind> operations() {
    return EnumSet.of(Op.Kind.READ, Op.Kind.WRITE);
  }

  /** What {@code check} runs on the history so far; by default, linearizability. */
  default CheckResult check(List<Op> ops) {
    return new LinearizabilityChecker().check(ops);
  }

  /**
   * What {@code check} runs, with the whole run at hand: an exercise whose property is about the
   * nodes' state (who suspects whom) overrides this. By default, {@link #check(List)} on the
   * history.
   */
  default CheckResult check(Simulation sim, List<Op> ops) {
    return check(ops);
  }

  /** What {@code state <node>} shows of a node: by default, its fields and their values. */
  default String describe(String id, Node node) {
    return Sandbox.fields(node);
  }

  /** How long the client waits for a reply before the outcome is unknown. */
  default long timeoutMillis() {
    return 1000;
  }

  /** The network at the start; {@code drop} changes its loss rate. */
  default SimConfig network() {
    return SimConfig.reliable().withDelay(Delay.uniform(1, 10));
  }
}
