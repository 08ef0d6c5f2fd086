package dstutor.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checks that no read is stale: a read that starts after a write completed returns that write's
 * value or a newer one. This is what quorum systems promise when R + W > N (a "regular" register),
 * and is weaker than linearizability: two overlapping reads may still disagree.
 *
 * <p>"Newer" needs an order of the writes, so each key must have one write at a time: writes to
 * a key must not overlap in time. Writes with an unknown outcome may or may not have landed;
 * failed writes never did. Values should be unique per key, so that a value names its write.
 */
public final class StaleReadChecker {
  private StaleReadChecker() {}

  /**
   * Checks every read in {@code ops}; marks every stale one.
   *
   * @throws IllegalArgumentException if two writes to one key overlap in time
   */
  public static CheckResult check(List<Op> ops) {
    Map<String, List<Op>> writes = new TreeMap<>();
    for (Op op : ops) {
      if (op.isWrite() && op.status() != Op.Status.FAIL) {
        writes.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
      }
    }
    for (List<Op> ws : writes.values()) {
      ws.sort((a, b) -> Long.compare(a.call(), b.call()));
      for (int i = 1; i < ws.size(); i++) {
        Op before = ws.get(i - 1);
        if (before.ret() > ws.get(i).call() && before.status() == Op.Status.OK) {
          throw new IllegalArgumentException("writes to key " + before.key() + " overlap ("
              + before.callText() + " and " + ws.get(i).callText()
              + "): this check needs one write at a time per key");
        }
      }
    }
    Map<Integer, String> marks = new LinkedHashMap<>();
    String first = null;
    for (Op r : ops) {
      if (!r.isRead() || r.status() != Op.Status.OK) {
        continue;
      }
      String why = judge(r, writes.getOrDefault(r.key(), List.of()));
      if (why != null) {
        marks.put(r.id(), why);
        if (first == null) {
          first = r.callText() + " by " + r.process() + " at " + r.callTime() + " ms returned "
              + (r.value() == null ? "nothing" : r.value()) + ": " + why + ".";
        }
      }
    }
    if (marks.isEmpty()) {
      return CheckResult.ok();
    }
    String more = marks.size() == 1 ? "" : " (" + marks.size() + " stale reads in all)";
    return new CheckResult(CheckResult.Verdict.VIOLATION, marks, first + more);
  }

  /** Why read {@code r} is stale, or null if it is fine. {@code ws} are in call order. */
  private static String judge(Op r, List<Op> ws) {
    int latest = -1; // the last write that completed before the read started
    for (int i = 0; i < ws.size(); i++) {
      if (ws.get(i).status() == Op.Status.OK && ws.get(i).ret() < r.call()) {
        latest = i;
      }
    }
    if (r.value() == null) {
      return latest < 0 ? null
          : "STALE: " + ws.get(latest).callText() + " completed at " + ws.get(latest).retTime()
              + " ms";
    }
    int source = -1;
    for (int i = 0; i < ws.size(); i++) {
      if (Objects.equals(ws.get(i).value(), r.value())) {
        source = i;
      }
    }
    if (source < 0) {
      return "returned " + r.value() + ", which no write that could have taken effect wrote";
    }
    if (ws.get(source).call() > r.ret()) {
      return "returned " + r.value() + " before " + ws.get(source).callText() + " was called";
    }
    if (source < latest) {
      return "STALE: " + ws.get(latest).callText() + " completed at " + ws.get(latest).retTime()
          + " ms";
    }
    return null;
  }
}
