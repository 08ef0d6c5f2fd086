package dstutor.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/** Random register histories for checker tests: arbitrary ones, and linearizable ones. */
final class Generator {
  private Generator() {}

  /** A planned operation: times, outcome, and (for linearizable ones) its linearization point. */
  private static final class Plan {
    String process;
    Op.Kind kind;
    String key;
    String expected; // for a cas
    String value;
    boolean swapped; // for a cas that completes
    long call;
    long ret; // -1: never returns
    long point;
    boolean applied = true;
    Op.Status status = Op.Status.OK;
  }

  /** Random operations on key "x": often not linearizable. Values come from a, b, c. */
  static List<Op> random(SplittableRandom rng, int n, int values) {
    List<Plan> plans = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Plan p = new Plan();
      p.process = "c" + i;
      p.kind = rng.nextBoolean() ? Op.Kind.WRITE : Op.Kind.READ;
      p.key = "x";
      int v = rng.nextInt(values + 1);
      p.value = v == values ? null : String.valueOf((char) ('a' + v));
      if (p.kind == Op.Kind.WRITE && p.value == null) {
        p.value = "a";
      }
      p.call = rng.nextInt(20);
      p.ret = p.call + 1 + rng.nextInt(10);
      int fate = rng.nextInt(10);
      if (p.kind == Op.Kind.WRITE && fate == 0) {
        p.ret = -1;
        p.status = Op.Status.UNKNOWN;
      } else if (fate == 1) {
        p.status = Op.Status.FAIL;
      }
      plans.add(p);
    }
    return replay(plans);
  }

  /**
   * Random reads, writes, compare-and-sets and appends on key "x", with every outcome: a cas
   * swaps, finds another value, fails or never returns. Often not linearizable. Values are
   * letters from a, b, c (reads also see two-letter strings, as appends make them).
   */
  static List<Op> randomWithCasAndAppend(SplittableRandom rng, int n, int values) {
    List<Plan> plans = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Plan p = new Plan();
      p.process = "c" + i;
      p.kind = Op.Kind.values()[rng.nextInt(4)];
      p.key = "x";
      p.value = letter(rng, values);
      if (p.kind == Op.Kind.READ) {
        int shape = rng.nextInt(4);
        p.value = shape == 0 ? null : shape == 1 ? letter(rng, values) + letter(rng, values)
            : p.value;
      }
      if (p.kind == Op.Kind.CAS) {
        p.expected = rng.nextInt(4) == 0 ? null : letter(rng, values);
        p.swapped = rng.nextBoolean();
      }
      p.call = rng.nextInt(20);
      p.ret = p.call + 1 + rng.nextInt(10);
      int fate = rng.nextInt(10);
      if (p.kind != Op.Kind.READ && fate == 0) {
        p.ret = -1;
        p.status = Op.Status.UNKNOWN;
      } else if (fate == 1) {
        p.status = Op.Status.FAIL;
      }
      plans.add(p);
    }
    return replay(plans);
  }

  private static String letter(SplittableRandom rng, int values) {
    return String.valueOf((char) ('a' + rng.nextInt(values)));
  }

  /**
   * Like {@link #linearizable}, with compare-and-sets (most expect the value the key holds at
   * their linearization point, and swap; the others find another value) and appends.
   */
  static List<Op> linearizableWithCasAndAppend(SplittableRandom rng, int n, int keys,
      int clients) {
    return linearizable(rng, n, keys, clients, true);
  }

  /**
   * {@code n} operations by {@code clients} sequential clients over {@code keys} keys, each taking
   * effect at a random instant between its call and return, so the history is linearizable. A
   * few writes never return; each of those takes effect or not. Written values are unique.
   */
  static List<Op> linearizable(SplittableRandom rng, int n, int keys, int clients) {
    return linearizable(rng, n, keys, clients, false);
  }

  private static List<Op> linearizable(SplittableRandom rng, int n, int keys, int clients,
      boolean casAndAppend) {
    List<Plan> plans = new ArrayList<>();
    long[] free = new long[clients];
    boolean[] retired = new boolean[clients];
    int written = 0;
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(clients);
      if (retired[c]) {
        continue; // a client whose call never returned makes no more calls
      }
      Plan p = new Plan();
      p.process = "c" + c;
      p.kind = rng.nextInt(3) == 0 ? Op.Kind.WRITE : Op.Kind.READ;
      if (casAndAppend && p.kind == Op.Kind.WRITE) {
        p.kind = Op.Kind.values()[1 + rng.nextInt(3)];
      }
      p.key = "k" + rng.nextInt(keys);
      p.value = p.kind == Op.Kind.READ ? null
          : (p.kind == Op.Kind.APPEND ? "+" : "v") + (++written);
      // even call and return times, odd linearization points: never a tie with either end
      p.call = free[c] + 2L * rng.nextInt(3);
      p.ret = p.call + 2L * (1 + rng.nextInt(8));
      p.point = p.call + 1 + 2L * rng.nextLong((p.ret - p.call) / 2);
      free[c] = p.ret + 2;
      if (p.kind != Op.Kind.READ && rng.nextInt(25) == 0) {
        p.ret = -1;
        p.status = Op.Status.UNKNOWN;
        p.applied = rng.nextBoolean();
        retired[c] = true;
      }
      plans.add(p);
    }
    List<Plan> byPoint = new ArrayList<>(plans);
    byPoint.sort(Comparator.comparingLong((Plan p) -> p.point));
    Map<String, String> state = new HashMap<>();
    for (Plan p : byPoint) {
      String now = state.get(p.key);
      switch (p.kind) {
        case READ -> p.value = now;
        case WRITE -> {
          if (p.applied) {
            state.put(p.key, p.value);
          }
        }
        case APPEND -> {
          if (p.applied) {
            state.put(p.key, (now == null ? "" : now) + p.value);
          }
        }
        default -> { // the cas is chosen now, at its point: usually it expects what is there
          p.expected = rng.nextInt(3) > 0 ? now : "v0";
          p.swapped = Objects.equals(p.expected, now);
          if (p.applied && p.swapped) {
            state.put(p.key, p.value);
          }
        }
      }
    }
    return replay(plans);
  }

  /** A corrupted history and the id of the operation that was changed. */
  record Corruption(List<Op> ops, int culprit) {}

  /**
   * Makes one completed read stale: it returns the value of a write w1 although a later write w2
   * (called after w1 returned) returned before the read was called. No longer linearizable.
   * Returns null if the history has no such read.
   */
  static Corruption makeStale(SplittableRandom rng, List<Op> ops) {
    List<Corruption> options = new ArrayList<>();
    for (Op r : ops) {
      if (!r.isRead() || r.status() != Op.Status.OK) {
        continue;
      }
      for (Op w1 : ops) {
        if (!w1.isWrite() || w1.status() != Op.Status.OK || !w1.key().equals(r.key())) {
          continue;
        }
        for (Op w2 : ops) {
          if (w2.isWrite() && w2.status() == Op.Status.OK && w2.key().equals(r.key())
              && w1.ret() < w2.call() && w2.ret() < r.call()) {
            List<Op> changed = new ArrayList<>(ops);
            changed.set(r.id(), new Op(r.id(), r.process(), r.kind(), r.key(), w1.value(),
                r.status(), r.call(), r.ret(), r.callTime(), r.retTime(), r.note()));
            options.add(new Corruption(changed, r.id()));
            break;
          }
        }
        if (options.size() > 0 && options.get(options.size() - 1).culprit() == r.id()) {
          break;
        }
      }
    }
    return options.isEmpty() ? null : options.get(rng.nextInt(options.size()));
  }

  private record Ev(long time, int order, Plan plan, boolean call) {}

  private static List<Op> replay(List<Plan> plans) {
    List<Ev> events = new ArrayList<>();
    for (Plan p : plans) {
      events.add(new Ev(p.call, events.size(), p, true));
      if (p.ret >= 0) {
        events.add(new Ev(p.ret, events.size(), p, false));
      }
    }
    // at equal times, returns first: the checker then sees them as ordered, the strict reading
    events.sort(Comparator.comparingLong(Ev::time).thenComparing(e -> e.call())
        .thenComparingInt(Ev::order));
    History h = new History();
    Map<Plan, Integer> ids = new HashMap<>();
    for (Ev e : events) {
      Plan p = e.plan();
      if (e.call() && p.kind == Op.Kind.CAS) {
        ids.put(p, h.invokeCas(p.process, p.key, p.expected, p.value, p.call));
      } else if (e.call()) {
        ids.put(p, h.invoke(p.process, p.kind, p.key, p.kind == Op.Kind.READ ? null : p.value,
            p.call));
      } else if (p.status == Op.Status.OK && p.kind == Op.Kind.CAS && !p.swapped) {
        h.valueDiffered(ids.get(p), p.ret);
      } else if (p.status == Op.Status.OK) {
        h.ok(ids.get(p), p.value, p.ret);
      } else {
        h.fail(ids.get(p), "refused", p.ret);
      }
    }
    return h.ops();
  }
}
