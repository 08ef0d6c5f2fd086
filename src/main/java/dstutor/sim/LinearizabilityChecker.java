package dstutor.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Decides whether a history of operations on registers (or the keys of a map) is linearizable:
 * whether there is one order of the operations, consistent with real time, in which each one
 * does what it did on one copy of the data. The operations are reads, writes, compare-and-set
 * (swaps if the key holds the expected value; a completed one that did not swap says the key
 * held something else) and append (concatenates to the key's value, "no value yet" counting as
 * ""). Keys are independent (linearizability is local), so a map is checked one key at a time.
 *
 * <p>The search is Wing and Gong's, with Lowe's memoisation: walk the history in time order, try
 * to linearize each operation whose call has been seen, backtrack when an operation returns
 * before it could be placed, and never revisit a (set of linearized operations, value) pair.
 * Updates with an unknown outcome may take effect at any point after their call, or never (an
 * unknown compare-and-set swaps if it takes effect where the key holds the expected value);
 * reads with no result and failed operations constrain nothing. After {@code budget} search steps
 * on a key the answer is {@link CheckResult.Verdict#UNKNOWN}, never a guess.
 */
public final class LinearizabilityChecker {
  /** Search steps per key before giving up. */
  public static final long DEFAULT_BUDGET = 2_000_000;

  /** Search steps per key in the first round. */
  private static final long FIRST_ROUND = 1 << 14;

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

  /**
   * Checks every key of {@code ops}. The keys are searched in rounds, each allowing four times
   * the steps of the one before, up to the budget: a violation on one key is found before a long
   * search on another, and the one found in the earliest round (by key order within it) is the
   * answer. A read of a value nothing wrote is a violation found before any search.
   */
  public CheckResult check(List<Op> ops) {
    Map<String, List<Op>> byKey = new TreeMap<>();
    for (Op op : ops) {
      if (op.status() == Op.Status.OK || (!op.isRead() && op.status() == Op.Status.UNKNOWN)) {
        byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
      }
    }
    List<List<Op>> open = new ArrayList<>();
    for (List<Op> keyOps : byKey.values()) {
      CheckResult r = readOfUnwritten(keyOps);
      if (r != null) {
        return r;
      }
      open.add(keyOps);
    }
    CheckResult unknown = null;
    long round = Math.min(FIRST_ROUND, budget);
    while (!open.isEmpty()) {
      List<List<Op>> undecided = new ArrayList<>();
      for (List<Op> keyOps : open) {
        CheckResult r = new Search(keyOps, round).run();
        if (r.isViolation()) {
          return r;
        }
        if (r.verdict() == CheckResult.Verdict.UNKNOWN) {
          if (round < budget) {
            undecided.add(keyOps);
          } else if (unknown == null) {
            unknown = r;
          }
        }
      }
      open = undecided;
      round = Math.min(budget, round * 4);
    }
    return unknown != null ? unknown : CheckResult.ok();
  }

  /**
   * On a key without appends, a read can only return what was written: a read of anything else
   * is named straight away. Null if there is none.
   */
  private static CheckResult readOfUnwritten(List<Op> ops) {
    Set<String> written = new HashSet<>();
    written.add(null);
    for (Op op : ops) {
      if (op.isAppend()) {
        return null;
      }
      if (op.isWrite() || op.isCas()) {
        written.add(op.value());
      }
    }
    for (Op op : ops) {
      if (op.isRead() && !written.contains(op.value())) {
        return violation(op, "returned " + op.value()
            + ", which no write that could have taken effect wrote");
      }
    }
    return null;
  }

  private static CheckResult violation(Op op, String why) {
    return new CheckResult(CheckResult.Verdict.VIOLATION, Map.of(op.id(), why),
        op.callText() + " by " + op.process() + " at " + op.callTime() + " ms " + why + ".");
  }

  /**
   * One key's search. Entries 0..2n-1 are calls and returns; index 2n is the list head. A state
   * is the number of a value in a {@link ValueTable}.
   */
  private static final class Search {

    private final List<Op> ops;
    private final long budget;
    private final int n;
    private final int head;
    private final int[] next;
    private final int[] prev;
    private final int[] opOf;
    private final boolean[] isCall;
    private final int[] match;
    private final int[] expected;
    private final int[] value;
    private final long[] zobrist;
    private final long[] bits;
    private final ValueTable values;
    private final MemoSet seen;

    Search(List<Op> ops, long budget) {
      this.ops = ops;
      this.budget = budget;
      this.n = ops.size();
      this.head = 2 * n;
      next = new int[2 * n + 1];
      prev = new int[2 * n + 1];
      opOf = new int[2 * n];
      isCall = new boolean[2 * n];
      match = new int[2 * n];
      expected = new int[n];
      value = new int[n];
      zobrist = new long[n];
      bits = new long[(n + 63) / 64];
      seen = new MemoSet(bits.length);
      values = new ValueTable(ops);
      // fixed seed: the same history is always searched the same way
      SplittableRandom random = new SplittableRandom(n);
      Integer[] order = new Integer[2 * n];
      for (int i = 0; i < n; i++) {
        Op op = ops.get(i);
        expected[i] = op.isCas() ? values.of(op.expected()) : -1;
        value[i] = op.isAppend() ? -1 : values.of(op.value());
        zobrist[i] = random.nextLong();
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
      int state = ValueTable.NONE;
      long hash = 0;
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
          // An operation that never returned and would change nothing here need not be placed
          // here: leaving it out keeps every later option open (it blocks nothing).
          if (after >= 0 && (after != state || completed(op))) {
            bits[op >>> 6] |= 1L << op;
            if (seen.add(bits, hash ^ zobrist[op], after)) {
              stackEntry[depth] = entry;
              stackState[depth] = state;
              depth++;
              state = after;
              hash ^= zobrist[op];
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
          hash ^= zobrist[op];
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

    /** The key's value after op, or -1 if op cannot happen in this state. */
    private int apply(int state, int op) {
      Op o = ops.get(op);
      switch (o.kind()) {
        case READ:
          return state == value[op] ? state : -1;
        case WRITE:
          return value[op];
        case APPEND:
          return values.append(state, op);
        default: // CAS
          boolean holds = state == expected[op];
          if (o.status() != Op.Status.OK) {
            return holds ? value[op] : state; // unknown: swaps if it can, else changes nothing
          }
          if (o.swapped()) {
            return holds ? value[op] : -1;
          }
          return holds ? -1 : state;
      }
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
        // the newest update that completed before the read was called, if it set a plain value
        Op newest = null;
        for (Op u : ops) {
          if (!u.isRead() && u.status() == Op.Status.OK && (!u.isCas() || u.swapped())
              && u.ret() < c.call() && (newest == null || u.ret() > newest.ret())) {
            newest = u;
          }
        }
        if (newest != null && !newest.isAppend() && !Objects.equals(newest.value(), c.value())) {
          return "STALE: " + newest.callText() + " completed at " + newest.retTime() + " ms";
        }
      }
      return "no order of the operations on key " + c.key() + " explains this result";
    }
  }

  /**
   * The (linearized set, value) pairs seen, in open addressing over entries stored end to end.
   * The caller keeps the set's hash up to date as it adds and removes operations (one random
   * number per operation, XORed), so a lookup reads the bits only when the hashes match.
   */
  private static final class MemoSet {
    private final int words;
    private long[] bits;
    private long[] hashes = new long[1024];
    private int[] states = new int[1024];
    private int[] slots = new int[2048]; // entry + 1; 0 is empty
    private int size;

    MemoSet(int words) {
      this.words = words;
      this.bits = new long[1024 * words];
    }

    /** Adds the pair; false if it was already there. */
    boolean add(long[] set, long hash, int state) {
      long h = hash ^ (state * 0x9E3779B97F4A7C15L);
      int mask = slots.length - 1;
      int i = slot(h, mask);
      for (int e = slots[i] - 1; e >= 0; i = (i + 1) & mask, e = slots[i] - 1) {
        if (hashes[e] == h && states[e] == state
            && Arrays.equals(bits, e * words, e * words + words, set, 0, words)) {
          return false;
        }
      }
      if (size == hashes.length) {
        hashes = Arrays.copyOf(hashes, size * 2);
        states = Arrays.copyOf(states, size * 2);
        bits = Arrays.copyOf(bits, size * 2 * words);
      }
      hashes[size] = h;
      states[size] = state;
      System.arraycopy(set, 0, bits, size * words, words);
      slots[i] = ++size;
      if (size * 2 > slots.length) {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        for (int e = 0; e < size; e++) {
          int j = slot(hashes[e], mask);
          while (slots[j] != 0) {
            j = (j + 1) & mask;
          }
          slots[j] = e + 1;
        }
      }
      return true;
    }

    private static int slot(long h, int mask) {
      return (int) (h ^ (h >>> 32)) & mask;
    }
  }
}
