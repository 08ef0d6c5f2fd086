import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the vector-clocks exercise. Every expected value comes from the model at the
 * bottom of this file (counter maps, with a missing node read as 0), never from an earlier answer
 * of the learner's code. Clocks are built with VectorClock.of and read back through get() and
 * entries() with zero counters ignored; nothing relies on the learner's equals, hashCode or
 * toString, on the order of siblings' result, or on whether entries() lists zeros or may be
 * modified. Every call into learner code goes through {@link #call}, so an exception names the
 * clocks or versions it happened on. Counters run from 1 to 4 and, on some seeds, from the
 * hundreds (straddling 127, where Java stops sharing boxed Longs) to the thousands; a second clock
 * with the same counters is always built from freshly boxed values.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class VectorClockSuite {
  private static final String[] NODES = {"A", "B", "C", "D"};
  private static final String COPY = "copy-in-copy-out";

  @Test
  @Order(1)
  @DisplayName("increment raises only that node's counter, by one, in a new clock")
  @Hint("increment-and-merge")
  void incrementChangesOnlyItsNode() {
    String rule = " Increment adds one to that node's counter (0 if it had none) and changes no"
        + " other.";
    C empty = empty();
    expectCounters(empty, " Every counter of a new clock is 0.");
    C chain = empty;
    for (String node : new String[] {"A", "A", "B", "A"}) {
      chain = inc(chain, node);
      expectCounters(chain, rule);
    }
    C many = empty;
    for (int i = 0; i < 300; i++) {
      many = inc(many, "A");
    }
    expectCounters(new C(many.clock, "new VectorClock() incremented 300 times at \"A\"",
        many.model), rule);
    expectCounters(inc(of(map("A", 997, "B", 4)), "A"), rule);
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Map<String, Long> given = randomCounters(rnd, 4, true, base(rnd));
      String node = rnd.nextInt(5) == 0 ? "E" : NODES[rnd.nextInt(NODES.length)];
      expectCounters(inc(of(given), node), rule);
    });
  }

  @Test
  @Order(2)
  @DisplayName("merge is the pointwise maximum: commutative, associative and idempotent")
  @Hint("increment-and-merge")
  void mergeIsPointwiseMax() {
    String rule = " Merge keeps, for every node, the larger of the two counters.";
    expectCounters(merge(of(map("A", 1)), of(map("B", 2))), rule);
    expectCounters(merge(of(map("A", 1000, "B", 3)), of(map("A", 999, "B", 1000))), rule);
    Seeds.forEach(25, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      long base = base(rnd);
      C a = of(randomCounters(rnd, 4, true, base));
      C b = of(randomCounters(rnd, 4, true, base));
      C c = of(randomCounters(rnd, 4, true, base));
      expectCounters(merge(a, b), rule);
      expectCounters(merge(a, empty()), rule);
      expectCounters(merge(a, of(fresh(a.model))),
          " Merging a clock with a clock equal to it must give the same counters back.");
      expectCounters(merge(a, a), " Merging a clock with itself must give it back.");
      expectCounters(merge(b, a), rule + " Merge must not depend on which clock it is called on.");
      String grouping = rule + " Merge must not depend on grouping.";
      expectCounters(merge(merge(a, b), c), grouping);
      expectCounters(merge(a, merge(b, c)), grouping);
    });
  }

  @Test
  @Order(3)
  @DisplayName("a clock never changes: of copies its map, and entries() does not expose the clock")
  @Hint(COPY)
  void clocksAreValues() {
    clockIsAValue(map("A", 1, "B", 0), 0);
    clockIsAValue(map("A", 1000, "C", 7), 1);
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Map<String, Long> given = randomCounters(rnd, 4, true, base(rnd));
      if (rnd.nextBoolean()) {
        given.put("E", 0L);
      }
      clockIsAValue(given, rnd.nextInt(3));
    });
  }

  private static void clockIsAValue(Map<String, Long> given, int change) {
    // of() must not change its argument: checked right after the call.
    Map<String, Long> arg = new HashMap<>(given);
    C c = of(arg, show(given), "");
    if (!new TreeMap<>(arg).equals(new TreeMap<>(given))) {
      throw Because.of(COPY, "VectorClock.of(m) with m = " + show(given) + " changed m to "
          + show(new TreeMap<>(arg)) + "; of must leave the caller's map as it was.");
    }
    // Later changes to the caller's map must not reach the clock.
    String what;
    if (change == 0) {
      arg.clear();
      what = "cleared m";
    } else if (change == 1) {
      arg.put("A", arg.getOrDefault("A", 0L) + 500);
      what = "raised m's A by 500";
    } else {
      arg.put("F", 3L);
      what = "put F:3 into m";
    }
    expectUnchanged(c, "After VectorClock.of(m) with m = " + show(given) + ", the caller "
        + what + ", and the clock changed",
        " of must copy the counters; the caller may change or reuse its map.", COPY);
    // Unmodifiable maps are fine arguments (zero counters included).
    String unmodifiable = " of may be given an unmodifiable map: copy it, never change it.";
    expectCounters(of(Map.copyOf(given), javaMapOf(given), unmodifiable), "");
    expectCounters(of(Collections.unmodifiableMap(new TreeMap<>(given)),
        "Collections.unmodifiableMap(" + show(given) + ")", unmodifiable), "");
    // The map entries() returns is the caller's: changing it must not change the clock.
    String node = given.keySet().stream().findFirst().orElse("A");
    tamper(c);
    tamper(inc(c, node));
    tamper(merge(c, of(map("A", 2, "G", 1))));
    tamper(empty());
    expectCounters(empty(), " Every counter of a new clock is 0, whatever was done to the"
        + " entries() of another clock.");
  }

  /** Changes the map {@code c.entries()} returns, one way at a time; the clock must not follow. */
  private static void tamper(C c) {
    List<String> names = List.of("put(\"A\", 777777L)", "put(\"Zed\", 5L)", "remove(\"A\")",
        "clear()");
    List<Consumer<Map<String, Long>>> changes = List.of(m -> m.put("A", 777_777L),
        m -> m.put("Zed", 5L), m -> m.remove("A"), Map::clear);
    for (int i = 0; i < changes.size(); i++) {
      Map<String, Long> handedOut = entries(c);
      try {
        changes.get(i).accept(handedOut);
      } catch (RuntimeException refused) {
        continue; // an unmodifiable map, or a copy that refuses: both fine
      }
      expectUnchanged(c, "Calling " + names.get(i) + " on the map " + c.expr
          + ".entries() returned changed the clock",
          " entries() must return a copy or an unmodifiable view, not the map the clock keeps.",
          COPY);
    }
  }

  @Test
  @Order(4)
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
    expectOrder(map("A", 128), map("A", 128));
    expectOrder(map("A", 1000, "B", 2500), map("A", 1000, "B", 2500));
    expectOrder(map("A", 1000, "B", 2500), map("A", 1000, "B", 2501));
    expectOrder(map("A", 999, "B", 1000), map("A", 1000, "B", 999));
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      long base = base(rnd);
      for (int i = 0; i < 10; i++) {
        Map<String, Long> a = new TreeMap<>();
        Map<String, Long> b = new TreeMap<>();
        for (String node : new String[] {"A", "B", "C"}) {
          a.put(node, base + 1 + rnd.nextInt(3));
          b.put(node, base + 1 + rnd.nextInt(3));
        }
        expectOrder(a, b);
        expectOrder(a, a);
      }
    });
  }

  @Test
  @Order(5)
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
    expectOrder(map("A", 1000), map("A", 1000, "B", 0));
    expectOrder(map("A", 1000, "B", 1), map("A", 1000));
    // The history in section 4.4 of the Dynamo paper: D3 and D4 were written from D2 by two
    // different nodes, and D5 reconciles them.
    expectOrder(map("Sx", 2), map("Sx", 2, "Sy", 1));
    expectOrder(map("Sx", 2, "Sy", 1), map("Sx", 2, "Sz", 1));
    expectOrder(map("Sx", 3, "Sy", 1, "Sz", 1), map("Sx", 2, "Sy", 1));
    expectOrder(map("Sx", 2, "Sz", 1), map("Sx", 3, "Sy", 1, "Sz", 1));
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      long base = base(rnd);
      for (int i = 0; i < 10; i++) {
        expectOrder(randomCounters(rnd, 3, true, base), randomCounters(rnd, 3, true, base));
      }
      Map<String, Long> plain = randomCounters(rnd, 3, false, base);
      Map<String, Long> withZero = new TreeMap<>(plain);
      withZero.put("E", 0L);
      expectOrder(plain, withZero);
      Map<String, Long> withNew = new TreeMap<>(plain);
      withNew.put("E", 1L);
      expectOrder(plain, withNew);
      expectOrder(withNew, plain);
    });
  }

  @Test
  @Order(6)
  @DisplayName("compare is antisymmetric: a before b exactly when b after a")
  @Hint("compare-both-ways")
  void compareIsAntisymmetric() {
    expectMirrored(map("A", 1), map("A", 1, "B", 1));
    expectMirrored(map("A", 2, "B", 1), map("A", 1, "B", 2));
    expectMirrored(map("A", 1), map("A", 1, "B", 0));
    expectMirrored(map("A", 300), map("A", 300));
    Seeds.forEach(30, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      long base = base(rnd);
      for (int i = 0; i < 10; i++) {
        Map<String, Long> ma = randomCounters(rnd, 2, true, base);
        Map<String, Long> mb = rnd.nextInt(4) == 0 ? fresh(ma) : randomCounters(rnd, 2, true, base);
        if (rnd.nextInt(4) == 0) {
          mb.put("E", 0L);
        }
        expectMirrored(ma, mb);
      }
    });
  }

  /**
   * a.compare(b) and b.compare(a) mirror each other, and a.compare(a) is EQUAL. A failure gives
   * the model's answer for both directions.
   */
  private static void expectMirrored(Map<String, Long> ma, Map<String, Long> mb) {
    C a = of(ma);
    C b = of(fresh(mb));
    ClockOrder ab = compare(a, b);
    ClockOrder ba = compare(b, a);
    if (ba != mirror(ab)) {
      ClockOrder eab = order(ma, mb);
      ClockOrder eba = order(mb, ma);
      throw new AssertionError(a.expr + ".compare(" + b.expr + ") returned " + ab + " and "
          + b.expr + ".compare(" + a.expr + ") returned " + ba + "; expected " + eab + " and "
          + eba + ": " + why(ma, mb, eab) + ". a is BEFORE b exactly when b is AFTER a; EQUAL"
          + " and CONCURRENT hold both ways.");
    }
    ClockOrder self = compare(a, a);
    if (self != ClockOrder.EQUAL) {
      throw new AssertionError(a.expr + ".compare(itself) returned " + self
          + "; expected EQUAL: a clock is equal to itself.");
    }
  }

  @Test
  @Order(7)
  @DisplayName("siblings drops exactly the versions another descends from; repeats count once")
  @Hint("drop-dominated")
  void siblingsDropsExactlyTheDominated() {
    Ver d1 = ver(items("shirt"), map("Sx", 1));
    Ver d2 = ver(items("shirt", "shoes"), map("Sx", 2));
    Ver d3 = ver(items("shirt", "shoes", "hat"), map("Sx", 2, "Sy", 1));
    Ver d4 = ver(items("shirt", "shoes", "scarf"), map("Sx", 2, "Sz", 1));
    Ver d3Again = ver(items("shirt", "shoes", "hat"), map("Sx", 2, "Sy", 1, "Sz", 0));
    expectSiblings(List.of(d1, d2));
    expectSiblings(List.of(d2, d1));
    expectSiblings(List.of(d1, d2, d3, d4));
    expectSiblings(List.of(d4, d1, d3, d2));
    expectSiblings(List.of(d3, d4, d3Again));
    expectSiblings(List.of(d3, d4, d3Again, d3, d4));
    expectSiblings(List.of(d4));
    expectSiblings(List.of());
    Ver big = ver(items("kettle"), map("A", 1000, "B", 200));
    expectSiblings(List.of(big, ver(big.items, fresh(big.clock)), d1));
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      expectSiblings(randomVersions(rnd, base(rnd), true));
    });
  }

  @Test
  @Order(8)
  @DisplayName("reconcile unions the items and its clock descends from every sibling")
  @Hint("drop-dominated")
  void reconcileUnionsAndDescends() {
    Ver d3 = ver(items("shirt", "shoes", "hat"), map("Sx", 2, "Sy", 1));
    Ver d4 = ver(items("shirt", "shoes", "scarf"), map("Sx", 2, "Sz", 1));
    expectReconciled(List.of(d3, d4), "Sx");
    expectReconciled(List.of(d3), "Sy");
    expectReconciled(List.of(ver(items("lamp"), map("A", 1000, "B", 130))), "B");
    List<CartVersion> none = new ArrayList<>();
    String scenario = "Carts.reconcile([], \"Sx\")";
    CartVersion r;
    try {
      r = Carts.reconcile(none, "Sx");
    } catch (IllegalArgumentException expected) {
      r = null;
    } catch (UnsupportedOperationException e) {
      if (String.valueOf(e.getMessage()).contains("TODO")) {
        throw e;
      }
      throw new AssertionError(scenario + " threw " + describe(e)
          + "; expected IllegalArgumentException: there is nothing to reconcile.", e);
    } catch (RuntimeException e) {
      throw new AssertionError(scenario + " threw " + describe(e)
          + "; expected IllegalArgumentException: there is nothing to reconcile.", e);
    }
    if (r != null) {
      throw new AssertionError(scenario + " returned " + showLearner(r, scenario)
          + "; expected IllegalArgumentException: there is nothing to reconcile.");
    }
    Seeds.forEach(20, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      List<Ver> versions = randomVersions(rnd, base(rnd), true);
      String coordinator = rnd.nextInt(4) == 0 ? "E" : NODES[rnd.nextInt(3)];
      expectReconciled(versions, coordinator);
    });
  }

  @Test
  @Order(9)
  @DisplayName("reconcile keeps an item any sibling has, so a deleted item can come back")
  @Hint("drop-dominated")
  void deletedItemsCanResurface() {
    Ver base = ver(items("milk", "eggs", "bread"), map("Sx", 1));
    Ver removedEggs = ver(items("milk", "bread"), map("Sx", 2));
    Ver addedJam = ver(items("milk", "eggs", "bread", "jam"), map("Sx", 1, "Sy", 1));
    Ver addedJamAgain = ver(items("milk", "eggs", "bread", "jam"), map("Sx", 1, "Sy", 1, "Sz", 0));
    // Concurrent: one client removed eggs while another added jam. The union brings eggs back:
    // Dynamo's known anomaly (an add is never lost; a delete can be).
    expectReconciled(List.of(removedEggs, addedJam), "Sz");
    // Not concurrent: the removal descends from base, so base's eggs stay removed.
    expectReconciled(List.of(base, removedEggs), "Sx");
    expectReconciled(List.of(base, removedEggs, addedJam), "Sx");
    // A version listed twice is one version: its items count.
    expectReconciled(List.of(addedJam, addedJamAgain), "Sx");
    expectReconciled(List.of(removedEggs, addedJam, addedJamAgain), "Sz");
  }

  @Test
  @Order(10)
  @DisplayName("siblings and reconcile leave the caller's list alone and return their own")
  @Hint(COPY)
  void listsAreTheCallers() {
    Ver d1 = ver(items("shirt"), map("Sx", 1));
    Ver d2 = ver(items("shirt", "shoes"), map("Sx", 2));
    Ver d3 = ver(items("shirt", "shoes", "hat"), map("Sx", 2, "Sy", 1));
    Ver d4 = ver(items("shirt", "shoes", "scarf"), map("Sx", 2, "Sz", 1));
    Ver d3Again = ver(items("shirt", "shoes", "hat"), map("Sx", 2, "Sy", 1, "Sz", 0));
    Ver later = ver(items("socks"), map("Sx", 9, "Sy", 9, "Sz", 9));
    List<List<Ver>> cases = List.of(List.of(), List.of(d4), List.of(d2, d1), List.of(d3, d4),
        List.of(d1, d2, d3, d4), List.of(d4, d3Again, d1, d3));
    for (List<Ver> vs : cases) {
      List<CartVersion> versions = build(vs);
      String shown = shows(vs);
      // An unmodifiable argument is fine.
      List<CartVersion> fixed = List.copyOf(versions);
      String unmodifiable = " The argument may be an unmodifiable list (List.of): never change it.";
      call("Carts.siblings(List.of(" + shown.substring(1, shown.length() - 1) + "))",
          unmodifiable, () -> Carts.siblings(fixed));
      // The argument is unchanged right after the call.
      List<CartVersion> arg = new ArrayList<>(versions);
      String scenario = "Carts.siblings(" + shown + ")";
      List<CartVersion> result = call(scenario, () -> Carts.siblings(arg));
      if (!sameElements(arg, versions)) {
        throw Because.of(COPY, scenario + " changed the caller's list to "
            + showsLearner(arg, scenario) + "; siblings must leave its argument as it was.");
      }
      if (result == null) {
        throw new AssertionError(scenario + " returned null; expected a list.");
      }
      // Later changes to the caller's list must not show in the result.
      List<CartVersion> returned = new ArrayList<>(result);
      arg.clear();
      arg.add(new CartVersion(later.items, of(later.clock).clock));
      if (!sameElements(result, returned)) {
        throw Because.of(COPY, scenario + " returned " + showsLearner(returned, scenario)
            + "; when the caller then cleared its own list and added " + later.show()
            + ", the returned list changed to " + showsLearner(result, scenario)
            + ". siblings must return a list of its own.");
      }
      if (vs.isEmpty()) {
        continue;
      }
      List<CartVersion> fixedToo = List.copyOf(versions);
      call("Carts.reconcile(List.of(" + shown.substring(1, shown.length() - 1) + "), \"Sx\")",
          unmodifiable, () -> Carts.reconcile(fixedToo, "Sx"));
      List<CartVersion> argToo = new ArrayList<>(versions);
      String reconciling = "Carts.reconcile(" + shown + ", \"Sx\")";
      call(reconciling, () -> Carts.reconcile(argToo, "Sx"));
      if (!sameElements(argToo, versions)) {
        throw Because.of(COPY, reconciling + " changed the caller's list to "
            + showsLearner(argToo, reconciling) + "; reconcile must leave its argument as it was.");
      }
    }
  }

  // ---------------------------------------------------------------- checks

  private static void expectOrder(Map<String, Long> ma, Map<String, Long> mb) {
    ClockOrder expected = order(ma, mb);
    C a = of(ma);
    C b = of(fresh(mb));
    ClockOrder actual = compare(a, b);
    if (actual != expected) {
      throw new AssertionError(a.expr + ".compare(" + b.expr + ") returned " + actual
          + "; expected " + expected + ": " + why(ma, mb, expected) + ".");
    }
  }

  /** The learner's clock reads as the model says through entries() and get(). */
  private static void expectCounters(C actual, String rule) {
    Map<String, Long> got = counters(actual);
    Map<String, Long> want = actual.model;
    // A plain literal such as {A:1} was made with VectorClock.of; an expression says how it was made.
    String who = actual.expr.matches("\\{[^}]*\\}") ? "VectorClock.of(" + actual.expr + ")"
        : actual.expr;
    if (!got.equals(want)) {
      throw new AssertionError(who + " returned " + show(got) + "; expected " + show(want) + "."
          + rule);
    }
    for (String node : union(union(got.keySet(), want.keySet()), Set.of("A", "E", "Sx"))) {
      long g = get(actual, node);
      if (g != want.getOrDefault(node, 0L)) {
        throw new AssertionError(who + " has entries() " + show(got) + " but get(\""
            + node + "\") returned " + g + "; expected " + want.getOrDefault(node, 0L) + ".");
      }
    }
  }

  /** {@code c} still reads as its model; else "{@code what}: it now reads ...". */
  private static void expectUnchanged(C c, String what, String rule, String hint) {
    Map<String, Long> want = c.model;
    Map<String, Long> got = counters(c);
    String diff = null;
    if (!got.equals(want)) {
      diff = "entries() " + show(got);
    } else {
      for (String node : union(want.keySet(), Set.of("A", "Zed"))) {
        long g = get(c, node);
        if (g != want.getOrDefault(node, 0L)) {
          diff = "get(\"" + node + "\") = " + g;
          break;
        }
      }
    }
    if (diff != null) {
      throw Because.of(hint, what + ": it now reads " + diff + "; expected " + show(want) + "."
          + rule);
    }
  }

  private static void expectSiblings(List<Ver> input) {
    List<Ver> expected = modelSiblings(input);
    List<CartVersion> versions = build(input);
    String scenario = "Carts.siblings(" + shows(input) + ")";
    List<CartVersion> actual = call(scenario, () -> Carts.siblings(new ArrayList<>(versions)));
    if (actual == null) {
      throw new AssertionError(scenario + " returned null; expected a list.");
    }
    List<String> got = new ArrayList<>();
    for (CartVersion v : actual) {
      got.add(v == null ? "null" : showLearner(v, scenario));
    }
    got.sort(null);
    List<String> want = new ArrayList<>();
    expected.forEach(v -> want.add(v.key()));
    want.sort(null);
    if (got.equals(want)) {
      return;
    }
    StringBuilder why = new StringBuilder();
    for (String g : new TreeSet<>(got)) {
      if (!want.contains(g)) {
        for (Ver v : input) {
          if (v.key().equals(g)) {
            for (Ver w : input) {
              if (order(v.clock, w.clock) == ClockOrder.BEFORE) {
                why.append(" It kept ").append(g).append(", but ").append(w.key())
                    .append(" descends from it.");
                break;
              }
            }
            break;
          }
        }
      }
    }
    for (String w : new TreeSet<>(want)) {
      long count = got.stream().filter(w::equals).count();
      if (count == 0) {
        why.append(" It dropped ").append(w).append(", which no other version descends from.");
      } else if (count > 1) {
        why.append(" It kept ").append(w).append(' ').append(count)
            .append(" times; versions with equal clocks are one version, kept once.");
      }
    }
    StringJoiner expectedShown = new StringJoiner(", ", "[", "]");
    expected.forEach(v -> expectedShown.add(v.key()));
    throw new AssertionError(scenario + " returned " + got + "; expected " + expectedShown
        + " (in any order)." + why);
  }

  private static void expectReconciled(List<Ver> input, String coordinator) {
    Set<String> items = new TreeSet<>();
    modelSiblings(input).forEach(v -> items.addAll(v.items));
    Map<String, Long> clock = new TreeMap<>();
    for (Ver v : input) {
      clock = max(clock, v.clock);
    }
    clock.merge(coordinator, 1L, Long::sum);
    List<CartVersion> versions = build(input);
    String scenario = "Carts.reconcile(" + shows(input) + ", \"" + coordinator + "\")";
    CartVersion r = call(scenario, () -> Carts.reconcile(new ArrayList<>(versions), coordinator));
    String expected = new Ver(items, clock).key();
    if (r == null) {
      throw new AssertionError(scenario + " returned null; expected " + expected + ".");
    }
    if (!new TreeSet<>(r.items()).equals(items)) {
      Set<String> missing = new TreeSet<>(items);
      missing.removeAll(r.items());
      Set<String> extra = new TreeSet<>(r.items());
      extra.removeAll(items);
      throw new AssertionError(scenario + " returned " + showLearner(r, scenario)
          + "; expected the items " + items
          + (missing.isEmpty() ? "" : ". Missing " + missing + ": the reconciled cart holds every"
              + " item of every version that no other version in the list strictly descends"
              + " from (no concurrent version wins, and a version listed twice still counts),"
              + " even an item that a concurrent version removed")
          + (extra.isEmpty() ? "" : ". Extra " + extra + ": items of a version that another"
              + " version strictly descends from do not count, and nothing else may be added")
          + ".");
    }
    Map<String, Long> got = counters(new C(r.clock(), scenario + ".clock()", null));
    if (!got.equals(nonZero(clock))) {
      throw new AssertionError(scenario + " returned the clock " + show(got) + "; expected "
          + show(clock) + ": the merge (pointwise max) of all the versions' clocks, then one"
          + " increment by the coordinator " + coordinator + ".");
    }
  }

  // ---------------------------------------------------------------- calls into learner code

  /**
   * A learner clock, how it was made (for messages: {A:1} stands for VectorClock.of), and the
   * counters the model says it holds (zeros dropped; null where the suite does not know).
   */
  private record C(VectorClock clock, String expr, Map<String, Long> model) {}

  /** A version as the model holds it: items and counters (zeros as given). */
  private record Ver(Set<String> items, Map<String, Long> clock) {
    /** As given, explicit zeros included: how an input is shown. */
    String show() {
      return new TreeSet<>(items) + " @ " + VectorClockSuite.show(clock);
    }

    /** Zeros dropped: how a result is compared and shown. */
    String key() {
      return new TreeSet<>(items) + " @ " + VectorClockSuite.show(nonZero(clock));
    }
  }

  private static C empty() {
    VectorClock c = call("new VectorClock()", VectorClock::new);
    return notNull(c, "new VectorClock()", new TreeMap<>());
  }

  /** VectorClock.of on a fresh modifiable copy of {@code m}, so the model is never touched. */
  private static C of(Map<String, Long> m) {
    return of(new LinkedHashMap<>(m), show(m), "");
  }

  /**
   * VectorClock.of(arg) while arg holds the counters it has now; {@code shown} is arg as messages
   * write it ({A:1} or Map.of(...)), {@code advice} follows the message if of throws.
   */
  private static C of(Map<String, Long> arg, String shown, String advice) {
    Map<String, Long> model = nonZero(arg);
    String scenario = "VectorClock.of(" + shown + ")";
    VectorClock c = call(scenario, advice, () -> VectorClock.of(arg));
    return notNull(c, shown.startsWith("{") ? shown : scenario, model);
  }

  /** c.increment(node), with c checked unchanged right after the call. */
  private static C inc(C c, String node) {
    String scenario = c.expr + ".increment(\"" + node + "\")";
    VectorClock r = call(scenario, () -> c.clock.increment(node));
    expectUnchanged(c, scenario + " changed the clock it was called on",
        " Clocks are immutable: increment returns a new clock and leaves this one as it was.",
        "increment-and-merge");
    Map<String, Long> model = new TreeMap<>(c.model);
    model.merge(node, 1L, Long::sum);
    return notNull(r, scenario, model);
  }

  /** a.merge(b), with a and b checked unchanged right after the call. */
  private static C merge(C a, C b) {
    String scenario = a.expr + ".merge(" + (a == b ? "itself" : b.expr) + ")";
    VectorClock r = call(scenario, () -> a.clock.merge(b.clock));
    String rule = " Clocks are immutable: merge returns a new clock and changes neither.";
    expectUnchanged(a, scenario + " changed the clock it was called on", rule,
        "increment-and-merge");
    expectUnchanged(b, scenario + " changed its argument", rule, "increment-and-merge");
    return notNull(r, scenario, max(a.model, b.model));
  }

  private static ClockOrder compare(C a, C b) {
    String scenario = a.expr + ".compare(" + (a == b ? "itself" : b.expr) + ")";
    ClockOrder o = call(scenario, () -> a.clock.compare(b.clock));
    if (o == null) {
      throw new AssertionError(scenario + " returned null; expected BEFORE, AFTER, EQUAL or"
          + " CONCURRENT.");
    }
    return o;
  }

  private static long get(C c, String node) {
    return call(c.expr + ".get(\"" + node + "\")", () -> c.clock.get(node));
  }

  private static Map<String, Long> entries(C c) {
    Map<String, Long> m = call(c.expr + ".entries()", () -> c.clock.entries());
    if (m == null) {
      throw new AssertionError(c.expr + ".entries() returned null; expected a map of node to"
          + " counter.");
    }
    return m;
  }

  /** The learner's counters, zeros dropped, sorted by node. */
  private static Map<String, Long> counters(C c) {
    Map<String, Long> m = entries(c);
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> {
      if (v == null) {
        throw new AssertionError(c.expr + ".entries() maps " + k + " to null; expected a"
            + " counter.");
      }
      if (v != 0) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static C notNull(VectorClock c, String scenario, Map<String, Long> model) {
    if (c == null) {
      throw new AssertionError(scenario + " returned null; expected a clock.");
    }
    return new C(c, scenario, model);
  }

  /**
   * Runs learner code; an exception becomes a failure that names the scenario (the clocks or
   * versions involved) and the learner's line. A TODO left in the stub passes through, so the
   * grader reports it as not implemented yet.
   */
  private static <T> T call(String scenario, Supplier<T> body) {
    return call(scenario, "", body);
  }

  private static <T> T call(String scenario, String advice, Supplier<T> body) {
    try {
      return body.get();
    } catch (UnsupportedOperationException e) {
      if (String.valueOf(e.getMessage()).contains("TODO")) {
        throw e;
      }
      throw new AssertionError(scenario + " threw " + describe(e) + "." + advice, e);
    } catch (RuntimeException e) {
      throw new AssertionError(scenario + " threw " + describe(e) + "." + advice, e);
    }
  }

  private static String describe(RuntimeException e) {
    StringBuilder s = new StringBuilder(e.getClass().getSimpleName());
    if (e.getMessage() != null) {
      s.append(" (").append(e.getMessage()).append(')');
    }
    for (StackTraceElement f : e.getStackTrace()) {
      if ("VectorClock.java".equals(f.getFileName()) || "Carts.java".equals(f.getFileName())) {
        s.append(" at ").append(f.getFileName()).append(':').append(f.getLineNumber())
            .append(" (in ").append(f.getMethodName()).append(')');
        break;
      }
    }
    return s.toString();
  }

  private static List<CartVersion> build(List<Ver> vs) {
    List<CartVersion> out = new ArrayList<>();
    for (Ver v : vs) {
      out.add(new CartVersion(v.items, of(fresh(v.clock)).clock));
    }
    return out;
  }

  private static boolean sameElements(List<CartVersion> a, List<CartVersion> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }

  private static String showLearner(CartVersion v, String scenario) {
    return new TreeSet<>(v.items()) + " @ " + show(counters(new C(v.clock(), "a clock that "
        + scenario + " returned", null)));
  }

  private static String showsLearner(List<CartVersion> vs, String scenario) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    vs.forEach(v -> j.add(v == null ? "null" : showLearner(v, scenario)));
    return j.toString();
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

  /**
   * The versions no other version strictly descends from, each clock once (the first of equal
   * clocks stands for all: the suite gives equal clocks the same items).
   */
  private static List<Ver> modelSiblings(List<Ver> versions) {
    List<Ver> kept = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      Map<String, Long> ci = versions.get(i).clock;
      boolean keep = true;
      for (int j = 0; j < versions.size(); j++) {
        ClockOrder o = order(ci, versions.get(j).clock);
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

  /**
   * 1 to 7 versions with distinct clocks over A, B, C (each counter missing, or base + 1 or
   * base + 2) and their own items; with {@code repeats}, sometimes one or two repeats of a
   * version (its items, its clock boxed afresh, and sometimes an explicit zero).
   */
  private static List<Ver> randomVersions(SplittableRandom rnd, long base, boolean repeats) {
    int count = 1 + rnd.nextInt(7);
    List<Ver> versions = new ArrayList<>();
    Set<Map<String, Long>> seen = new HashSet<>();
    String[] shared = {"apple", "book", "cable"};
    while (versions.size() < count) {
      Map<String, Long> c = new TreeMap<>();
      for (String node : new String[] {"A", "B", "C"}) {
        long v = rnd.nextInt(3);
        if (v > 0) {
          c.put(node, base + v);
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
      versions.add(new Ver(items, c));
    }
    int copies = repeats ? rnd.nextInt(3) : 0;
    for (int i = 0; i < copies; i++) {
      Ver v = versions.get(rnd.nextInt(versions.size()));
      Map<String, Long> c = fresh(v.clock);
      if (rnd.nextBoolean()) {
        c.put("E", 0L);
      }
      versions.add(rnd.nextInt(versions.size() + 1), new Ver(v.items, c));
    }
    return versions;
  }

  /** 0 (counters 1 to 4), or counters just around 127, or in the thousands. */
  private static long base(SplittableRandom rnd) {
    switch (rnd.nextInt(4)) {
      case 0:
        return 125;
      case 1:
        return 996 + rnd.nextInt(4000);
      default:
        return 0;
    }
  }

  /** Each of the first {@code nodes} of A..D: missing, base + 1..4, or (if allowed) explicit 0. */
  private static Map<String, Long> randomCounters(SplittableRandom rnd, int nodes, boolean zeros,
      long base) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < nodes; i++) {
      int r = rnd.nextInt(6);
      if (r == 0) {
        continue;
      }
      if (r == 1 && zeros) {
        m.put(NODES[i], 0L);
      } else {
        m.put(NODES[i], base + 1 + rnd.nextInt(4));
      }
    }
    return m;
  }

  // ---------------------------------------------------------------- helpers

  private static Ver ver(Set<String> items, Map<String, Long> clock) {
    return new Ver(items, clock);
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

  /** The same counters in newly boxed Longs (Java shares boxes only from -128 to 127). */
  private static Map<String, Long> fresh(Map<String, Long> m) {
    Map<String, Long> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, Long.valueOf(v.longValue())));
    return out;
  }

  /** {@code m} as Java source: Map.of("A", 1L, "B", 0L). */
  private static String javaMapOf(Map<String, Long> m) {
    StringJoiner j = new StringJoiner(", ", "Map.of(", ")");
    m.forEach((k, v) -> j.add("\"" + k + "\", " + v + "L"));
    return j.toString();
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

  private static String shows(List<Ver> versions) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    versions.forEach(v -> j.add(v.show()));
    return j.toString();
  }
}
