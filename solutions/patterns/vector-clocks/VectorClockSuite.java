import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hidden suite for the vector-clocks exercise. Clocks are built with VectorClock.of and read back
 * through get() and entries() (zero counters ignored); the expected order of two clocks is
 * computed here from their counters, never with the learner's compare. Nothing relies on the
 * learner's equals, hashCode or toString.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VectorClockSuite {
  private static final String[] NODES = {"A", "B", "C", "D"};

  @Test
  @Order(1)
  @DisplayName("increment raises only that node's counter, by one, in a new clock")
  @Hint("increment-and-merge")
  void incrementChangesOnlyItsNode() {
    VectorClock empty = new VectorClock();
    if (empty.get("A") != 0 || !counters(empty).isEmpty()) {
      fail("new VectorClock() has counters " + show(empty) + " (get(\"A\") = " + empty.get("A")
          + "); expected none: every counter of a new clock is 0.");
    }
    VectorClock chain = empty.increment("A").increment("A").increment("B").increment("A");
    expectCounters(chain, map("A", 3, "B", 1),
        "new VectorClock().increment(\"A\").increment(\"A\").increment(\"B\").increment(\"A\")");
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Map<String, Long> given = randomCounters(rnd, 4, true);
      String node = rnd.nextInt(5) == 0 ? "E" : NODES[rnd.nextInt(NODES.length)];
      VectorClock c = VectorClock.of(given);
      VectorClock after = c.increment(node);
      String call = "VectorClock.of(" + show(given) + ").increment(\"" + node + "\")";
      Map<String, Long> expected = new TreeMap<>(nonZero(given));
      expected.merge(node, 1L, Long::sum);
      expectCounters(after, expected, call,
          " Increment adds one to that node's counter (0 if it had none) and changes no other.");
      if (!counters(c).equals(nonZero(given))) {
        fail(call + " changed the original clock to " + show(c) + "; it must stay "
            + show(nonZero(given)) + ". Clocks are immutable: increment returns a new clock.");
      }
    });
  }

  @Test
  @Order(2)
  @DisplayName("merge is the pointwise maximum: commutative, associative and idempotent")
  @Hint("increment-and-merge")
  void mergeIsPointwiseMax() {
    Seeds.forEach(25, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Map<String, Long> ma = randomCounters(rnd, 4, true);
      Map<String, Long> mb = randomCounters(rnd, 4, true);
      Map<String, Long> mc = randomCounters(rnd, 4, true);
      VectorClock a = VectorClock.of(ma);
      VectorClock b = VectorClock.of(mb);
      VectorClock c = VectorClock.of(mc);
      String sa = show(ma);
      String sb = show(mb);
      String sc = show(mc);
      String rule = " Merge keeps, for every node, the larger of the two counters.";
      expectCounters(a.merge(b), max(ma, mb), sa + ".merge(" + sb + ")", rule);
      expectCounters(a.merge(new VectorClock()), nonZero(ma), sa + ".merge({})", rule);
      expectCounters(a.merge(a), nonZero(ma), sa + ".merge(" + sa + ")",
          " Merging a clock with itself must give the same clock back.");
      expectCounters(b.merge(a), counters(a.merge(b)), sb + ".merge(" + sa + ")",
          " That differs from " + sa + ".merge(" + sb + "): merge must not depend on order.");
      expectCounters(a.merge(b).merge(c), counters(a.merge(b.merge(c))),
          "(" + sa + ".merge(" + sb + ")).merge(" + sc + ")",
          " That differs from " + sa + ".merge(" + sb + ".merge(" + sc + ")): merge must not"
              + " depend on grouping.");
      if (!counters(a).equals(nonZero(ma)) || !counters(b).equals(nonZero(mb))) {
        fail(sa + ".merge(" + sb + ") changed its inputs to " + show(a) + " and " + show(b)
            + ". Clocks are immutable: merge returns a new clock.");
      }
    });
  }

  @Test
  @Order(3)
  @DisplayName("compare tells before, after, equal and concurrent apart")
  @Hint("compare-both-ways")
  void compareFourOutcomes() {
    // Every clock here lists the same nodes with non-zero counters: missing entries come later.
    expectOrder(map("A", 1, "B", 2, "C", 3), map("A", 1, "B", 2, "C", 3));
    expectOrder(map("A", 1, "B", 2, "C", 3), map("A", 1, "B", 3, "C", 3));
    expectOrder(map("A", 1, "B", 3, "C", 3), map("A", 1, "B", 2, "C", 3));
    expectOrder(map("A", 1, "B", 1, "C", 1), map("A", 2, "B", 2, "C", 2));
    expectOrder(map("A", 2, "B", 1, "C", 1), map("A", 1, "B", 2, "C", 1));
    expectOrder(map("A", 1, "B", 2, "C", 1), map("A", 2, "B", 1, "C", 1));
    expectOrder(map("A", 5, "B", 1, "C", 1), map("A", 1, "B", 1, "C", 2));
    expectOrder(map(), map());
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int i = 0; i < 10; i++) {
        Map<String, Long> a = new TreeMap<>();
        Map<String, Long> b = new TreeMap<>();
        for (String node : new String[] {"A", "B", "C"}) {
          a.put(node, 1L + rnd.nextInt(3));
          b.put(node, 1L + rnd.nextInt(3));
        }
        expectOrder(a, b);
      }
    });
  }

  @Test
  @Order(4)
  @DisplayName("a node missing from one clock counts as 0 when comparing")
  @Hint("missing-is-zero")
  void missingEntriesCountAsZero() {
    expectOrder(map("A", 1), map("A", 1, "B", 0));
    expectOrder(map("A", 1, "B", 0), map("A", 1));
    expectOrder(map(), map("A", 0));
    expectOrder(map("A", 1), map("A", 1, "B", 1));
    expectOrder(map("A", 1, "B", 1), map("A", 1));
    expectOrder(map(), map("A", 1));
    expectOrder(map("A", 2), map("A", 1, "B", 1));
    expectOrder(map("A", 1, "B", 1), map("A", 2));
    expectOrder(map("A", 1, "B", 1), map("A", 1, "C", 1));
    // The history in section 4.4 of the Dynamo paper: D3 and D4 were written from D2 by two
    // different nodes, and D5 reconciles them.
    expectOrder(map("Sx", 2), map("Sx", 2, "Sy", 1));
    expectOrder(map("Sx", 2, "Sy", 1), map("Sx", 2, "Sz", 1));
    expectOrder(map("Sx", 3, "Sy", 1, "Sz", 1), map("Sx", 2, "Sy", 1));
    expectOrder(map("Sx", 2, "Sz", 1), map("Sx", 3, "Sy", 1, "Sz", 1));
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int i = 0; i < 10; i++) {
        expectOrder(randomCounters(rnd, 3, true), randomCounters(rnd, 3, true));
      }
      Map<String, Long> base = randomCounters(rnd, 3, false);
      Map<String, Long> withZero = new TreeMap<>(base);
      withZero.put("E", 0L);
      expectOrder(base, withZero);
      Map<String, Long> withNew = new TreeMap<>(base);
      withNew.put("E", 1L);
      expectOrder(base, withNew);
      expectOrder(withNew, base);
    });
  }

  @Test
  @Order(5)
  @DisplayName("compare is antisymmetric: a before b exactly when b after a")
  @Hint("compare-both-ways")
  void compareIsAntisymmetric() {
    Seeds.forEach(30, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int i = 0; i < 10; i++) {
        Map<String, Long> ma = randomCounters(rnd, 2, true);
        Map<String, Long> mb = randomCounters(rnd, 2, true);
        VectorClock a = VectorClock.of(ma);
        VectorClock b = VectorClock.of(mb);
        ClockOrder ab = a.compare(b);
        ClockOrder ba = b.compare(a);
        if (ba != mirror(ab)) {
          fail(show(ma) + ".compare(" + show(mb) + ") returned " + ab + " but " + show(mb)
              + ".compare(" + show(ma) + ") returned " + ba + "; expected " + mirror(ab)
              + " for the second: a is before b exactly when b is after a, and equal and"
              + " concurrent hold both ways.");
        }
        ClockOrder self = a.compare(a);
        if (self != ClockOrder.EQUAL) {
          fail(show(ma) + ".compare(itself) returned " + self + "; expected EQUAL.");
        }
      }
    });
  }

  @Test
  @Order(6)
  @DisplayName("siblings drops exactly the versions another descends from; repeats count once")
  @Hint("drop-dominated")
  void siblingsDropsExactlyTheDominated() {
    CartVersion d1 = cart(items("shirt"), map("Sx", 1));
    CartVersion d2 = cart(items("shirt", "shoes"), map("Sx", 2));
    CartVersion d3 = cart(items("shirt", "shoes", "hat"), map("Sx", 2, "Sy", 1));
    CartVersion d4 = cart(items("shirt", "shoes", "scarf"), map("Sx", 2, "Sz", 1));
    CartVersion d3Again = cart(items("shirt", "shoes", "hat"), map("Sx", 2, "Sy", 1, "Sz", 0));
    expectSiblings(List.of(d1, d2), List.of(d2));
    expectSiblings(List.of(d2, d1), List.of(d2));
    expectSiblings(List.of(d1, d2, d3, d4), List.of(d3, d4));
    expectSiblings(List.of(d4, d1, d3, d2), List.of(d3, d4));
    expectSiblings(List.of(d3, d4, d3Again), List.of(d3, d4));
    expectSiblings(List.of(d4), List.of(d4));
    expectSiblings(List.of(), List.of());
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      List<CartVersion> versions = randomVersions(rnd);
      if (rnd.nextBoolean()) {
        // A repeat of one version: the same items, the same clock with an explicit zero.
        CartVersion v = versions.get(rnd.nextInt(versions.size()));
        Map<String, Long> c = new TreeMap<>(counters(v.clock()));
        c.put("E", 0L);
        versions.add(rnd.nextInt(versions.size() + 1), cart(v.items(), c));
      }
      expectSiblings(versions, expectedSiblings(versions));
    });
  }

  @Test
  @Order(7)
  @DisplayName("reconcile unions the items and its clock descends from every sibling")
  @Hint("drop-dominated")
  void reconcileUnionsAndDescends() {
    CartVersion d3 = cart(items("shirt", "shoes", "hat"), map("Sx", 2, "Sy", 1));
    CartVersion d4 = cart(items("shirt", "shoes", "scarf"), map("Sx", 2, "Sz", 1));
    expectReconciled(List.of(d3, d4), "Sx", items("shirt", "shoes", "hat", "scarf"),
        map("Sx", 3, "Sy", 1, "Sz", 1));
    expectReconciled(List.of(d3), "Sy", items("shirt", "shoes", "hat"), map("Sx", 2, "Sy", 2));
    try {
      CartVersion r = Carts.reconcile(List.of(), "Sx");
      fail("Carts.reconcile([], \"Sx\") returned " + show(r)
          + "; expected IllegalArgumentException: there is nothing to reconcile.");
    } catch (IllegalArgumentException expected) {
      // the contract
    } catch (RuntimeException e) {
      fail("Carts.reconcile([], \"Sx\") threw " + e.getClass().getSimpleName()
          + "; expected IllegalArgumentException.");
    }
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      List<CartVersion> siblings = expectedSiblings(randomVersions(rnd));
      String coordinator = rnd.nextInt(4) == 0 ? "E" : NODES[rnd.nextInt(3)];
      Set<String> union = new TreeSet<>();
      Map<String, Long> clock = new TreeMap<>();
      for (CartVersion v : siblings) {
        union.addAll(v.items());
        clock = max(clock, counters(v.clock()));
      }
      clock.merge(coordinator, 1L, Long::sum);
      expectReconciled(siblings, coordinator, union, clock);
    });
  }

  @Test
  @Order(8)
  @DisplayName("reconcile keeps an item any sibling has, so a deleted item can come back")
  @Hint("drop-dominated")
  void deletedItemsCanResurface() {
    CartVersion base = cart(items("milk", "eggs", "bread"), map("Sx", 1));
    CartVersion removedEggs = cart(items("milk", "bread"), map("Sx", 2));
    CartVersion addedJam = cart(items("milk", "eggs", "bread", "jam"), map("Sx", 1, "Sy", 1));
    // Concurrent: one client removed eggs while another added jam. The union brings eggs back:
    // Dynamo's known anomaly (an add is never lost; a delete can be).
    expectReconciled(List.of(removedEggs, addedJam), "Sz",
        items("milk", "eggs", "bread", "jam"), map("Sx", 2, "Sy", 1, "Sz", 1));
    // Not concurrent: the removal descends from base, so base's eggs stay removed.
    expectReconciled(List.of(base, removedEggs), "Sx", items("milk", "bread"), map("Sx", 3));
    expectReconciled(List.of(base, removedEggs, addedJam), "Sx",
        items("milk", "eggs", "bread", "jam"), map("Sx", 3, "Sy", 1));
  }

  // ---------------------------------------------------------------- checks

  private static void expectOrder(Map<String, Long> ma, Map<String, Long> mb) {
    ClockOrder expected = order(ma, mb);
    ClockOrder actual = VectorClock.of(ma).compare(VectorClock.of(mb));
    if (actual != expected) {
      fail(show(ma) + ".compare(" + show(mb) + ") returned " + actual + "; expected " + expected
          + ": " + why(ma, mb, expected) + ".");
    }
  }

  private static void expectCounters(VectorClock actual, Map<String, Long> expected, String call) {
    expectCounters(actual, expected, call, "");
  }

  private static void expectCounters(
      VectorClock actual, Map<String, Long> expected, String call, String rule) {
    Map<String, Long> got = counters(actual);
    Map<String, Long> want = nonZero(expected);
    if (!got.equals(want)) {
      fail(call + " returned " + show(got) + "; expected " + show(want) + "." + rule);
    }
    for (String node : union(got.keySet(), Set.of("A", "E", "Sx"))) {
      long g = actual.get(node);
      if (g != want.getOrDefault(node, 0L)) {
        fail(call + " has entries() " + show(got) + " but get(\"" + node + "\") returned " + g
            + "; expected " + want.getOrDefault(node, 0L) + ".");
      }
    }
  }

  private static void expectSiblings(List<CartVersion> input, List<CartVersion> expected) {
    List<CartVersion> actual = Carts.siblings(new ArrayList<>(input));
    List<String> got = sortedShows(actual);
    List<String> want = sortedShows(expected);
    if (got.equals(want)) {
      return;
    }
    StringBuilder why = new StringBuilder();
    for (CartVersion v : actual) {
      for (CartVersion w : input) {
        if (order(counters(v.clock()), counters(w.clock())) == ClockOrder.BEFORE) {
          why.append(" It kept ").append(show(v)).append(", but ").append(show(w))
              .append(" descends from it.");
          break;
        }
      }
    }
    for (String w : want) {
      long count = got.stream().filter(w::equals).count();
      if (count == 0) {
        why.append(" It dropped ").append(w).append(", which no other version descends from.");
      } else if (count > 1) {
        why.append(" It kept ").append(w).append(' ').append(count)
            .append(" times; versions with equal clocks are one version.");
      }
    }
    fail("Carts.siblings(" + shows(input) + ") returned " + shows(actual) + "; expected "
        + shows(expected) + " (in any order)." + why);
  }

  private static void expectReconciled(
      List<CartVersion> siblings, String coordinator, Set<String> items, Map<String, Long> clock) {
    String call = "Carts.reconcile(" + shows(siblings) + ", \"" + coordinator + "\")";
    CartVersion r = Carts.reconcile(new ArrayList<>(siblings), coordinator);
    if (r == null) {
      fail(call + " returned null; expected " + show(items, clock) + ".");
    }
    if (!new TreeSet<>(r.items()).equals(new TreeSet<>(items))) {
      Set<String> missing = new TreeSet<>(items);
      missing.removeAll(r.items());
      Set<String> extra = new TreeSet<>(r.items());
      extra.removeAll(items);
      fail(call + " returned " + show(r) + "; expected the items " + items
          + (missing.isEmpty() ? "" : ". Missing " + missing + ": the reconciled cart holds every"
              + " item of every sibling (no concurrent version wins), even an item that another"
              + " sibling removed")
          + (extra.isEmpty() ? "" : ". Extra " + extra + ": items of a version that another"
              + " version descends from do not count, and nothing else may be added")
          + ".");
    }
    Map<String, Long> got = counters(r.clock());
    if (!got.equals(nonZero(clock))) {
      fail(call + " returned the clock " + show(got) + "; expected " + show(clock)
          + ": the merge (pointwise max) of the siblings' clocks, then one increment by the"
          + " coordinator " + coordinator + ".");
    }
    for (CartVersion s : siblings) {
      if (order(counters(s.clock()), got) != ClockOrder.BEFORE) {
        fail(call + " returned the clock " + show(got) + ", which does not descend from the"
            + " sibling " + show(s) + "; the reconciled version must replace every sibling.");
      }
    }
  }

  // ---------------------------------------------------------------- the model

  /** The order of two clocks from their counters alone, a missing node counting as 0. */
  private static ClockOrder order(Map<String, Long> a, Map<String, Long> b) {
    boolean less = false;
    boolean greater = false;
    for (String node : union(a.keySet(), b.keySet())) {
      long x = a.getOrDefault(node, 0L);
      long y = b.getOrDefault(node, 0L);
      less |= x < y;
      greater |= x > y;
    }
    if (less && greater) {
      return ClockOrder.CONCURRENT;
    }
    return less ? ClockOrder.BEFORE : greater ? ClockOrder.AFTER : ClockOrder.EQUAL;
  }

  private static String why(Map<String, Long> a, Map<String, Long> b, ClockOrder expected) {
    String lower = null;
    String higher = null;
    for (String node : union(a.keySet(), b.keySet())) {
      long x = a.getOrDefault(node, 0L);
      long y = b.getOrDefault(node, 0L);
      String d = node + " is " + x + " against " + y;
      if (x < y && lower == null) {
        lower = d;
      } else if (x > y && higher == null) {
        higher = d;
      }
    }
    switch (expected) {
      case EQUAL:
        return "every node has the same counter on both sides (a missing node counts as 0)";
      case BEFORE:
        return "no counter on the left is higher than on the right (a missing node counts as 0),"
            + " and " + lower;
      case AFTER:
        return "no counter on the left is lower than on the right (a missing node counts as 0),"
            + " and " + higher;
      default:
        return "each side is ahead somewhere: " + higher + ", but " + lower;
    }
  }

  private static ClockOrder mirror(ClockOrder o) {
    if (o == ClockOrder.BEFORE) {
      return ClockOrder.AFTER;
    }
    return o == ClockOrder.AFTER ? ClockOrder.BEFORE : o;
  }

  /** Keeps a version unless another one descends from it; of equal clocks, the first. */
  private static List<CartVersion> expectedSiblings(List<CartVersion> versions) {
    List<CartVersion> kept = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      Map<String, Long> ci = counters(versions.get(i).clock());
      boolean keep = true;
      for (int j = 0; j < versions.size(); j++) {
        ClockOrder o = order(ci, counters(versions.get(j).clock()));
        if (i != j && (o == ClockOrder.BEFORE || (o == ClockOrder.EQUAL && j < i))) {
          keep = false;
        }
      }
      if (keep) {
        kept.add(versions.get(i));
      }
    }
    return kept;
  }

  /** 2 to 7 versions with distinct clocks over A, B, C (counters 0 to 2) and their own items. */
  private static List<CartVersion> randomVersions(SplittableRandom rnd) {
    int count = 2 + rnd.nextInt(6);
    List<CartVersion> versions = new ArrayList<>();
    Set<Map<String, Long>> seen = new HashSet<>();
    String[] shared = {"apple", "book", "cable"};
    while (versions.size() < count) {
      Map<String, Long> c = new TreeMap<>();
      for (String node : new String[] {"A", "B", "C"}) {
        long v = rnd.nextInt(3);
        if (v > 0) {
          c.put(node, v);
        }
      }
      if (!seen.add(c)) {
        continue;
      }
      Set<String> items = new TreeSet<>();
      items.add("item" + versions.size());
      for (String s : shared) {
        if (rnd.nextInt(3) == 0) {
          items.add(s);
        }
      }
      versions.add(cart(items, c));
    }
    return versions;
  }

  // ---------------------------------------------------------------- helpers

  private static CartVersion cart(Set<String> items, Map<String, Long> clock) {
    return new CartVersion(items, VectorClock.of(clock));
  }

  private static Set<String> items(String... items) {
    return new TreeSet<>(Arrays.asList(items));
  }

  /** A counter map from node, count pairs, in the order given (zeros kept). */
  private static Map<String, Long> map(Object... pairs) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
    }
    return m;
  }

  /** Each of the first {@code nodes} of A..D: missing, or 1..4, or (if allowed) an explicit 0. */
  private static Map<String, Long> randomCounters(SplittableRandom rnd, int nodes, boolean zeros) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < nodes; i++) {
      int r = rnd.nextInt(6);
      if (r == 0) {
        continue;
      }
      if (r == 1 && zeros) {
        m.put(NODES[i], 0L);
      } else {
        m.put(NODES[i], 1L + rnd.nextInt(4));
      }
    }
    return m;
  }

  /** The learner's counters, zeros dropped, sorted by node. */
  private static Map<String, Long> counters(VectorClock c) {
    Map<String, Long> entries = Objects.requireNonNull(c, "a clock was null").entries();
    if (entries == null) {
      fail("entries() returned null; expected a map of node to counter.");
    }
    return nonZero(entries);
  }

  private static Map<String, Long> nonZero(Map<String, Long> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> {
      if (v != null && v != 0) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static Map<String, Long> max(Map<String, Long> a, Map<String, Long> b) {
    Map<String, Long> out = new TreeMap<>(nonZero(a));
    nonZero(b).forEach((k, v) -> out.merge(k, v, Math::max));
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  private static String show(Map<String, Long> m) {
    StringJoiner j = new StringJoiner(", ", "{", "}");
    m.forEach((k, v) -> j.add(k + ":" + v));
    return j.toString();
  }

  private static String show(VectorClock c) {
    return show(counters(c));
  }

  private static String show(Set<String> items, Map<String, Long> clock) {
    return new TreeSet<>(items) + " @ " + show(nonZero(clock));
  }

  private static String show(CartVersion v) {
    return show(v.items(), counters(v.clock()));
  }

  private static String shows(List<CartVersion> versions) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    versions.forEach(v -> j.add(show(v)));
    return j.toString();
  }

  private static List<String> sortedShows(List<CartVersion> versions) {
    List<String> out = new ArrayList<>();
    versions.forEach(v -> out.add(show(v)));
    out.sort(null);
    return out;
  }
}
