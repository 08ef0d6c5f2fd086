import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
 * The hidden suite of the merkle-trees exercise. It never computes a hash: the learner chooses the
 * hash function, so the suite compares the learner's trees with each other, and its own model
 * (the stated layout of tokens into leaves, and which pairs each tree holds) says which leaves and
 * nodes must differ. The diff's other tree is always a {@link Counter}, a view of another learner
 * tree that counts and checks every {@code hash} call, so the comparison count is observed without
 * assuming anything about the learner's node layout.
 *
 * <p>Every property is exact: the only chance involved is a 64-bit hash collision between two
 * different sets of pairs, which a well-mixed hash makes far rarer than 1 in 10^12 over the whole
 * suite. Every expected value in a message comes from the model, never from an earlier answer of
 * the learner's code; every call into learner code goes through {@link Tree}, so an exception is
 * reported with the trees it happened on. Where one test checks several causes, {@link Because}
 * names the hint rung of the cause that broke. Tests run in a fixed order, simplest first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class MerkleTreeSuite {
  private static final String LAYOUT = "leaf-layout";
  private static final String HASHES = "canonical-hashes";
  private static final String DIFF = "top-down-diff";
  private static final String COUNT = "comparison-count";
  private static final String OWN = "own-your-data";
  private static final String ARGS = "arguments";
  private static final String LEARNER_FILE = "MerkleTree.java";
  private static final int MAX_DEPTH = 16;

  // ---------------------------------------------------------------------------------------------
  // The properties

  @Test
  @Order(1)
  @DisplayName("leafRange and leafOf follow the stated layout of tokens into 2^d leaves")
  @Hint(LAYOUT)
  void layout() {
    Tree[] trees = new Tree[MAX_DEPTH + 1];
    for (int d = 0; d <= MAX_DEPTH; d++) {
      trees[d] = Tree.build("t", d, new HashMap<>(), "no keys");
      int reported = trees[d].reportedDepth();
      if (reported != d) {
        throw new AssertionError(String.format(Locale.ROOT, "new MerkleTree(%d, {}).depth()"
            + " returned %d; expected %d: the depth the tree was made with, the level of its"
            + " 2^%d leaves.", d, reported, d, d));
      }
    }
    for (int d : new int[] {0, 1, 2, 3, 8, 16}) {
      Tree t = trees[d];
      List<Integer> leaves = new ArrayList<>();
      if (d <= 8) {
        for (int i = 0; i < 1 << d; i++) {
          leaves.add(i);
        }
      } else {
        SplittableRandom rnd = new SplittableRandom(1);
        leaves.addAll(List.of(0, 1, 2, 255, 256, 32_767, 32_768, 65_534, 65_535));
        for (int k = 0; k < 20; k++) {
          leaves.add(rnd.nextInt(1 << d));
        }
      }
      for (int i : leaves) {
        TokenRange expected = range(i, d);
        TokenRange got = t.leafRange(i);
        if (!expected.equals(got)) {
          String why = "";
          if (got != null && got.first() == expected.first()
              && got.last() == expected.last() + 1) {
            why = " Its last token is the first token of the next leaf: both ends are included,"
                + " so a leaf ends one token before the next one starts.";
          } else if (d == 0) {
            why = " A tree of depth 0 has one leaf covering every token. Java shifts a long by"
                + " 64 as if by 0, so 1L << (64 - d) is 1 there, not 2^64.";
          } else if (got != null && got.first() != expected.first()) {
            why = String.format(Locale.ROOT, " Leaf i starts at i · 2^(64 - d) = i << %d.",
                64 - d);
          }
          throw new AssertionError(String.format(Locale.ROOT,
              "new MerkleTree(%d, {}).leafRange(%d) returned %s; expected %s: the %s of 2^%d"
                  + " equal ranges of the 64-bit (unsigned) token space.%s",
              d, i, got, expected, ordinal(i + 1), d, why));
        }
      }
    }
    List<String> keys = new ArrayList<>();
    keys.add("");
    for (int i = 1; i <= 1_000; i++) {
      keys.add("key-" + i);
    }
    SplittableRandom rnd = new SplittableRandom(2);
    for (int i = 0; i < 200; i++) {
      keys.add(randomKey(rnd));
    }
    for (int d = 0; d <= MAX_DEPTH; d++) {
      Tree t = trees[d];
      List<String> wrong = new ArrayList<>();
      List<Integer> answers = new ArrayList<>();
      for (String key : keys) {
        int got = t.leafOf(key);
        if (got != leaf(TokenRange.tokenOf(key), d)) {
          wrong.add(key);
          answers.add(got);
        }
      }
      if (!wrong.isEmpty()) {
        String key = wrong.get(0);
        long token = TokenRange.tokenOf(key);
        int expected = leaf(token, d);
        throw new AssertionError(String.format(Locale.ROOT,
            "new MerkleTree(%d, {}).leafOf(%s) returned %d; expected %d: the token of %s is"
                + " 0x%016x, in %s. %,d of the %,d keys tried are in the wrong leaf.%s",
            d, quote(key), answers.get(0), expected, quote(key), token, range(expected, d),
            wrong.size(), keys.size(), leafMistake(d, wrong, answers)));
      }
    }
  }

  /** The simple mistake that explains every wrong leafOf answer at depth d, if one does. */
  private static String leafMistake(int d, List<String> keys, List<Integer> answers) {
    if (d == 0) {
      return " A tree of depth 0 has one leaf, 0, for every key. Java shifts a long by 64 as"
          + " if by 0, so token >>> (64 - 0) is the whole token.";
    }
    String[] names = {"signed", "cast", "low", "other"};
    for (String name : names) {
      boolean all = true;
      for (int k = 0; k < keys.size() && all; k++) {
        long token = TokenRange.tokenOf(keys.get(k));
        int got = answers.get(k);
        all = switch (name) {
          case "signed" -> got == (int) (token >> (64 - d));
          case "cast" -> got == (int) token >>> (64 - d);
          case "low" -> got == (int) Math.floorMod(token, 1L << d);
          default -> true;
        };
      }
      if (all) {
        return switch (name) {
          case "signed" -> " That is token >> (64 - d): >> copies the sign bit in, so tokens"
              + " from 0x8000000000000000 up give negative numbers. Use >>>: tokens are"
              + " unsigned.";
          case "cast" -> " That is (int) token >>> (64 - d): the cast comes first, so the"
              + " shift works on the low 32 bits. Shift the long, then cast:"
              + " (int) (token >>> (64 - d)).";
          case "low" -> " That is the token's low d bits: leaves must hold contiguous ranges"
              + " of tokens, so a key's leaf is its top d bits.";
          default -> " A key's leaf is the top d bits of its token, and the token is"
              + " TokenRange.tokenOf(key) (Hashing.hash64(key) with seed 0), the same on"
              + " every replica.";
        };
      }
    }
    return "";
  }

  @Test
  @Order(2)
  @DisplayName("a depth outside 0..16, a position outside the tree, and a diff of two depths are"
      + " rejected")
  @Hint(ARGS)
  void arguments() {
    for (int d : new int[] {-1, 17, Integer.MIN_VALUE, 64}) {
      expectIllegal("new MerkleTree(" + d + ", {\"key-1\" = \"v\"})", null,
          () -> new MerkleTree(d, Map.of("key-1", "v")),
          "a depth must be 0 to 16");
    }
    Map<String, String> data = structured(100);
    for (int d : new int[] {0, 16}) {
      Tree.build("t", d, data, "key-1 to key-100"); // allowed: throws a failure if it throws
    }
    Tree t = Tree.build("t", 3, data, "key-1 to key-100");
    int[][] outside = {
      {-1, 0}, {-2, 0}, {-32, 0}, {4, 0}, {0, 1}, {0, -1}, {2, 4}, {3, 8}, {3, -1}, {1, 2}
    };
    for (int[] p : outside) {
      expectIllegal(t.describe() + ": hash(" + p[0] + ", " + p[1] + ")", t,
          () -> t.tree.hash(p[0], p[1]),
          "no such node in a tree of depth 3 (levels 0 to 3, level L has nodes 0 to 2^L - 1)");
    }
    for (int i : new int[] {-1, 8, 1 << 20}) {
      expectIllegal(t.describe() + ": leafRange(" + i + ")", t, () -> t.tree.leafRange(i),
          "a tree of depth 3 has leaves 0 to 7");
    }
    for (int d : new int[] {4, 2}) {
      Tree other = Tree.build("B", d, data, "key-1 to key-100");
      Counter view = new Counter(other, true);
      expectIllegal("A = " + t.describe() + ", B = " + other.describe() + ": A.diff(B)", t,
          () -> t.tree.diff(view),
          "trees of different depths have different leaves: check other.depth() first");
    }
  }

  @Test
  @Order(3)
  @DisplayName("trees of the same pairs have equal hashes at every node, whatever order the pairs"
      + " were given in")
  @Hint(HASHES)
  void equalContentsEqualHashes() {
    SplittableRandom rnd = new SplittableRandom(3);
    List<Data> contents = List.of(
        new Data("no keys", new TreeMap<>()),
        new Data("one key, \"key-1\" = \"v1\"", new TreeMap<>(Map.of("key-1", "v1"))),
        new Data("key-1 to key-2000 (values v1 to v2000)", structured(2_000)),
        new Data("500 random keys and values", randomData(rnd, 500)));
    for (int d : new int[] {0, 3, 8}) {
      for (Data c : contents) {
        Tree a = Tree.build("A", d, new HashMap<>(c.map), "a HashMap of " + c.what);
        Tree twin = Tree.build("B", d, new HashMap<>(c.map), "a HashMap of " + c.what);
        Node n = firstDifferentNode(a, twin);
        if (n != null) {
          throw Because.of(HASHES, String.format(Locale.ROOT,
              "A and B = new MerkleTree(%d, a HashMap of %s), built alike from equal maps,"
                  + " differ at hash(%d, %d): 0x%016x and 0x%016x. Hashes must be"
                  + " deterministic: no Random, no identity hash codes, nothing that differs"
                  + " between two trees, or two replicas never agree.",
              d, c.what, n.level, n.index, n.mine, n.theirs));
        }
        List<Map<String, String>> orders = new ArrayList<>();
        List<String> names = new ArrayList<>();
        orders.add(new TreeMap<>(c.map));
        names.add("a TreeMap (sorted by key)");
        orders.add(Map.copyOf(c.map));
        names.add("Map.copyOf");
        for (int s = 0; s < 2; s++) {
          orders.add(shuffled(c.map, rnd));
          names.add("a LinkedHashMap in a shuffled order (" + (s + 1) + ")");
        }
        orders.add(reversed(c.map));
        names.add("a LinkedHashMap in descending key order");
        for (int o = 0; o < orders.size(); o++) {
          Tree b = Tree.build("B", d, orders.get(o), names.get(o) + " of " + c.what);
          Node diff = firstDifferentNode(a, b);
          if (diff != null) {
            throw Because.of(HASHES, String.format(Locale.ROOT,
                "A = new MerkleTree(%d, a HashMap of %s) and B = new MerkleTree(%d, %s of the"
                    + " same pairs) hold the same pairs, but hash(%d, %d) differs: 0x%016x in A,"
                    + " 0x%016x in B.%s A leaf's hash depends on its pairs only, not on the order"
                    + " they were given in: hash them in one canonical order (sorted by key).",
                d, c.what, d, names.get(o), diff.level, diff.index, diff.mine, diff.theirs,
                below(diff, d, c.map)));
          }
        }
      }
    }
  }

  @Test
  @Order(4)
  @DisplayName("a node's hash changes exactly when the pairs below it change")
  @Hint(HASHES)
  void hashesFollowTheContents() {
    for (int d : new int[] {0, 1, 4, 10}) {
      TreeMap<String, String> base = structured(d == 10 ? 2_000 : 300);
      String baseName = d == 10 ? "key-1 to key-2000 (values v1 to v2000)"
          : "key-1 to key-300 (values v1 to v300)";
      for (Change c : changes(d, base, baseName)) {
        Tree a = Tree.build("A", d, c.a, c.aName);
        Tree b = Tree.build("B", d, c.b, c.bName);
        Set<Integer> differing = differingLeaves(c.a, c.b, d);
        for (int level = d; level >= 0; level--) {
          for (int i = 0; i < 1 << level; i++) {
            boolean shouldDiffer = hasLeafBelow(differing, level, i, d);
            long ha = a.hash(level, i);
            long hb = b.hash(level, i);
            if (shouldDiffer && ha == hb && level == d) {
              throw Because.of(HASHES, String.format(Locale.ROOT,
                  "A = new MerkleTree(%d, %s) and B = new MerkleTree(%d, %s): hash(%d, %d), the"
                      + " leaf, is 0x%016x in both, but its pairs differ (%s). %s",
                  d, c.aName, d, c.bName, level, i, ha, c.what, c.why));
            }
            if (shouldDiffer && ha == hb) {
              int child = hasLeafBelow(differing, level + 1, 2 * i, d) ? 2 * i : 2 * i + 1;
              throw Because.of(HASHES, String.format(Locale.ROOT,
                  "A = new MerkleTree(%d, %s) and B = new MerkleTree(%d, %s) differ in leaf %d"
                      + " (%s). Its ancestor (%d, %d) has the hash 0x%016x in both trees,"
                      + " although its child (%d, %d) differs (0x%016x in A, 0x%016x in B):"
                      + " node (L, i) must hash its own children (L + 1, 2i) and"
                      + " (L + 1, 2i + 1), so that a change below shows at every node above.",
                  d, c.aName, d, c.bName, differing.iterator().next(), c.what, level, i, ha,
                  level + 1, child, a.hash(level + 1, child), b.hash(level + 1, child)));
            }
            if (!shouldDiffer && ha != hb) {
              throw Because.of(HASHES, String.format(Locale.ROOT,
                  "A = new MerkleTree(%d, %s) and B = new MerkleTree(%d, %s) differ only in"
                      + " leaf %d (%s), but hash(%d, %d), %s, differs: 0x%016x in A, 0x%016x"
                      + " in B. A node's hash depends only on the pairs below it: a leaf on its"
                      + " own pairs, node (L, i) on its children (L + 1, 2i) and (L + 1, 2i + 1).",
                  d, c.aName, d, c.bName, differing.iterator().next(), c.what, level, i,
                  level == d ? "a leaf with the same pairs in both"
                      : "whose children are equal in both trees",
                  ha, hb));
            }
          }
        }
      }
    }
  }

  @Test
  @Order(5)
  @DisplayName("diff returns exactly the ranges of the leaves whose pairs differ, in ascending"
      + " order")
  @Hint(DIFF)
  void diffFindsExactlyTheDifferingLeaves() {
    Seeds.forEach(30, seed -> {
      Scenario s = scenario(seed);
      Tree a = Tree.build("A", s.depth, s.a, s.aName);
      Tree b = Tree.build("B", s.depth, s.b, s.bName);
      checkDiff(s, a, b, false);
      checkDiff(s, b, a, false);
    });
  }

  @Test
  @Order(6)
  @DisplayName("identical trees cost exactly one comparison")
  @Hint(COUNT)
  void identicalTreesCostOneComparison() {
    SplittableRandom rnd = new SplittableRandom(6);
    List<Data> contents = List.of(
        new Data("no keys", new TreeMap<>()),
        new Data("one key, \"key-1\" = \"v1\"", new TreeMap<>(Map.of("key-1", "v1"))),
        new Data("key-1 to key-5000", structured(5_000)));
    for (int d : new int[] {0, 1, 8, 16}) {
      for (Data c : contents) {
        String bName = c.what + (c.map.size() > 1 ? ", given in another order"
            : ", in another map");
        Tree a = Tree.build("A", d, new HashMap<>(c.map), c.what);
        Tree b = Tree.build("B", d, shuffled(c.map, rnd), bName);
        Scenario s = Scenario.of(d, c.map, c.what, c.map, bName);
        Counter view = checkDiff(s, a, b, false);
        if (view.calls == 0) {
          throw Because.of(DIFF, String.format(Locale.ROOT,
              "A = new MerkleTree(%d, %s) and B = new MerkleTree(%d, %s) are identical, and"
                  + " A.diff(B) asked B for no hash at all, so it cannot know that they are: the"
                  + " walk starts by comparing the roots, whatever this tree holds.",
              d, c.what, d, bName));
        }
        if (view.calls != 1) {
          throw Because.of(COUNT, String.format(Locale.ROOT,
              "A = new MerkleTree(%d, %s) and B = new MerkleTree(%d, %s) are identical, and"
                  + " A.diff(B) asked B for %,d hash%s: %s. Identical trees cost exactly one:"
                  + " ask for the root, and when it is equal, stop.",
              d, c.what, d, bName, view.calls, view.calls == 1 ? "" : "es",
              view.firstAsks(8)));
        }
      }
    }
  }

  @Test
  @Order(7)
  @DisplayName("the number of comparisons grows with the differences, not with the number of"
      + " keys")
  @Hint(COUNT)
  void comparisonsGrowWithDifferences() {
    // The same changes over 1,000 and 100,000 keys, at depth 12 (4,096 leaves). One pair of
    // large trees only: building trees of 100,000 keys is most of this property's time.
    int d = 12;
    String[][] changeSets = {
      {"key-500"},
      {"key-7", "key-500", "key-999"},
      {"key-2", "key-3", "key-5", "key-8", "key-13", "key-21", "key-34", "key-55", "key-89",
          "key-144"},
    };
    for (int n : new int[] {1_000, 100_000}) {
      Map<String, String> base = structuredHashMap(n);
      String baseName = String.format(Locale.ROOT, "key-1 to key-%d (values v1 to v%d)", n, n);
      Tree a = Tree.build("A", d, base, baseName);
      for (String[] changed : changeSets) {
        if (n > 1_000 && changed.length != 3) {
          continue;
        }
        Map<String, String> other = new HashMap<>(base);
        for (String k : changed) {
          other.put(k, "changed");
        }
        String bName = String.format(Locale.ROOT, "A's pairs with %s = \"changed\"",
            String.join(", ", changed));
        Tree b = Tree.build("B", d, other, bName);
        Scenario s = Scenario.of(d, base, baseName, other, bName);
        checkDiff(s, a, b, true);
        checkDiff(s, b, a, true);
      }
    }
    // Smaller trees with up to 40 differences, random keys: many paths share inner nodes.
    SplittableRandom rnd = new SplittableRandom(7);
    TreeMap<String, String> base = randomData(rnd, 3_000);
    List<String> keys = new ArrayList<>(base.keySet());
    for (int d2 : new int[] {4, 8}) {
      Tree a = Tree.build("A", d2, base, "3,000 random keys");
      for (int changes : new int[] {1, 5, 40}) {
        TreeMap<String, String> other = new TreeMap<>(base);
        for (int k = 0; k < changes; k++) {
          other.put(keys.get(rnd.nextInt(keys.size())), "changed-" + k);
        }
        String bName = "A's pairs with " + changes + " random keys changed";
        Tree b = Tree.build("B", d2, other, bName);
        Scenario s = Scenario.of(d2, base, "3,000 random keys", other, bName);
        checkDiff(s, a, b, true);
        checkDiff(s, b, a, true);
      }
    }
  }

  @Test
  @Order(8)
  @DisplayName("after put and remove, a tree equals one built from its new contents")
  @Hint(OWN)
  void putAndRemoveKeepTheTreeCurrent() {
    Seeds.forEach(12, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 31 + 8);
      int[] depths = {0, 1, 3, 6, 9};
      int d = depths[(int) (seed % depths.length)];
      TreeMap<String, String> model;
      String start;
      if (seed % 3 == 1) {
        model = new TreeMap<>();
        start = "no keys";
      } else if (seed % 3 == 2) {
        int n = 1 + rnd.nextInt(1_500);
        model = structured(n);
        start = String.format(Locale.ROOT, "key-1 to key-%d (values v1 to v%d)", n, n);
      } else {
        int n = 1 + rnd.nextInt(800);
        model = randomData(rnd, n);
        start = n + " random keys";
      }
      Tree t = Tree.build("T", d, new HashMap<>(model), start);
      Tree before = Tree.build("A", d, new HashMap<>(model), start);
      TreeMap<String, String> startModel = new TreeMap<>(model);
      List<String> ops = new ArrayList<>();
      int count = 1 + rnd.nextInt(60);
      for (int k = 0; k < count; k++) {
        String op = randomOp(rnd, model, t);
        ops.add(op);
        if (k == 0 || k == 4 || k == count - 1) {
          expectEqualToBuilt(t, d, model, start, ops);
        }
      }
      // T itself (updated in place) against the tree it started as: the changed leaves only.
      Scenario s = new Scenario(d, startModel, start, model, "", String.format(Locale.ROOT,
          "A = new MerkleTree(%d, %s), B = the same tree after %s", d, start, describeOps(ops)));
      Tree updated = new Tree("B", d, start + " and then " + describeOps(ops), t.tree);
      checkDiff(s, before, updated, false);
      checkDiff(s, updated, before, false);
    });
    // A tree filled by put alone, in random orders, with extra keys put and removed on the way.
    SplittableRandom rnd = new SplittableRandom(88);
    for (int d : new int[] {0, 3, 8}) {
      TreeMap<String, String> data = structured(600);
      Tree t = Tree.build("T", d, new HashMap<>(), "no keys");
      List<String> keys = new ArrayList<>(data.keySet());
      Collections.shuffle(keys, new java.util.Random(rnd.nextLong()));
      List<String> ops = new ArrayList<>();
      TreeMap<String, String> model = new TreeMap<>();
      for (int k = 0; k < keys.size(); k++) {
        String key = keys.get(k);
        if (k % 50 == 7) {
          t.put("extra-" + k, "x");
          t.remove("extra-" + k);
        }
        t.put(key, "old");
        t.put(key, data.get(key));
        model.put(key, data.get(key));
      }
      ops.add("put of key-1 to key-600 in a shuffled order (each first with \"old\", then its"
          + " value v1 to v600), with 12 extra keys put and removed on the way");
      expectEqualToBuilt(t, d, model, "no keys", ops);
    }
  }

  @Test
  @Order(9)
  @DisplayName("the tree keeps its own copy of the data, and diff returns a new list each time")
  @Hint(OWN)
  void theTreeOwnsItsData() {
    int d = 5;
    TreeMap<String, String> snapshot = structured(200);
    // The caller changes its map after the constructor.
    HashMap<String, String> callers = new HashMap<>(snapshot);
    Tree t = Tree.build("T", d, callers, "a HashMap of key-1 to key-200");
    callers.put("key-7", "changed by the caller");
    callers.remove("key-8");
    callers.put("new-1", "added by the caller");
    String changed = "after the constructor the caller set \"key-7\" = \"changed by the"
        + " caller\", removed \"key-8\" and added \"new-1\" in its own map";
    expectEqualToBuilt(t, d, snapshot, "a HashMap of key-1 to key-200",
        List.of("nothing (but " + changed + ")"));
    // put and remove in the leaves the caller touched: its changes must not leak in then either.
    TreeMap<String, String> model = new TreeMap<>(snapshot);
    List<String> ops = new ArrayList<>();
    for (String k : new String[] {"key-7", "key-8", "new-1"}) {
      String neighbour = sameLeafKey(k, d, snapshot.keySet());
      t.put(neighbour, "put by T's owner");
      model.put(neighbour, "put by T's owner");
      ops.add("put(" + quote(neighbour) + ", \"put by T's owner\")");
    }
    t.remove("key-9");
    model.remove("key-9");
    ops.add("remove(\"key-9\")");
    List<String> withNote = new ArrayList<>(ops);
    withNote.add("(and, before them, " + changed + ")");
    expectEqualToBuilt(t, d, model, "a HashMap of key-1 to key-200", withNote);
    // The tree never writes to the caller's map.
    HashMap<String, String> kept = new HashMap<>(snapshot);
    Tree u = Tree.build("T", d, kept, "a HashMap of key-1 to key-200");
    u.put("key-1", "new value");
    u.put("key-201", "v201");
    u.remove("key-2");
    if (!kept.equals(snapshot)) {
      throw Because.of(OWN, "T = new MerkleTree(5, a HashMap of key-1 to key-200), then"
          + " put(\"key-1\", \"new value\"), put(\"key-201\", \"v201\") and remove(\"key-2\")"
          + " on T changed the caller's map: " + mapDifference(snapshot, kept) + ". Copy the map"
          + " in the constructor and change only your copy.");
    }
    // An unmodifiable map is fine, and put and remove still work.
    for (boolean mapOf : new boolean[] {true, false}) {
      Map<String, String> fixed = mapOf
          ? Map.of("key-1", "v1", "key-2", "v2", "key-3", "v3")
          : Collections.unmodifiableMap(new HashMap<>(Map.of("key-1", "v1", "key-2", "v2",
              "key-3", "v3")));
      String how = mapOf ? "Map.of(key-1, key-2, key-3)"
          : "Collections.unmodifiableMap of key-1, key-2, key-3";
      Tree f = Tree.build("T", 2, fixed, how);
      f.put("key-4", "v4");
      f.put("key-1", "w1");
      f.remove("key-2");
      TreeMap<String, String> m = new TreeMap<>(Map.of("key-1", "w1", "key-3", "v3",
          "key-4", "v4"));
      expectEqualToBuilt(f, 2, m, how, List.of("put(\"key-4\", \"v4\")",
          "put(\"key-1\", \"w1\")", "remove(\"key-2\")"));
    }
    // A list returned by diff belongs to the caller.
    TreeMap<String, String> bData = new TreeMap<>(snapshot);
    bData.put("key-10", "other");
    TreeMap<String, String> cData = new TreeMap<>(snapshot);
    cData.put("key-20", "other");
    cData.put("key-30", "other");
    Tree a = Tree.build("A", d, snapshot, "key-1 to key-200");
    Tree b = Tree.build("B", d, bData, "key-1 to key-200 with key-10 = \"other\"");
    Tree c = Tree.build("C", d, cData,
        "key-1 to key-200 with key-20 and key-30 = \"other\"");
    List<TokenRange> expectB = expectedRanges(snapshot, bData, d);
    List<TokenRange> expectC = expectedRanges(snapshot, cData, d);
    String setup = "A = new MerkleTree(5, key-1 to key-200), B = the same with key-10 ="
        + " \"other\", C = the same with key-20 and key-30 = \"other\"";
    List<TokenRange> first = a.diff(new Counter(b, false), setup + ": A.diff(B)");
    List<TokenRange> firstCopy = new ArrayList<>(first);
    if (!firstCopy.equals(expectB)) {
      throw Because.of(DIFF, setup + ": A.diff(B) returned " + first + "; expected " + expectB
          + ".");
    }
    List<TokenRange> second = a.diff(new Counter(c, false), setup + ": A.diff(C)");
    if (!first.equals(firstCopy)) {
      throw Because.of(OWN, setup + ": A.diff(B) returned " + firstCopy + "; after A.diff(C),"
          + " that same list holds " + first + ". Each diff returns a new list: the caller may"
          + " keep it.");
    }
    List<TokenRange> secondCopy = new ArrayList<>(second);
    try {
      second.clear();
      second.add(new TokenRange(0, 0));
    } catch (UnsupportedOperationException unmodifiable) {
      // allowed: the brief lets diff return an unmodifiable list
    }
    List<TokenRange> again = a.diff(new Counter(c, false), setup + ": A.diff(C)");
    if (!again.equals(expectC) || !secondCopy.equals(expectC)) {
      throw Because.of(OWN, setup + ": A.diff(C) returned " + secondCopy + "; the caller"
          + " cleared that list and added [0x0, 0x0] to it, and then A.diff(C) returned "
          + again + "; expected " + expectC + " both times. The list is the caller's: a new one"
          + " every call.");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Checking a diff

  /**
   * Runs {@code a.diff(b)} through a counting view of b and checks its answer against the model
   * (and, if {@code count}, the number of calls against 1 + 2I). Returns the view.
   */
  private static Counter checkDiff(Scenario s, Tree a, Tree b, boolean count) {
    int d = s.depth;
    boolean forward = a.name.equals("A");
    Map<String, String> aMap = forward ? s.a : s.b;
    Map<String, String> bMap = forward ? s.b : s.a;
    TreeSet<Integer> differing = differingLeaves(aMap, bMap, d);
    List<TokenRange> expected = new ArrayList<>();
    for (int i : differing) {
      expected.add(range(i, d));
    }
    String setup = s.setup;
    String call = a.name + ".diff(" + b.name + ")";
    Counter view = new Counter(b, false);
    view.model = differing;
    List<TokenRange> got = a.diff(view, setup + ": " + call);
    if (got == null) {
      throw Because.of(DIFF, setup + ": " + call + " returned null; expected " + show(expected)
          + ".");
    }
    List<TokenRange> copy = new ArrayList<>(got);
    if (!copy.equals(expected)) {
      throw wrongDiff(s, a, b, call, copy, expected, differing, aMap, bMap);
    }
    if (count) {
      int inner = innerAbove(differing, d);
      int bound = 1 + 2 * inner;
      if (view.calls > bound) {
        throw Because.of(COUNT, String.format(Locale.ROOT,
            "%s: %s found the right %s, but asked %s for %,d hashes; the top-down walk asks"
                + " at most 1 + 2·I = %,d, I = %,d being the inner nodes with a differing leaf"
                + " below them (%,d differing leaf%s at depth %d; a tree of depth %d has %,d"
                + " leaves). %s",
            setup, call, differing.size() == 1 ? "leaf" : differing.size() + " leaves", b.name,
            view.calls, bound, inner, differing.size(), differing.size() == 1 ? "" : "s", d, d,
            1 << d, view.waste(differing, d)));
      }
    }
    return view;
  }

  /** The failure for a diff whose answer is not the model's, with the cause it points to. */
  private static AssertionError wrongDiff(Scenario s, Tree a, Tree b, String call,
      List<TokenRange> got, List<TokenRange> expected, Set<Integer> differing,
      Map<String, String> aMap, Map<String, String> bMap) {
    int d = s.depth;
    String head = String.format(Locale.ROOT, "%s: %s returned %s; expected %s.",
        s.setup, call, show(got), show(expected));
    // Ranges that are not leaf ranges of the layout.
    for (TokenRange r : got) {
      Integer leaf = leafWithRange(r, d);
      if (leaf == null) {
        int firstLeaf = leaf(r.first(), d);
        int lastLeaf = leaf(r.last(), d);
        if (r.first() == range(firstLeaf, d).first() && r.last() == range(lastLeaf, d).last()
            && lastLeaf > firstLeaf) {
          return Because.of(DIFF, head + String.format(Locale.ROOT, " %s covers leaves %d to %d:"
              + " report each differing leaf's own range, never an inner node's range or"
              + " several leaves merged into one.", r, firstLeaf, lastLeaf));
        }
        return Because.of(LAYOUT, head + String.format(Locale.ROOT, " %s is not the range of"
            + " any leaf of a tree of depth %d (leaf %d is %s): report leafRange(i) of each"
            + " differing leaf, with the layout of the brief.", r, d, firstLeaf,
            range(firstLeaf, d)));
      }
    }
    Set<TokenRange> seen = new HashSet<>();
    for (TokenRange r : got) {
      if (!seen.add(r)) {
        return Because.of(DIFF, head + " " + r + " is in the list twice: one range per leaf.");
      }
    }
    List<TokenRange> sorted = new ArrayList<>(got);
    sorted.sort((x, y) -> Long.compareUnsigned(x.first(), y.first()));
    if (sorted.equals(expected)) {
      return Because.of(DIFF, head + " The right leaves, in the wrong order: return them in"
          + " ascending order of their tokens (leaf 0 first).");
    }
    // Leaves missed, then leaves reported that do not differ.
    for (TokenRange r : expected) {
      if (!got.contains(r)) {
        int leaf = leafWithRange(r, d);
        String why = whyDiffers(leaf, d, aMap, bMap, a.name, b.name);
        long ha = a.hash(d, leaf);
        long hb = b.hash(d, leaf);
        if (ha == hb) {
          return Because.of(HASHES, head + String.format(Locale.ROOT, " It misses leaf %d %s,"
              + " where %s. Both trees give that leaf the same hash, 0x%016x: the leaf hash"
              + " must tell these pairs apart.", leaf, r, why, ha));
        }
        boolean emptyHere = isEmptyLeaf(leaf, d, aMap);
        return Because.of(DIFF, head + String.format(Locale.ROOT, " It misses leaf %d %s, where"
            + " %s; the trees' hashes of that leaf differ (0x%016x and 0x%016x), so a walk"
            + " that goes down wherever hashes differ reaches it.%s", leaf, r, why, ha, hb,
            emptyHere ? String.format(Locale.ROOT, " %s holds no key in that leaf: keys only"
                + " the other replica holds are a difference too.", a.name) : ""));
      }
    }
    for (TokenRange r : got) {
      if (!expected.contains(r)) {
        int leaf = leafWithRange(r, d);
        long ha = a.hash(d, leaf);
        long hb = b.hash(d, leaf);
        if (ha != hb) {
          return Because.of(HASHES, head + String.format(Locale.ROOT, " Leaf %d %s holds the"
              + " same pairs in both trees, yet their hashes of it differ (0x%016x and"
              + " 0x%016x): a leaf's hash must depend on its pairs alone.", leaf, r, ha, hb));
        }
        return Because.of(DIFF, head + String.format(Locale.ROOT, " Leaf %d %s holds the same"
            + " pairs in both trees, and both give it the hash 0x%016x, yet the diff reports it."
            + " Report a leaf only after comparing its two hashes and finding them different"
            + " (compare long values: Long objects compared with == or != compare references).",
            leaf, r, ha));
      }
    }
    return Because.of(DIFF, head);
  }

  /** "\"key-3\" is \"v3\" in A and \"x\" in B" for the first key of leaf i that differs. */
  private static String whyDiffers(int leaf, int d, Map<String, String> a,
      Map<String, String> b, String an, String bn) {
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      if (leaf(TokenRange.tokenOf(k), d) == leaf && !Objects.equals(a.get(k), b.get(k))) {
        String va = a.containsKey(k) ? quote(a.get(k)) : null;
        String vb = b.containsKey(k) ? quote(b.get(k)) : null;
        if (va == null) {
          return String.format(Locale.ROOT, "%s = %s is in %s only", quote(k), vb, bn);
        }
        if (vb == null) {
          return String.format(Locale.ROOT, "%s = %s is in %s only", quote(k), va, an);
        }
        return String.format(Locale.ROOT, "%s is %s in %s and %s in %s", quote(k), va, an, vb,
            bn);
      }
    }
    return "the pairs differ";
  }

  private static boolean isEmptyLeaf(int leaf, int d, Map<String, String> m) {
    for (String k : m.keySet()) {
      if (leaf(TokenRange.tokenOf(k), d) == leaf) {
        return false;
      }
    }
    return true;
  }

  /** The leaf whose range is exactly {@code r}, or null. */
  private static Integer leafWithRange(TokenRange r, int d) {
    int i = leaf(r.first(), d);
    return range(i, d).equals(r) ? i : null;
  }

  // ---------------------------------------------------------------------------------------------
  // The model

  /** The leaf of a token: its top d bits. */
  private static int leaf(long token, int d) {
    return d == 0 ? 0 : (int) (token >>> (64 - d));
  }

  /** The tokens of leaf i at depth d, both ends included. */
  private static TokenRange range(int i, int d) {
    if (d == 0) {
      return new TokenRange(0, -1L);
    }
    long first = (long) i << (64 - d);
    return new TokenRange(first, first + ((1L << (64 - d)) - 1));
  }

  /** The leaves whose pairs differ between a and b. */
  private static TreeSet<Integer> differingLeaves(Map<String, String> a, Map<String, String> b,
      int d) {
    TreeSet<Integer> out = new TreeSet<>();
    for (Map.Entry<String, String> e : a.entrySet()) {
      if (!e.getValue().equals(b.get(e.getKey()))) {
        out.add(leaf(TokenRange.tokenOf(e.getKey()), d));
      }
    }
    for (String k : b.keySet()) {
      if (!a.containsKey(k)) {
        out.add(leaf(TokenRange.tokenOf(k), d));
      }
    }
    return out;
  }

  private static List<TokenRange> expectedRanges(Map<String, String> a, Map<String, String> b,
      int d) {
    List<TokenRange> out = new ArrayList<>();
    for (int i : differingLeaves(a, b, d)) {
      out.add(range(i, d));
    }
    return out;
  }

  /** Whether some leaf of {@code leaves} is below node (level, index) (or is it). */
  private static boolean hasLeafBelow(Set<Integer> leaves, int level, int index, int d) {
    for (int leaf : leaves) {
      if (leaf >> (d - level) == index) {
        return true;
      }
    }
    return false;
  }

  /** I: the inner nodes (levels 0 to d - 1) with at least one of {@code leaves} below them. */
  private static int innerAbove(Set<Integer> leaves, int d) {
    Set<Long> nodes = new HashSet<>();
    for (int leaf : leaves) {
      for (int level = 0; level < d; level++) {
        nodes.add((long) level << 32 | leaf >> (d - level));
      }
    }
    return nodes.size();
  }

  // ---------------------------------------------------------------------------------------------
  // Scenarios

  /** Pairs and how to say them. */
  private record Data(String what, TreeMap<String, String> map) {}

  /**
   * Two trees' contents at one depth: A's pairs and B's, and the sentence that says how the two
   * trees were made.
   */
  private record Scenario(int depth, Map<String, String> a, String aName,
      Map<String, String> b, String bName, String setup) {
    /** A = new MerkleTree(d, aName), B = new MerkleTree(d, bName). */
    static Scenario of(int depth, Map<String, String> a, String aName,
        Map<String, String> b, String bName) {
      return new Scenario(depth, a, aName, b, bName, String.format(Locale.ROOT,
          "A = new MerkleTree(%d, %s), B = new MerkleTree(%d, %s)", depth, aName, depth, bName));
    }
  }

  /** A random or structured pair of contents for seed {@code seed}. */
  private static Scenario scenario(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L);
    TreeMap<String, String> a;
    TreeMap<String, String> b;
    switch ((int) seed) {
      case 1: {
        a = structured(10);
        b = new TreeMap<>(a);
        b.put("key-3", "changed");
        return Scenario.of(0, a, "key-1 to key-10 (values v1 to v10)", b,
            "A's pairs with key-3 = \"changed\"");
      }
      case 2: {
        a = new TreeMap<>();
        b = new TreeMap<>(Map.of("key-1", "v1"));
        return Scenario.of(1, a, "no keys", b, "{\"key-1\" = \"v1\"}");
      }
      case 3: {
        a = structured(100);
        b = new TreeMap<>();
        return Scenario.of(3, a, "key-1 to key-100 (values v1 to v100)", b, "no keys");
      }
      case 4: {
        a = structured(1_000);
        b = new TreeMap<>();
        for (String k : a.keySet()) {
          b.put(k, "w" + k.substring(4));
        }
        return Scenario.of(4, a, "key-1 to key-1000 (values v1 to v1000)", b,
            "key-1 to key-1000 with every value different (w1 to w1000)");
      }
      case 5: {
        // Keys on one side only, into leaves where the other side holds nothing.
        a = structured(5);
        b = new TreeMap<>(a);
        List<String> added = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (String k : a.keySet()) {
          used.add(leaf(TokenRange.tokenOf(k), 6));
        }
        for (int i = 6; added.size() < 5; i++) {
          String k = "key-" + i;
          if (used.add(leaf(TokenRange.tokenOf(k), 6))) {
            b.put(k, "v" + i);
            added.add(k);
          }
        }
        return Scenario.of(6, a, "key-1 to key-5 (values v1 to v5)", b,
            "A's pairs plus " + String.join(", ", added)
                + " (each in a leaf where A has no key)");
      }
      case 6: {
        a = structured(3_000);
        b = new TreeMap<>(a);
        b.put("key-17", "changed");
        b.put("key-1500", "changed");
        b.put("key-2999", "changed");
        b.remove("key-42");
        b.remove("key-2048");
        b.put("key-3001", "v3001");
        b.put("key-4000", "v4000");
        return Scenario.of(12, a, "key-1 to key-3000 (values v1 to v3000)", b,
            "A's pairs with key-17, key-1500 and key-2999 = \"changed\", key-42 and key-2048"
                + " removed, key-3001 and key-4000 added");
      }
      case 7: {
        a = new TreeMap<>(Map.of("key-1", "a"));
        b = new TreeMap<>(Map.of("key-1", "b"));
        return Scenario.of(5, a, "{\"key-1\" = \"a\"}", b, "{\"key-1\" = \"b\"}");
      }
      case 8: {
        a = randomData(rnd, 500);
        b = new TreeMap<>(a);
        return Scenario.of(7, a, "500 random keys and values", b, "A's pairs");
      }
      default:
        break;
    }
    int d = rnd.nextInt(13);
    boolean plain = rnd.nextBoolean();
    int n = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextInt(3_001);
    a = plain ? structured(n) : randomData(rnd, n);
    String aName = plain ? String.format(Locale.ROOT, "key-1 to key-%d (values v1 to v%d)", n, n)
        : n + " random keys and values";
    b = new TreeMap<>(a);
    List<String> keys = new ArrayList<>(a.keySet());
    List<String> said = new ArrayList<>();
    int changes = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 60);
    for (int c = 0; c < changes; c++) {
      int kind = rnd.nextInt(3);
      if (kind == 0 && !keys.isEmpty()) {
        String k = keys.get(rnd.nextInt(keys.size()));
        String v = rnd.nextInt(5) == 0 ? "" : "changed-" + c;
        b.put(k, v);
        said.add(quote(k) + " = " + quote(v));
      } else if (kind == 1 && !keys.isEmpty()) {
        String k = keys.get(rnd.nextInt(keys.size()));
        b.remove(k);
        said.add(quote(k) + " removed");
      } else {
        String k = plain ? "key-" + (n + 1 + rnd.nextInt(1_000)) : randomKey(rnd);
        b.put(k, "new-" + c);
        said.add(quote(k) + " = \"new-" + c + "\" added");
      }
    }
    if (rnd.nextInt(10) == 0) { // now and then, the other side is the one that is empty
      b = new TreeMap<>();
      said = List.of("every key removed");
    }
    String bName = said.isEmpty() ? "A's pairs"
        : "A's pairs with " + (said.size() <= 6 ? String.join(", ", said)
            : String.join(", ", said.subList(0, 6)) + " and " + (said.size() - 6) + " more"
                + " changes");
    return Scenario.of(d, a, aName, b, bName);
  }

  /** One change between two trees' contents, and what a hash that misses it gets wrong. */
  private record Change(String what, TreeMap<String, String> a, String aName,
      TreeMap<String, String> b, String bName, String why) {}

  /** The changes of property 4, each confined to one leaf at depth d. */
  private static List<Change> changes(int d, TreeMap<String, String> base, String baseName) {
    List<Change> out = new ArrayList<>();
    TreeMap<String, String> b;
    b = new TreeMap<>(base);
    b.put("key-5", "changed");
    out.add(new Change("\"key-5\" is \"v5\" in A and \"changed\" in B", base, baseName, b,
        "A's pairs with key-5 = \"changed\"", "Hash the values as well as the keys."));
    b = new TreeMap<>(base);
    b.put("extra", "v");
    out.add(new Change("\"extra\" = \"v\" is in B only", base, baseName, b,
        "A's pairs plus \"extra\" = \"v\"", "Every pair of a leaf goes into its hash."));
    b = new TreeMap<>(base);
    b.remove("key-9");
    out.add(new Change("\"key-9\" = \"v9\" is in A only", base, baseName, b,
        "A's pairs without key-9", "Every pair of a leaf goes into its hash."));
    TreeMap<String, String> withEmpty = new TreeMap<>(base);
    withEmpty.put("key-empty", "");
    out.add(new Change("\"key-empty\" = \"\" is in B only", base, baseName, withEmpty,
        "A's pairs plus \"key-empty\" = \"\"", "A key with an empty value is still a key: a"
            + " leaf holding it is not the leaf without it."));
    TreeMap<String, String> aa = new TreeMap<>(base);
    aa.put("key-5", "Aa");
    TreeMap<String, String> bb = new TreeMap<>(base);
    bb.put("key-5", "BB");
    out.add(new Change("\"key-5\" is \"Aa\" in A and \"BB\" in B", aa,
        baseName + " but key-5 = \"Aa\"", bb, "A's pairs but key-5 = \"BB\"",
        "\"Aa\" and \"BB\" have the same String.hashCode (and so do maps holding them): hash"
            + " the bytes with a 64-bit hash such as Hashing.hash64, not hashCode."));
    String[] pair = twoKeysInOneLeaf("swap-", d);
    TreeMap<String, String> s1 = new TreeMap<>(base);
    s1.put(pair[0], "left");
    s1.put(pair[1], "right");
    TreeMap<String, String> s2 = new TreeMap<>(base);
    s2.put(pair[0], "right");
    s2.put(pair[1], "left");
    out.add(new Change(String.format(Locale.ROOT, "%s and %s, in the same leaf, swapped their"
        + " values", quote(pair[0]), quote(pair[1])), s1, String.format(Locale.ROOT,
        "%s plus %s = \"left\" and %s = \"right\"", baseName, quote(pair[0]), quote(pair[1])),
        s2, String.format(Locale.ROOT, "A's pairs but %s = \"right\" and %s = \"left\"",
            quote(pair[0]), quote(pair[1])),
        "Hash each key together with its own value: combining a key's hash and its value's"
            + " with XOR (or +) and then all pairs with XOR lets two keys swap values unseen."));
    String[] cat = concatenationPair(d);
    TreeMap<String, String> c1 = new TreeMap<>(base);
    c1.put(cat[0], cat[1]);
    TreeMap<String, String> c2 = new TreeMap<>(base);
    c2.put(cat[2], cat[3]);
    out.add(new Change(String.format(Locale.ROOT, "A has %s = %s and B has %s = %s, in the same"
        + " leaf", quote(cat[0]), quote(cat[1]), quote(cat[2]), quote(cat[3])), c1,
        String.format(Locale.ROOT, "%s plus %s = %s", baseName, quote(cat[0]), quote(cat[1])),
        c2, String.format(Locale.ROOT, "A's pairs but %s = %s instead", quote(cat[2]),
            quote(cat[3])),
        "Written one after the other, both read " + quote(cat[0] + cat[1]) + ": write each key's"
            + " and value's length before it, so that no two sets of pairs give the same"
            + " bytes."));
    String[] sep = separatorPair(d);
    TreeMap<String, String> t1 = new TreeMap<>(base);
    t1.put(sep[0], "v, " + sep[1] + "=w");
    TreeMap<String, String> t2 = new TreeMap<>(base);
    t2.put(sep[0], "v");
    t2.put(sep[1], "w");
    out.add(new Change(String.format(Locale.ROOT, "A has %s = %s, B has %s = \"v\" and %s ="
        + " \"w\", in the same leaf", quote(sep[0]), quote("v, " + sep[1] + "=w"),
        quote(sep[0]), quote(sep[1])), t1, String.format(Locale.ROOT, "%s plus %s = %s",
            baseName, quote(sep[0]), quote("v, " + sep[1] + "=w")), t2,
        String.format(Locale.ROOT, "A's pairs but %s = \"v\" and %s = \"w\"", quote(sep[0]),
            quote(sep[1])),
        "Written as text with separators (TreeMap.toString() gives {k=v, k2=w}), one pair whose"
            + " value holds \", k2=w\" reads like two pairs: write each key's and value's length"
            + " before it instead of separating them."));
    String[] moved = twoKeysInOneLeaf("moved-", d);
    TreeMap<String, String> m1 = new TreeMap<>(base);
    m1.put(moved[0], "value");
    TreeMap<String, String> m2 = new TreeMap<>(base);
    m2.put(moved[1], "value");
    out.add(new Change(String.format(Locale.ROOT, "A has %s = \"value\" and B has %s ="
        + " \"value\", in the same leaf", quote(moved[0]), quote(moved[1])), m1,
        String.format(Locale.ROOT, "%s plus %s = \"value\"", baseName, quote(moved[0])), m2,
        String.format(Locale.ROOT, "A's pairs but %s = \"value\" instead", quote(moved[1])),
        "Hash the keys as well as the values."));
    out.add(new Change("\"key-1\" = \"v1\" is in B only, A is empty", new TreeMap<>(), "no keys",
        new TreeMap<>(Map.of("key-1", "v1")), "{\"key-1\" = \"v1\"}",
        "An empty leaf and a leaf with a key must hash differently."));
    return out;
  }

  /** Two keys with {@code prefix} in the same leaf at depth d. */
  private static String[] twoKeysInOneLeaf(String prefix, int d) {
    Map<Integer, String> seen = new HashMap<>();
    for (int i = 1; ; i++) {
      String k = prefix + i;
      String other = seen.putIfAbsent(leaf(TokenRange.tokenOf(k), d), k);
      if (other != null) {
        return new String[] {other, k};
      }
    }
  }

  /** k1, v1, k2, v2 with k1 + v1 = k2 + v2, k1 and k2 in the same leaf at depth d. */
  private static String[] concatenationPair(int d) {
    for (int i = 1; ; i++) {
      String k1 = "joined-" + i; // sorts before every "key-" of the base, next to k2
      String k2 = "joined-" + i + "2";
      if (leaf(TokenRange.tokenOf(k1), d) == leaf(TokenRange.tokenOf(k2), d)) {
        return new String[] {k1, "23", k2, "3"};
      }
    }
  }

  /**
   * Two keys k1 < k2 in the same leaf at depth d, with no key of the base between them in sort
   * order: {k1 = "v, k2=w"} then prints like {k1 = "v", k2 = "w"}.
   */
  private static String[] separatorPair(int d) {
    for (int i = 1; ; i++) {
      String k1 = "eq-" + i; // sorts before every "key-" of the base, next to k2
      String k2 = "eq-" + i + "-b";
      if (leaf(TokenRange.tokenOf(k1), d) == leaf(TokenRange.tokenOf(k2), d)) {
        return new String[] {k1, k2};
      }
    }
  }

  /** A key of {@code keys} (or a new "near-" key) in the same leaf as {@code key}. */
  private static String sameLeafKey(String key, int d, Set<String> keys) {
    int target = leaf(TokenRange.tokenOf(key), d);
    for (String k : keys) {
      if (!k.equals(key) && leaf(TokenRange.tokenOf(k), d) == target) {
        return k;
      }
    }
    for (int i = 1; ; i++) {
      if (leaf(TokenRange.tokenOf("near-" + i), d) == target) {
        return "near-" + i;
      }
    }
  }

  /** Applies one random put or remove to t and the model; returns how to say it. */
  private static String randomOp(SplittableRandom rnd, TreeMap<String, String> model, Tree t) {
    List<String> keys = new ArrayList<>(model.keySet());
    int kind = rnd.nextInt(6);
    if (keys.isEmpty() && kind >= 1 && kind <= 3) {
      kind = 0;
    }
    String key;
    switch (kind) {
      case 0: {
        key = rnd.nextBoolean() ? "new-" + rnd.nextInt(100_000) : randomKey(rnd);
        String v = "v" + rnd.nextInt(1_000);
        t.put(key, v);
        model.put(key, v);
        return "put(" + quote(key) + ", " + quote(v) + ")";
      }
      case 1: {
        key = keys.get(rnd.nextInt(keys.size()));
        String v = rnd.nextInt(4) == 0 ? "" : "updated-" + rnd.nextInt(1_000);
        t.put(key, v);
        model.put(key, v);
        return "put(" + quote(key) + ", " + quote(v) + ")";
      }
      case 2: {
        key = keys.get(rnd.nextInt(keys.size()));
        String v = model.get(key);
        t.put(key, v);
        return "put(" + quote(key) + ", " + quote(v) + ") (its value already)";
      }
      case 3: {
        key = keys.get(rnd.nextInt(keys.size()));
        t.remove(key);
        model.remove(key);
        return "remove(" + quote(key) + ")";
      }
      case 4: {
        key = "absent-" + rnd.nextInt(100_000);
        if (model.containsKey(key)) {
          return randomOp(rnd, model, t);
        }
        t.remove(key);
        return "remove(" + quote(key) + ") (not in the tree)";
      }
      default: {
        if (keys.isEmpty()) {
          return randomOp(rnd, model, t);
        }
        key = keys.get(rnd.nextInt(keys.size()));
        String v = "again-" + rnd.nextInt(1_000);
        t.remove(key);
        t.put(key, v);
        model.put(key, v);
        return "remove(" + quote(key) + ") then put(" + quote(key) + ", " + quote(v) + ")";
      }
    }
  }

  private static String describeOps(List<String> ops) {
    if (ops.size() <= 8) {
      return String.join(", ", ops);
    }
    return String.join(", ", ops.subList(0, 3)) + ", ... (" + (ops.size() - 6) + " more), "
        + String.join(", ", ops.subList(ops.size() - 3, ops.size()));
  }

  /**
   * Fails unless every node of t has the hash of a tree built from {@code model}; names the
   * first node that differs and what the updates did to it.
   */
  private static void expectEqualToBuilt(Tree t, int d, TreeMap<String, String> model,
      String start, List<String> ops) {
    Tree built = Tree.build("F", d, new HashMap<>(model), "the same contents");
    Node n = firstDifferentNode(t, built);
    if (n == null) {
      return;
    }
    String why;
    if (n.level < d) {
      // Is the leaf level right, and only the path above it stale?
      boolean leavesEqual = true;
      for (int i = 0; i < 1 << d && leavesEqual; i++) {
        leavesEqual = t.hash(d, i) == built.hash(d, i);
      }
      why = leavesEqual ? " Every leaf has the right hash but the nodes above do not: after"
          + " changing a leaf, rehash every node on the path from it to the root, each from its"
          + " two children, left then right, as the constructor does."
          : " A node's hash must be a function of the pairs below it alone, whether the tree got"
              + " them from the constructor or from put and remove.";
    } else {
      why = " " + below(n, d, model).strip() + " put sets a key (adding it, or replacing its"
          + " value), remove takes it out; the leaf's hash must then be the one the"
          + " constructor would compute for the same pairs, in the same canonical order.";
    }
    throw Because.of(OWN, String.format(Locale.ROOT,
        "T = new MerkleTree(%d, %s), then %s. hash(%d, %d) of T is 0x%016x, but a tree built"
            + " from the contents T should now hold has 0x%016x there.%s",
        d, start, describeOps(ops), n.level, n.index, n.mine, n.theirs, why));
  }

  // ---------------------------------------------------------------------------------------------
  // Comparing the learner's trees node by node

  /** A node where two trees differ. */
  private record Node(int level, int index, long mine, long theirs) {}

  /** The first node, leaves first (left to right), then upwards, where a and b differ. */
  private static Node firstDifferentNode(Tree a, Tree b) {
    int d = a.depth;
    for (int level = d; level >= 0; level--) {
      for (int i = 0; i < 1 << level; i++) {
        long x = a.hash(level, i);
        long y = b.hash(level, i);
        if (x != y) {
          return new Node(level, i, x, y);
        }
      }
    }
    return null;
  }

  /** " Leaf 5 holds 3 pairs: ..." for a differing leaf, or "" for an inner node. */
  private static String below(Node n, int d, Map<String, String> contents) {
    if (n.level != d) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    int count = 0;
    for (Map.Entry<String, String> e : contents.entrySet()) {
      if (leaf(TokenRange.tokenOf(e.getKey()), d) == n.index) {
        count++;
        if (pairs.size() < 4) {
          pairs.add(quote(e.getKey()) + " = " + quote(e.getValue()));
        }
      }
    }
    if (count == 0) {
      return String.format(Locale.ROOT, " Leaf %d holds no pairs.", n.index);
    }
    return String.format(Locale.ROOT, " Leaf %d holds %d pair%s: %s%s.", n.index, count,
        count == 1 ? "" : "s", String.join(", ", pairs),
        count > pairs.size() ? String.format(Locale.ROOT, " and %,d more", count - pairs.size())
            : "");
  }

  // ---------------------------------------------------------------------------------------------
  // The learner's tree, with the scenario each call happens in

  /**
   * A learner's tree and how it was made, so that an exception it throws is reported with the
   * tree and the call, and names the hint about its likely cause.
   */
  private static final class Tree {
    final String name;
    final int depth;
    final String how;
    final MerkleTree tree;

    private Tree(String name, int depth, String how, MerkleTree tree) {
      this.name = name;
      this.depth = depth;
      this.how = how;
      this.tree = tree;
    }

    static Tree build(String name, int depth, Map<String, String> data, String how) {
      String call = "new MerkleTree(" + depth + ", " + how + ")";
      try {
        return new Tree(name, depth, how, new MerkleTree(depth, data));
      } catch (IllegalArgumentException e) {
        throw Because.of(ARGS, call + " threw IllegalArgumentException" + message(e) + where(e)
            + "; expected a tree: depths 0 to 16 are allowed, and any keys and values.", e);
      } catch (RuntimeException e) {
        throw threw(call, e);
      }
    }

    String describe() {
      return "new MerkleTree(" + depth + ", " + how + ")";
    }

    int reportedDepth() {
      try {
        return tree.depth();
      } catch (RuntimeException e) {
        throw threw(describe() + ": depth()", e, LAYOUT);
      }
    }

    long hash(int level, int index) {
      try {
        return tree.hash(level, index);
      } catch (RuntimeException e) {
        throw threw(name + " = " + describe() + ": hash(" + level + ", " + index + ")", e);
      }
    }

    int leafOf(String key) {
      try {
        return tree.leafOf(key);
      } catch (RuntimeException e) {
        throw threw(describe() + ": leafOf(" + quote(key) + ")", e, LAYOUT);
      }
    }

    TokenRange leafRange(int index) {
      try {
        return tree.leafRange(index);
      } catch (RuntimeException e) {
        throw threw(describe() + ": leafRange(" + index + ")", e, LAYOUT);
      }
    }

    void put(String key, String value) {
      try {
        tree.put(key, value);
      } catch (RuntimeException e) {
        throw threw(name + " = " + describe() + ": put(" + quote(key) + ", " + quote(value)
            + ")", e, OWN);
      }
    }

    void remove(String key) {
      try {
        tree.remove(key);
      } catch (RuntimeException e) {
        throw threw(name + " = " + describe() + ": remove(" + quote(key) + ")", e, OWN);
      }
    }

    List<TokenRange> diff(Counter other, String call) {
      try {
        return tree.diff(other);
      } catch (ClassCastException e) {
        throw Because.of(DIFF, call + " threw ClassCastException" + message(e) + where(e)
            + ". The other tree may be on another replica: use only other.depth() and"
            + " other.hash(level, index), never cast it to MerkleTree.", e);
      } catch (RuntimeException e) {
        throw threw(call, e, DIFF);
      }
    }

    private static AssertionError threw(String call, RuntimeException e) {
      return threw(call, e, null);
    }

    /**
     * The failure for an exception thrown by the learner's code in {@code call}. The untouched
     * stub's TODO exceptions pass through, so that the verdict says what is not implemented.
     */
    private static AssertionError threw(String call, RuntimeException e, String hint) {
      if (e instanceof UnsupportedOperationException && e.getMessage() != null
          && e.getMessage().contains("TODO")) {
        throw e;
      }
      String text = call + " threw " + e.getClass().getSimpleName() + message(e) + where(e)
          + ".";
      if (e instanceof IllegalArgumentException && e.getMessage() != null
          && e.getMessage().startsWith("first > last")) {
        return Because.of(LAYOUT, text + " A TokenRange's last token is included and is not"
            + " below its first: the last leaf ends at 0xffffffffffffffff, which first + width"
            + " wraps past.", e);
      }
      if (e instanceof IndexOutOfBoundsException || e instanceof NegativeArraySizeException) {
        return Because.of(hint != null && !hint.equals(OWN) && !hint.equals(DIFF) ? hint
            : LAYOUT, text + " Every key's leaf is 0 to 2^d - 1: the top d bits of its"
            + " token, taken with >>> (and 0 at depth 0).", e);
      }
      if (e instanceof UnsupportedOperationException && OWN.equals(hint)) {
        return Because.of(OWN, text + " Was the tree writing to the caller's map (here an"
            + " unmodifiable one)? Keep a copy of your own.", e);
      }
      if (e instanceof IllegalArgumentException && e.getMessage() != null
          && e.getMessage().startsWith("no node")) {
        return Because.of(DIFF, text, e);
      }
      return hint == null ? new AssertionError(text, e) : Because.of(hint, text, e);
    }

    private static String message(Throwable e) {
      return e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
    }

    /** " at MerkleTree.java:12 (in put)" for the learner's frame nearest the throw. */
    private static String where(Throwable e) {
      for (StackTraceElement f : e.getStackTrace()) {
        if (LEARNER_FILE.equals(f.getFileName())) {
          return " at " + LEARNER_FILE + ":" + f.getLineNumber() + " (in " + f.getMethodName()
              + ")";
        }
      }
      return "";
    }
  }

  /**
   * The other replica's tree as the diff sees it: a view of another learner tree that counts
   * every hash call and checks that the position is in the tree.
   */
  private static final class Counter implements MerkleHashes {
    private static final int LIMIT = 2_000_000;
    private final Tree target;
    private final boolean argumentsTest;
    private final List<Long> asks = new ArrayList<>();
    private final Set<Long> seen = new HashSet<>();
    private Long repeated;
    int calls;
    Set<Integer> model;

    Counter(Tree target, boolean argumentsTest) {
      this.target = target;
      this.argumentsTest = argumentsTest;
    }

    @Override
    public int depth() {
      return target.depth;
    }

    @Override
    public long hash(int level, int index) {
      calls++;
      if (level < 0 || level > target.depth || index < 0 || index >= 1 << level) {
        if (argumentsTest) {
          throw Because.of(ARGS, String.format(Locale.ROOT, "The diff asked %s, a tree of"
              + " depth %d, for hash(%d, %d), outside it: compare other.depth() with your own"
              + " first, and throw IllegalArgumentException when they differ.", target.name,
              target.depth, level, index));
        }
        throw Because.of(DIFF, String.format(Locale.ROOT, "The diff asked %s (depth %d) for"
            + " hash(%d, %d), outside the tree: level L holds nodes 0 to 2^L - 1, the leaves"
            + " are at level %d, and the children of (L, i) are (L + 1, 2i) and"
            + " (L + 1, 2i + 1).", target.name, target.depth, level, index, target.depth));
      }
      if (calls > LIMIT) {
        throw Because.of(COUNT, String.format(Locale.ROOT, "The diff asked %s for more than"
            + " %,d hashes of a tree of %,d nodes: a walk asks for each node at most once.",
            target.name, LIMIT, (2 << target.depth) - 1));
      }
      long node = (long) level << 32 | index;
      if (!seen.add(node) && repeated == null) {
        repeated = node;
      }
      if (asks.size() < 100_000) {
        asks.add(node);
      }
      return target.hash(level, index);
    }

    /** The first asks, "(0, 0), (1, 0), ...". */
    String firstAsks(int max) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < Math.min(max, asks.size()); k++) {
        sb.append(k == 0 ? "" : ", ").append(node(asks.get(k)));
      }
      if (calls > max) {
        sb.append(", ...");
      }
      return sb.toString();
    }

    /** Which of the asks the top-down walk would not make, and what that says. */
    String waste(Set<Integer> differing, int d) {
      int leaves = 0;
      for (long a : asks) {
        if (a >>> 32 == d) {
          leaves++;
        }
      }
      if (d > 0 && leaves >= 1 << d) {
        return String.format(Locale.ROOT, "It asked for all %,d leaves (%s): that is comparing"
            + " leaf by leaf. Go down from the root only where the hashes differ.", 1 << d,
            firstAsks(6));
      }
      for (long a : asks) {
        int level = (int) (a >>> 32);
        int index = (int) a;
        if (level > 0 && !hasLeafBelow(differing, level - 1, index >> 1, d)) {
          return String.format(Locale.ROOT, "It asked for %s, whose parent %s is equal in both"
              + " trees: nothing below an equal node can differ, so the walk never goes"
              + " there.", node(a), node((long) (level - 1) << 32 | index >> 1));
        }
      }
      if (repeated != null) {
        return String.format(Locale.ROOT, "It asked for %s more than once: ask for each node"
            + " once (the root too), and keep what you got.", node(repeated));
      }
      return "Ask for the root once, then for the two children of each differing node only.";
    }

    private static String node(long n) {
      return "(" + (n >>> 32) + ", " + (int) n + ")";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static void expectIllegal(String call, Tree scenario, Runnable body, String why) {
    try {
      body.run();
    } catch (IllegalArgumentException expected) {
      return; // the contract
    } catch (AssertionError e) {
      throw e;
    } catch (UnsupportedOperationException e) {
      if (e.getMessage() != null && e.getMessage().contains("TODO")) {
        throw e;
      }
      throw Because.of(ARGS, call + " threw UnsupportedOperationException"
          + Tree.message(e) + Tree.where(e) + "; expected IllegalArgumentException: " + why
          + ".", e);
    } catch (RuntimeException e) {
      throw Because.of(ARGS, call + " threw " + e.getClass().getSimpleName() + Tree.message(e)
          + Tree.where(e) + "; expected IllegalArgumentException: " + why + ".", e);
    }
    throw Because.of(ARGS, call + " returned normally; expected IllegalArgumentException: " + why
        + ".");
  }

  /** key-1 to key-n with the values v1 to vn, in a HashMap (faster to fill and read). */
  private static Map<String, String> structuredHashMap(int n) {
    Map<String, String> m = new HashMap<>(2 * n);
    for (int i = 1; i <= n; i++) {
      m.put("key-" + i, "v" + i);
    }
    return m;
  }

  /** key-1 to key-n with the values v1 to vn. */
  private static TreeMap<String, String> structured(int n) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      m.put("key-" + i, "v" + i);
    }
    return m;
  }

  /** n random keys with random values (some empty, some non-ASCII). */
  private static TreeMap<String, String> randomData(SplittableRandom rnd, int n) {
    TreeMap<String, String> m = new TreeMap<>();
    while (m.size() < n) {
      m.put(randomKey(rnd), rnd.nextInt(10) == 0 ? "" : randomKey(rnd));
    }
    return m;
  }

  private static LinkedHashMap<String, String> shuffled(Map<String, String> m,
      SplittableRandom rnd) {
    List<String> keys = new ArrayList<>(m.keySet());
    for (int i = keys.size() - 1; i > 0; i--) {
      Collections.swap(keys, i, rnd.nextInt(i + 1));
    }
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    for (String k : keys) {
      out.put(k, m.get(k));
    }
    return out;
  }

  private static LinkedHashMap<String, String> reversed(Map<String, String> m) {
    List<String> keys = new ArrayList<>(new TreeSet<>(m.keySet()));
    Collections.reverse(keys);
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    for (String k : keys) {
      out.put(k, m.get(k));
    }
    return out;
  }

  private static String mapDifference(Map<String, String> before, Map<String, String> after) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String k : keys) {
      if (!Objects.equals(before.get(k), after.get(k))) {
        out.add(quote(k) + (!after.containsKey(k) ? " is gone"
            : before.containsKey(k) ? " is now " + quote(after.get(k))
            : " = " + quote(after.get(k)) + " was added"));
      }
    }
    return String.join(", ", out);
  }

  /** A short string with ASCII and some non-ASCII characters (accents, CJK, an emoji). */
  private static String randomKey(SplittableRandom rnd) {
    int len = 1 + rnd.nextInt(16);
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      int r = rnd.nextInt(100);
      if (r < 85) {
        sb.append((char) ('!' + rnd.nextInt(94)));
      } else if (r < 93) {
        sb.append((char) (0xC0 + rnd.nextInt(0x40)));
      } else if (r < 98) {
        sb.append((char) (0x4E00 + rnd.nextInt(0x1000)));
      } else {
        sb.appendCodePoint(0x1F600 + rnd.nextInt(0x40));
      }
    }
    return sb.toString();
  }

  private static String show(List<TokenRange> ranges) {
    if (ranges.isEmpty()) {
      return "no ranges";
    }
    if (ranges.size() <= 6) {
      return ranges.toString();
    }
    return "[" + ranges.get(0) + ", " + ranges.get(1) + ", " + ranges.get(2) + ", ... ("
        + ranges.size() + " ranges)]";
  }

  private static String ordinal(int n) {
    String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th"
        : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    return n + suffix;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
