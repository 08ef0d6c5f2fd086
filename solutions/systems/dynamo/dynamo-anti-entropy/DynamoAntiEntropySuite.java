import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for dynamo-anti-entropy. The suite keeps its own model of each replica (per key,
 * the versions no other version given to it supersedes) and judges the learner's replicas
 * against it: what they hold, which of their tree nodes must be equal or differ, and what a sync
 * may cost. The other replica of a sync is wrapped in a view that counts every call, as messages
 * between two machines would be counted. Every expected value comes from the model.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class DynamoAntiEntropySuite {

  // ---- the model ----

  /** What a replica must hold: per key, its latest versions. */
  private static final class Model {
    final Map<String, Set<DynamoVersion>> data = new TreeMap<>();

    void keep(String key, DynamoVersion v) {
      Set<DynamoVersion> held = data.computeIfAbsent(key, k -> new HashSet<>());
      for (DynamoVersion u : held) {
        if (u.covers(v)) {
          return;
        }
      }
      held.removeIf(v::covers);
      held.add(v);
    }

    Model copy() {
      Model m = new Model();
      data.forEach((k, s) -> m.data.put(k, new HashSet<>(s)));
      return m;
    }

    Map<String, Set<DynamoVersion>> leaf(int index, int depth) {
      Map<String, Set<DynamoVersion>> out = new TreeMap<>();
      data.forEach((k, s) -> {
        if (DynamoPeer.leafOf(k, depth) == index) {
          out.put(k, s);
        }
      });
      return out;
    }
  }

  /** The other replica of a sync, counting every call made on it. */
  private static final class Counting implements DynamoPeer {
    final DynamoRangeReplica inner;
    final List<String> calls = new ArrayList<>();
    final List<long[]> hashes = new ArrayList<>();
    final List<Integer> leaves = new ArrayList<>();
    final List<Set<String>> received = new ArrayList<>();
    int receivedKeys;

    Counting(DynamoRangeReplica inner) {
      this.inner = inner;
    }

    @Override
    public int depth() {
      calls.add("depth()");
      return inner.depth();
    }

    @Override
    public long hash(int level, int index) {
      calls.add("hash(" + level + ", " + index + ")");
      hashes.add(new long[] {level, index});
      return inner.hash(level, index);
    }

    @Override
    public Map<String, List<DynamoVersion>> leaf(int index) {
      calls.add("leaf(" + index + ")");
      leaves.add(index);
      return inner.leaf(index);
    }

    @Override
    public void receive(Map<String, List<DynamoVersion>> versions) {
      calls.add("receive(" + versions.size() + " keys)");
      received.add(new TreeSet<>(versions.keySet()));
      receivedKeys += versions.size();
      Map<String, List<DynamoVersion>> copy = new HashMap<>();
      versions.forEach((k, l) -> copy.put(k, new ArrayList<>(l)));
      inner.receive(copy);
    }
  }

  // ---- helpers ----

  private static DynamoVersion v(String value, Object... clock) {
    Map<String, Long> c = new TreeMap<>();
    for (int i = 0; i < clock.length; i += 2) {
      c.put((String) clock[i], ((Number) clock[i + 1]).longValue());
    }
    return new DynamoVersion(value, c);
  }

  static String text(DynamoVersion v) {
    return v.value() + new TreeMap<>(v.clock());
  }

  static String texts(java.util.Collection<DynamoVersion> vs) {
    List<String> parts = new ArrayList<>();
    vs.forEach(x -> parts.add(text(x)));
    Collections.sort(parts);
    return parts.toString();
  }

  private static DynamoRangeReplica replica(int depth, String story) {
    try {
      return new DynamoRangeReplica(depth);
    } catch (RuntimeException e) {
      throw Because.of("arguments", story + ": new DynamoRangeReplica(" + depth + ") threw "
          + e.getClass().getSimpleName() + "; depths 0 to 16 are valid.", e);
    }
  }

  /** Fills {@code r} from {@code m}: keys in a shuffled order, each key's versions shuffled. */
  private static void fill(DynamoRangeReplica r, Model m, SplittableRandom rng, boolean viaReceive,
      String story) {
    List<String> keys = new ArrayList<>(m.data.keySet());
    shuffle(keys, rng);
    Map<String, List<DynamoVersion>> batch = new LinkedHashMap<>();
    for (String k : keys) {
      List<DynamoVersion> vs = new ArrayList<>(m.data.get(k));
      shuffle(vs, rng);
      if (viaReceive) {
        batch.put(k, vs);
      } else {
        for (DynamoVersion x : vs) {
          try {
            r.put(k, x);
          } catch (RuntimeException e) {
            throw Because.of("keep-siblings", story + ": put(" + k + ", " + text(x) + ") threw "
                + e.getClass().getSimpleName() + ".", e);
          }
        }
      }
    }
    if (viaReceive) {
      try {
        r.receive(batch);
      } catch (RuntimeException e) {
        throw Because.of("keep-siblings", story + ": receive of " + batch.size() + " keys threw "
            + e.getClass().getSimpleName() + ".", e);
      }
    }
  }

  private static <T> void shuffle(List<T> list, SplittableRandom rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, rng.nextInt(i + 1));
    }
  }

  /** The replica holds exactly the model's versions for every key of {@code keys}. */
  private static void assertHolds(DynamoRangeReplica r, Model m, Set<String> keys, String who,
      String story, String hint) {
    for (String k : keys) {
      Set<DynamoVersion> want = m.data.getOrDefault(k, Set.of());
      List<DynamoVersion> got = r.get(k);
      if (!new HashSet<>(got).equals(want) || got.size() != want.size()) {
        throw Because.of(hint, story + ": " + who + ".get(" + k + ") is " + texts(got)
            + ", but it must hold " + texts(want) + ": the versions, among all it was given for "
            + k + ", that no other one covers (concurrent ones as siblings, each once).");
      }
    }
  }

  /** The differing leaves of two models, in order. */
  private static List<Integer> differing(Model a, Model b, int depth) {
    Set<Integer> out = new TreeSet<>();
    Set<String> keys = new TreeSet<>(a.data.keySet());
    keys.addAll(b.data.keySet());
    for (String k : keys) {
      if (!a.data.getOrDefault(k, Set.of()).equals(b.data.getOrDefault(k, Set.of()))) {
        out.add(DynamoPeer.leafOf(k, depth));
      }
    }
    return new ArrayList<>(out);
  }

  /** Whether the subtree of node (level, index) contains one of {@code leaves}. */
  private static boolean below(int level, int index, int depth, Set<Integer> leaves) {
    int shift = depth - level;
    for (int leaf : leaves) {
      if ((leaf >> shift) == index) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every node of a and b: equal exactly when no differing leaf is below it. Hint per cause:
   * equal where it must differ is a collision, different where it must be equal a hash that is
   * not canonical (or a stale one).
   */
  private static void assertTrees(DynamoRangeReplica a, DynamoRangeReplica b, int depth,
      Set<Integer> diffLeaves, String story, String unequalWhy) {
    for (int level = 0; level <= depth; level++) {
      for (int i = 0; i < (1 << level); i++) {
        boolean differ = below(level, i, depth, diffLeaves);
        long x = a.hash(level, i);
        long y = b.hash(level, i);
        if (differ && x == y) {
          throw Because.of("canonical-hashes", story + ": node (" + level + ", " + i + ") has "
              + "the hash " + x + " in both replicas, but leaf " + diffLeaves + " below it holds "
              + "different contents. Hash an encoding that cannot confuse two contents: every "
              + "string with its length before it, keys, versions and clock entries in a "
              + "canonical order, values and clocks both, through Hashing.hash64.");
        }
        if (!differ && x != y) {
          throw Because.of("canonical-hashes", story + ": node (" + level + ", " + i + ") has "
              + "the hashes " + x + " and " + y + ", but the leaves below it hold the same "
              + "contents in both replicas" + unequalWhy + ". A leaf's hash may depend only on "
              + "the set of its keys with the set of their versions: sort keys, versions and "
              + "clock entries, and after every put or receive rehash the leaf and every node "
              + "above it.");
        }
      }
    }
  }

  // ---- 1. keeping ----

  @Test
  @Order(1)
  @DisplayName("a replica keeps siblings, drops superseded versions, ignores older ones")
  @Hint("keep-siblings")
  void keepingFollowsTheClocks() {
    DynamoVersion a1 = v("a1", "a", 1);
    DynamoVersion a2 = v("a2", "a", 2);
    DynamoVersion b1 = v("b1", "b", 1);
    DynamoVersion m = v("m", "a", 2, "b", 1);
    List<List<DynamoVersion>> orders = List.of(List.of(a1, a2, b1), List.of(a2, a1, b1),
        List.of(b1, a2, a1), List.of(a1, b1, a2, a1), List.of(a1, b1, m), List.of(m, a1, b1, a2),
        List.of(b1, a1), List.of(a2, a2));
    for (List<DynamoVersion> order : orders) {
      for (boolean viaReceive : new boolean[] {false, true}) {
        Model model = new Model();
        order.forEach(x -> model.keep("k", x));
        DynamoRangeReplica r = replica(2, "keeping");
        List<String> shown = new ArrayList<>();
        order.forEach(x -> shown.add(text(x)));
        String story = (viaReceive ? "receive({k: " + shown + "})" : "put(k, ...) of " + shown
            + " in that order") + " into an empty replica";
        if (viaReceive) {
          r.receive(new HashMap<>(Map.of("k", new ArrayList<>(order))));
        } else {
          order.forEach(x -> r.put("k", x));
        }
        assertHolds(r, model, Set.of("k"), "the replica", story, "keep-siblings");
      }
    }
    Seeds.forEach(20, seed -> {
      SplittableRandom rng = new SplittableRandom(seed);
      Model model = new Model();
      List<String[]> puts = new ArrayList<>();
      DynamoRangeReplica r = replica(3, "keeping");
      for (int i = 0; i < 300; i++) {
        String key = "key-" + rng.nextInt(12);
        Map<String, Long> c = new TreeMap<>();
        for (String id : List.of("a", "b", "c")) {
          if (rng.nextInt(3) > 0) {
            c.put(id, 1L + rng.nextInt(4));
          }
        }
        if (c.isEmpty()) {
          c.put("a", 1L);
        }
        DynamoVersion x = new DynamoVersion(key + "@" + new TreeMap<>(c), c);
        model.keep(key, x);
        r.put(key, x);
      }
      assertHolds(r, model, model.data.keySet(), "the replica", "seed " + seed + ": 300 "
          + "puts of random clocks over a, b, c (counters 1 to 4) to 12 keys", "keep-siblings");
    });
  }

  // ---- 2. arguments ----

  @Test
  @Order(2)
  @DisplayName("depths 0 to 16; positions outside the tree and a sync of another depth rejected")
  @Hint("arguments")
  void argumentsAreChecked() {
    for (int bad : new int[] {-1, 17}) {
      try {
        new DynamoRangeReplica(bad);
      } catch (IllegalArgumentException expected) {
        continue;
      }
      throw Because.of("arguments", "new DynamoRangeReplica(" + bad + ") returned; depths "
          + "outside 0 to 16 are an IllegalArgumentException.");
    }
    replica(0, "depth 0");
    DynamoRangeReplica r = replica(3, "depth 3");
    replica(16, "depth 16");
    int[][] outside = {{-1, 0}, {-2, 0}, {4, 0}, {0, 1}, {2, 4}, {3, 8}, {1, -1}};
    for (int[] p : outside) {
      try {
        r.hash(p[0], p[1]);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (RuntimeException e) {
        throw Because.of("arguments", "hash(" + p[0] + ", " + p[1] + ") on a tree of depth 3 "
            + "threw " + e.getClass().getSimpleName() + "; expected IllegalArgumentException.", e);
      }
      throw Because.of("arguments", "hash(" + p[0] + ", " + p[1] + ") on a tree of depth 3 "
          + "returned; that node is outside the tree: IllegalArgumentException.");
    }
    for (int i : new int[] {-1, 8}) {
      try {
        r.leaf(i);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (RuntimeException e) {
        throw Because.of("arguments", "leaf(" + i + ") on a tree of depth 3 threw "
            + e.getClass().getSimpleName() + "; expected IllegalArgumentException.", e);
      }
      throw Because.of("arguments", "leaf(" + i + ") on a tree of depth 3 returned; leaves are "
          + "0 to 7: IllegalArgumentException.");
    }
    for (int[] pair : new int[][] {{3, 4}, {4, 3}, {0, 1}}) {
      DynamoRangeReplica a = replica(pair[0], "sync");
      DynamoRangeReplica b = replica(pair[1], "sync");
      a.put("k", v("x", "a", 1));
      Counting other = new Counting(b);
      try {
        a.syncWith(other);
      } catch (IllegalArgumentException expected) {
        List<String> more = new ArrayList<>(other.calls);
        more.removeIf(c -> c.equals("depth()"));
        if (more.isEmpty()) {
          continue;
        }
        throw Because.of("arguments", "A replica of depth " + pair[0] + " synced with one of "
            + "depth " + pair[1] + " threw IllegalArgumentException, but only after calling "
            + more + " on the other. Check other.depth() before anything else.");
      } catch (RuntimeException e) {
        throw Because.of("arguments", "A replica of depth " + pair[0] + " synced with one of "
            + "depth " + pair[1] + " threw " + e.getClass().getSimpleName() + " after "
            + other.calls + "; expected IllegalArgumentException before any call but depth().",
            e);
      }
      throw Because.of("arguments", "A replica of depth " + pair[0] + " synced with one of depth "
          + pair[1] + " and returned, after " + other.calls + ". Trees of different depths "
          + "cannot be compared: throw IllegalArgumentException.");
    }
  }

  // ---- 3. hashes ----

  /** A probe: two contents that differ, as lists of (key, version) to put. */
  private record Probe(String name, Map<String, List<DynamoVersion>> left,
      Map<String, List<DynamoVersion>> right) {}

  /** A key other than {@code key} in the same leaf at {@code depth}. */
  private static String sameLeaf(String key, int depth) {
    for (int i = 0; ; i++) {
      String k = "other-" + i;
      if (DynamoPeer.leafOf(k, depth) == DynamoPeer.leafOf(key, depth)) {
        return k;
      }
    }
  }

  private static List<Probe> probes(int depth) {
    String k2 = sameLeaf("k", depth);
    List<Probe> p = new ArrayList<>();
    p.add(new Probe("two siblings of k that swap their values",
        Map.of("k", List.of(v("x", "a", 1), v("y", "b", 1))),
        Map.of("k", List.of(v("y", "a", 1), v("x", "b", 1)))));
    p.add(new Probe("the clocks {a=1, b=2} and {a=2, b=1} of one value",
        Map.of("k", List.of(v("x", "a", 1, "b", 2))),
        Map.of("k", List.of(v("x", "a", 2, "b", 1)))));
    p.add(new Probe("x with {a=12} against x1 with {a=2}",
        Map.of("k", List.of(v("x", "a", 12))), Map.of("k", List.of(v("x1", "a", 2)))));
    p.add(new Probe("xa with {b=1} against x with {ab=1}",
        Map.of("k", List.of(v("xa", "b", 1))), Map.of("k", List.of(v("x", "ab", 1)))));
    p.add(new Probe("k with two siblings against k and " + k2 + " (same leaf) with one each",
        Map.of("k", List.of(v("v", "a", 1), v("w", "b", 1))),
        Map.of("k", List.of(v("v", "a", 1)), k2, List.of(v("w", "b", 1)))));
    p.add(new Probe("a value changed", Map.of("k", List.of(v("x", "a", 1))),
        Map.of("k", List.of(v("y", "a", 1)))));
    p.add(new Probe("one key more", Map.of("k", List.of(v("x", "a", 1))),
        Map.of("k", List.of(v("x", "a", 1)), k2, List.of(v("x", "a", 1)))));
    p.add(new Probe("an empty replica against one key", Map.of(),
        Map.of("k", List.of(v("x", "a", 1)))));
    p.add(new Probe("one sibling more", Map.of("k", List.of(v("x", "a", 1))),
        Map.of("k", List.of(v("x", "a", 1), v("y", "b", 1)))));
    return p;
  }

  @Test
  @Order(3)
  @DisplayName("equal contents give equal hashes, whatever the order; a change alters its path")
  @Hint("canonical-hashes")
  void hashesFollowTheContents() {
    for (int depth : new int[] {0, 3, 8}) {
      for (Probe probe : probes(depth)) {
        Model left = new Model();
        probe.left().forEach((k, l) -> l.forEach(x -> left.keep(k, x)));
        Model right = new Model();
        probe.right().forEach((k, l) -> l.forEach(x -> right.keep(k, x)));
        DynamoRangeReplica a = replica(depth, probe.name());
        DynamoRangeReplica b = replica(depth, probe.name());
        fill(a, left, new SplittableRandom(1), false, probe.name());
        fill(b, right, new SplittableRandom(2), false, probe.name());
        assertTrees(a, b, depth, new HashSet<>(differing(left, right, depth)), "Depth " + depth
            + ", " + probe.name(), "");
      }
    }
    Seeds.forEach(9, seed -> {
      SplittableRandom rng = new SplittableRandom(seed * 101);
      int depth = new int[] {0, 3, 8}[(int) (seed % 3)];
      // a leaf is rehashed whole on every write, so depth 0 (one leaf) gets fewer keys
      int most = depth == 0 ? 150 : 800;
      Model m = randomModel(rng, seed % 4 == 0 ? 0 : 1 + rng.nextInt(most), seed % 2 == 0);
      DynamoRangeReplica a = replica(depth, "hashes");
      DynamoRangeReplica b = replica(depth, "hashes");
      fill(a, m, rng, false, "hashes");
      fill(b, m, rng, true, "hashes");
      String story = "Seed " + seed + ", depth " + depth + ", " + m.data.size() + " keys put in "
          + "one order into one replica and received in another order (siblings shuffled too) "
          + "by the other";
      assertTrees(a, b, depth, Set.of(), story, "");
      // incremental: more writes to one, then a fresh replica built from its contents
      Model more = m.copy();
      for (int i = 0; i < 200; i++) {
        String key = rng.nextInt(2) == 0 && !more.data.isEmpty()
            ? new ArrayList<>(more.data.keySet()).get(rng.nextInt(more.data.size()))
            : "new-" + rng.nextInt(400);
        DynamoVersion x = v(key + "." + i, "w", 100 + i);
        more.keep(key, x);
        if (i % 2 == 0) {
          a.put(key, x);
        } else {
          a.receive(new HashMap<>(Map.of(key, new ArrayList<>(List.of(x)))));
        }
      }
      DynamoRangeReplica fresh = replica(depth, "hashes");
      fill(fresh, more, rng, false, "hashes");
      assertHolds(a, more, more.data.keySet(), "the replica", story + ", then 200 more "
          + "versions by put and receive", "keep-siblings");
      assertTrees(a, fresh, depth, Set.of(), story + "; then 200 more versions went into the "
          + "first by put and receive, and a fresh replica was built from its contents",
          " (the first replica's tree was not brought up to date by put or receive?)");
    });
  }

  // ---- 4. own data ----

  @Test
  @Order(4)
  @DisplayName("leaf, get and receive copy what they hand out and keep")
  @Hint("own-your-data")
  void replicasOwnTheirData() {
    DynamoRangeReplica r = replica(2, "own data");
    List<DynamoVersion> mine = new ArrayList<>(List.of(v("x", "a", 1), v("y", "b", 1)));
    Map<String, List<DynamoVersion>> batch = new HashMap<>();
    batch.put("k", mine);
    r.receive(batch);
    long before = r.hash(0, 0);
    mine.clear();
    mine.add(v("z", "c", 9));
    batch.put("k2", new ArrayList<>(List.of(v("q", "a", 1))));
    Model model = new Model();
    model.keep("k", v("x", "a", 1));
    model.keep("k", v("y", "b", 1));
    assertHolds(r, model, Set.of("k", "k2"), "the replica", "After receive({k: [x{a=1}, "
        + "y{b=1}]}), the caller changed its list to [z{c=9}] and added k2 to its map",
        "own-your-data");
    int leaf = DynamoPeer.leafOf("k", 2);
    Map<String, List<DynamoVersion>> got = r.leaf(leaf);
    try {
      got.get("k").clear();
    } catch (UnsupportedOperationException fine) {
      // an unmodifiable list is a copy too
    }
    try {
      got.clear();
      got.put("zz", List.of(v("zz", "a", 1)));
    } catch (UnsupportedOperationException fine) {
      // as above
    }
    assertHolds(r, model, Set.of("k", "zz"), "the replica", "After the caller cleared the list "
        + "that leaf(" + leaf + ") returned for k, and the map itself", "own-your-data");
    try {
      r.get("k").clear();
    } catch (UnsupportedOperationException fine) {
      // as above
    }
    assertHolds(r, model, Set.of("k"), "the replica", "After the caller cleared the list that "
        + "get(k) returned", "own-your-data");
    if (r.hash(0, 0) != before) {
      throw Because.of("own-your-data", "The root hash changed from " + before + " to "
          + r.hash(0, 0) + " while only the caller's own map and lists changed.");
    }
    Map<String, List<DynamoVersion>> again = r.leaf(leaf);
    Map<String, Set<DynamoVersion>> asSets = new TreeMap<>();
    again.forEach((k, l) -> asSets.put(k, new HashSet<>(l)));
    if (!asSets.equals(model.leaf(leaf, 2))) {
      throw Because.of("own-your-data", "leaf(" + leaf + ") is " + again + ", but the leaf "
          + "holds " + model.leaf(leaf, 2) + ".");
    }
  }

  // ---- 5 and 6. sync: convergence and cost ----

  private static String randomKey(SplittableRandom rng, boolean structured, int i) {
    return structured ? "key-" + i : Long.toHexString(rng.nextLong());
  }

  private static Model randomModel(SplittableRandom rng, int keys, boolean structured) {
    Model m = new Model();
    for (int i = 0; i < keys; i++) {
      String k = randomKey(rng, structured, i);
      m.keep(k, v(k + ".0", "a", 1 + rng.nextInt(3)));
      if (rng.nextInt(5) == 0) {
        m.keep(k, v(k + ".s", "b", 1));
      }
    }
    return m;
  }

  /** Makes the two models diverge on {@code changes} keys, in the ways a sync must handle. */
  private static String diverge(Model a, Model b, SplittableRandom rng, int changes, int mode) {
    List<String> keys = new ArrayList<>(a.data.keySet());
    Map<String, Integer> kinds = new TreeMap<>();
    for (int i = 0; i < changes; i++) {
      int kind = mode >= 0 ? mode : rng.nextInt(6);
      String key = keys.isEmpty() || kind >= 4 ? "only-" + rng.nextInt(1_000_000)
          : keys.get(rng.nextInt(keys.size()));
      String[] names = {"newer on one side", "newer on the other", "concurrent writes",
          "a sibling on one side", "a key on one side only", "a key on the other side only"};
      kinds.merge(names[kind], 1, Integer::sum);
      switch (kind) {
        case 0 -> a.keep(key, v(key + ".n" + i, "a", 10 + i, "b", 5));
        case 1 -> b.keep(key, v(key + ".n" + i, "a", 10 + i, "b", 5));
        case 2 -> {
          a.keep(key, v(key + ".x" + i, "x", 1 + i));
          b.keep(key, v(key + ".y" + i, "y", 1 + i));
        }
        case 3 -> a.keep(key, v(key + ".c" + i, "c", 1 + i));
        case 4 -> a.keep(key, v(key + ".o" + i, "o", 1 + i));
        default -> b.keep(key, v(key + ".p" + i, "p", 1 + i));
      }
    }
    return kinds.toString();
  }

  /** Runs one sync and judges it: cost, then convergence. */
  private static void syncAndJudge(Model ma, Model mb, int depth, SplittableRandom rng,
      String story) {
    DynamoRangeReplica a = replica(depth, story);
    DynamoRangeReplica b = replica(depth, story);
    fill(a, ma, rng, rng.nextBoolean(), story);
    fill(b, mb, rng, rng.nextBoolean(), story);
    List<Integer> diff = differing(ma, mb, depth);
    Set<Integer> diffSet = new HashSet<>(diff);
    int inner = 0;
    for (int level = 0; level < depth; level++) {
      for (int i = 0; i < (1 << level); i++) {
        inner += below(level, i, depth, diffSet) ? 1 : 0;
      }
    }
    Counting other = new Counting(b);
    try {
      a.syncWith(other);
    } catch (RuntimeException e) {
      throw Because.of("top-down-walk", story + ": syncWith threw " + e.getClass()
          .getSimpleName() + " after the calls " + tail(other.calls) + ".", e);
    }
    String calls = " (calls on the other replica: " + tail(other.calls) + ")";
    // the walk
    Set<String> asked = new HashSet<>();
    for (long[] p : other.hashes) {
      String pos = "(" + p[0] + ", " + p[1] + ")";
      if (!asked.add(pos)) {
        throw Because.of("top-down-walk", story + ": the sync asked for the other replica's "
            + "hash of node " + pos + " twice" + calls + ". Each node at most once.");
      }
    }
    int bound = 1 + 2 * inner;
    if (other.hashes.size() > bound) {
      throw Because.of("top-down-walk", story + ": the trees differ in " + diff.size()
          + " leaf(s) " + shortList(diff) + ", below " + inner + " inner node(s), so the "
          + "top-down walk needs at most 1 + 2 x " + inner + " = " + bound + " hashes of the "
          + "other replica; the sync asked for " + other.hashes.size() + calls + ". Ask for the "
          + "root, then only for the children of nodes that differ.");
    }
    List<Integer> fetched = new ArrayList<>(other.leaves);
    Collections.sort(fetched);
    if (!fetched.equals(diff)) {
      throw Because.of(fetched.isEmpty() ? "both-ways" : "top-down-walk", story
          + ": the leaves that differ are " + shortList(diff) + ", each to be fetched once with "
          + "other.leaf; the sync fetched " + shortList(fetched) + calls + ".");
    }
    if (diff.isEmpty() && !other.received.isEmpty()) {
      throw Because.of("top-down-walk", story + ": the replicas were identical, yet the sync "
          + "called other.receive" + calls + ". Identical replicas cost one hash and nothing "
          + "else.");
    }
    if (other.received.size() > diff.size()) {
      throw Because.of("top-down-walk", story + ": " + diff.size() + " leaf(s) differ, but the "
          + "sync called other.receive " + other.received.size() + " times" + calls + ".");
    }
    for (Set<String> sent : other.received) {
      for (String k : sent) {
        if (!diffSet.contains(DynamoPeer.leafOf(k, depth))) {
          throw Because.of("top-down-walk", story + ": the sync sent key " + k + " (leaf "
              + DynamoPeer.leafOf(k, depth) + ") with other.receive, " + other.receivedKeys
              + " keys in all, but only the leaves " + shortList(diff) + " differ. Send only "
              + "the keys of the differing leaves: shipping the whole range is what the tree "
              + "is there to avoid.");
        }
      }
    }
    // convergence
    Model want = ma.copy();
    mb.data.forEach((k, s) -> s.forEach(x -> want.keep(k, x)));
    Set<String> keys = new TreeSet<>(want.data.keySet());
    for (String[] side : new String[][] {{"this replica (a)", "a"}, {"the other (b)", "b"}}) {
      DynamoRangeReplica r = side[1].equals("a") ? a : b;
      String hint = "both-ways";
      for (String k : keys) {
        Set<DynamoVersion> w = want.data.get(k);
        List<DynamoVersion> got = r.get(k);
        if (!new HashSet<>(got).equals(w) || got.size() != w.size()) {
          Set<DynamoVersion> mine = (side[1].equals("a") ? ma : mb).data.getOrDefault(k,
              Set.of());
          Set<DynamoVersion> theirs = (side[1].equals("a") ? mb : ma).data.getOrDefault(k,
              Set.of());
          boolean merged = !got.isEmpty() && !new HashSet<>(got).equals(mine);
          throw Because.of(merged ? "keep-siblings" : hint, story + ": after a.syncWith(b), "
              + side[0] + ".get(" + k + ") is " + texts(got) + ". Before the sync it held "
              + texts(mine) + " and the other side " + texts(theirs) + "; afterwards both must "
              + "hold " + texts(w) + ", the versions of either side that no other covers"
              + calls + ".");
        }
      }
    }
    assertTrees(a, b, depth, Set.of(), story + ": after the sync both replicas hold the same "
        + "versions", " (was a tree left stale by receive?)");
  }

  private static String tail(List<String> calls) {
    if (calls.size() <= 12) {
      return calls.toString();
    }
    return calls.subList(0, 6) + " ... " + (calls.size() - 12) + " more ... "
        + calls.subList(calls.size() - 6, calls.size());
  }

  private static String shortList(List<Integer> l) {
    return l.size() <= 20 ? l.toString() : l.subList(0, 20) + " and " + (l.size() - 20)
        + " more";
  }

  @Test
  @Order(5)
  @DisplayName("after a sync both replicas hold the latest versions of both sides")
  @Hint("both-ways")
  void syncConverges() {
    Seeds.forEach(30, seed -> {
      SplittableRandom rng = new SplittableRandom(seed * 7 + 1);
      int depth = new int[] {0, 1, 3, 6, 8, 10}[(int) (seed % 6)];
      int keys = seed % 10 == 0 ? 0 : 1 + rng.nextInt(depth <= 1 ? 150 : 600);
      Model base = randomModel(rng, keys, seed % 2 == 0);
      Model ma = base.copy();
      Model mb = base.copy();
      String kinds;
      int shape = (int) (seed % 8);
      if (shape == 1) {
        mb = new Model(); // one side empty
        kinds = "the other replica empty";
      } else if (shape == 3) {
        kinds = "every key changed: " + diverge(ma, mb, rng, keys + 5, -1);
      } else if (shape == 5) {
        kinds = "identical replicas";
      } else {
        kinds = diverge(ma, mb, rng, 1 + rng.nextInt(12), -1);
      }
      boolean flip = seed % 3 == 0;
      String story = "Seed " + seed + ", depth " + depth + ", a shared history of "
          + base.data.size() + " keys (" + (seed % 2 == 0 ? "key-0, key-1, ..." : "random keys")
          + "), then " + kinds + (flip ? ", synced the other way round" : "");
      if (flip) {
        syncAndJudge(mb, ma, depth, rng, story);
      } else {
        syncAndJudge(ma, mb, depth, rng, story);
      }
    });
  }

  @Test
  @Order(6)
  @DisplayName("a sync costs hashes in proportion to the differences, not to the range")
  @Hint("top-down-walk")
  void syncCostsFollowTheDifferences() {
    SplittableRandom rng = new SplittableRandom(20261130);
    Model base = randomModel(rng, 5_000, false);
    for (int changes : new int[] {0, 1, 3, 10}) {
      Model ma = base.copy();
      Model mb = base.copy();
      String kinds = changes == 0 ? "identical" : diverge(ma, mb, rng, changes, -1);
      syncAndJudge(ma, mb, 10, rng, "Depth 10, 5,000 keys, " + changes + " change(s): "
          + kinds);
    }
    for (int depth : new int[] {0, 4, 16}) {
      Model m = randomModel(rng, depth == 0 ? 100 : 300, true);
      syncAndJudge(m, m.copy(), depth, rng, "Depth " + depth + ", two identical replicas of "
          + m.data.size() + " keys");
    }
  }
}
