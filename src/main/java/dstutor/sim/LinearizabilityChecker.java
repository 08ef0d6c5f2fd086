package dstutor.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether a history of reads and writes on registers (or the keys of a map) is
 * linearizable: whether there is one order of the operations, consistent with real time, in which
 * every read returns the latest write. Keys are independent (linearizability is local), so a map
 * is checked one key at a time.
 *
 * <p>The search is Wing and Gong's, with Lowe's memoisation: walk the history in time order, try
 * to linearize each operation whose call has been seen, backtrack when an operation returns
 * before it could be placed, and never revisit a (set of linearized operations, register value)
 * pair. Writes with an unknown outcome may take effect at any point after their call, or never;
 * reads with no result and failed operations constrain nothing. After {@code budget} search steps
 * on a key the answer is {@link CheckResult.Verdict#UNKNOWN}, never a guess.
 */
public final class LinearizabilityChecker {
  /** Search steps per key before giving up. */
  public static final long DEFAULT_BUDGET = 2_000_000;

  private final long budget;

  public LinearizabilityChecker() {
    this(DEFAULT_BUDGET);
  }

  public LinearizabilityChecker(long budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("budget < 1: " + budget);
    }
    this.budget = budget;
  }

  /** Checks every key of {@code ops}; the first violation found (by key order) wins. */
  public CheckResult check(List<Op> ops) {
    Map<String, List<Op>> byKey = new TreeMap<>();
    for (Op op : ops) {
      byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    }
    CheckResult unknown = null;
    for (List<Op> keyOps : byKey.values()) {
      CheckResult r = checkKey(keyOps);
      if (r.isViolation()) {
        return r;
      }
      if (r.verdict() == CheckResult.Verdict.UNKNOWN && unknown == null) {
        unknown = r;
      }
    }
    return unknown != null ? unknown : CheckResult.ok();
  }

  private CheckResult checkKey(List<Op> all) {
    List<Op> ops = new ArrayList<>();
    for (Op op : all) {
      boolean useful = op.status() == Op.Status.OK
          || (op.isWrite() && op.status() == Op.Status.UNKNOWN);
      if (useful) {
        ops.add(op);
      }
    }
    Map<String, Integer> values = new HashMap<>();
    values.put(null, 0);
    for (Op op : ops) {
      if (op.isWrite()) {
        values.putIfAbsent(op.value(), values.size());
      }
    }
    for (Op op : ops) {
      if (op.isRead() && !values.containsKey(op.value())) {
        String why = "returned " + op.value()
            + ", which no write that could have taken effect wrote";
        return violation(op, why);
      }
    }
    return new Search(ops, values).run();
  }

  private static CheckResult violation(Op op, String why) {
    return new CheckResult(CheckResult.Verdict.VIOLATION, Map.of(op.id(), why),
        op.callText() + " by " + op.process() + " at " + op.callTime() + " ms " + why + ".");
  }

  /** One key's search. Entries 0..2n-1 are calls and returns; index 2n is the list head. */
  private final class Search {
    private final List<Op> ops;
    private final int n;
    private final int head;
    private final int[] next;
    private final int[] prev;
    private final int[] opOf;
    private final boolean[] isCall;
    private final int[] match;
    private final int[] arg;
    private final long[] bits;
    private final Set<Memo> seen = new HashSet<>();

    Search(List<Op> ops, Map<String, Integer> values) {
      this.ops = ops;
      this.n = ops.size();
      this.head = 2 * n;
      next = new int[2 * n + 1];
      prev = new int[2 * n + 1];
      opOf = new int[2 * n];
      isCall = new boolean[2 * n];
      match = new int[2 * n];
      arg = new int[n];
      bits = new long[(n + 63) / 64];
      Integer[] order = new Integer[2 * n];
      for (int i = 0; i < n; i++) {
        Op op = ops.get(i);
        arg[i] = values.get(op.value());
        order[2 * i] = 2 * i;
        order[2 * i + 1] = 2 * i + 1;
        opOf[2 * i] = i;
        opOf[2 * i + 1] = i;
        isCall[2 * i] = true;
        match[2 * i] = 2 * i + 1;
      }
      Arrays.sort(order, Comparator.comparingLong(this::position).thenComparingInt(e -> e));
      int last = head;
      for (int e : order) {
        next[last] = e;
        prev[e] = last;
        last = e;
      }
      next[last] = -1;
    }

    private long position(int entry) {
      Op op = ops.get(opOf[entry]);
      return isCall[entry] ? op.call() : op.ret();
    }

    private boolean completed(int op) {
      return ops.get(op).ret() != Long.MAX_VALUE;
    }

    CheckResult run() {
      int remaining = 0;
      for (int i = 0; i < n; i++) {
        if (completed(i)) {
          remaining++;
        }
      }
      int[] stackEntry = new int[n];
      int[] stackState = new int[n];
      int depth = 0;
      int state = 0;
      int bestDepth = -1;
      int culprit = -1;
      int entry = next[head];
      long steps = 0;
      while (remaining > 0) {
        if (++steps > budget) {
          return new CheckResult(CheckResult.Verdict.UNKNOWN, Map.of(),
              "the search for a valid order of the " + n + " operations on key "
                  + ops.get(0).key() + " ran out of budget after " + budget + " steps");
        }
        if (entry >= 0 && isCall[entry]) {
          int op = opOf[entry];
          int after = apply(state, op);
          if (after >= 0) {
            bits[op >>> 6] |= 1L << op;
            if (seen.add(new Memo(bits.clone(), after))) {
              stackEntry[depth] = entry;
              stackState[depth] = state;
              depth++;
              state = after;
              lift(entry);
              if (completed(op)) {
                remaining--;
              }
              entry = next[head];
              continue;
            }
            bits[op >>> 6] &= ~(1L << op);
          }
          entry = next[entry];
        } else {
          if (entry >= 0 && depth > bestDepth) {
            bestDepth = depth;
            culprit = opOf[entry];
          }
          if (depth == 0) {
            return blame(culprit);
          }
          depth--;
          int undone = stackEntry[depth];
          int op = opOf[undone];
          bits[op >>> 6] &= ~(1L << op);
          if (completed(op)) {
            remaining++;
          }
          state = stackState[depth];
          unlift(undone);
          entry = next[undone];
        }
      }
      return CheckResult.ok();
    }

    /** The register value after op, or -1 if op cannot happen in this state. */
    private int apply(int state, int op) {
      if (ops.get(op).isWrite()) {
        return arg[op];
      }
      return state == arg[op] ? state : -1;
    }

    private void lift(int call) {
      int ret = match[call];
      next[prev[call]] = next[call];
      if (next[call] >= 0) {
        prev[next[call]] = prev[call];
      }
      next[prev[ret]] = next[ret];
      if (next[ret] >= 0) {
        prev[next[ret]] = prev[ret];
      }
    }

    private void unlift(int call) {
      int ret = match[call];
      next[prev[ret]] = ret;
      if (next[ret] >= 0) {
        prev[next[ret]] = ret;
      }
      next[prev[call]] = call;
      if (next[call] >= 0) {
        prev[next[call]] = call;
      }
    }

    private CheckResult blame(int culprit) {
      Op c = ops.get(Math.max(culprit, 0));
      return violation(c, explain(c));
    }

    private String explain(Op c) {
      if (c.isRead()) {
        Op newest = null;
        for (Op w : ops) {
          if (w.isWrite() && w.status() == Op.Status.OK && w.ret() < c.call()
              && (newest == null || w.ret() > newest.ret())) {
            newest = w;
          }
        }
        if (newest != null && !Objects.equals(newest.value(), c.value())) {
          return "STALE: " + newest.callText() + " completed at " + newest.retTime() + " ms";
        }
      }
      return "no order of the operations on key " + c.key() + " explains this result";
    }
  }

  private record Memo(long[] bits, int state) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Memo m && m.state == state && Arrays.equals(m.bits, bits);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bits) * 31 + state;
    }
  }
}
