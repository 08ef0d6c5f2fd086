import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for hdfs-block-placement. Every call's answer is judged step by step against the
 * model of brief.md: for the i-th target, given the targets before it (each already checked), the
 * model computes the candidates the rules allow (the first non-empty scope of the step's
 * fallback chain) and the target must be one of them; then the count must be exactly what the
 * model says. So expectations come from the model, never from an earlier answer, and any fair
 * random choice passes. Uniformity is measured on fixed topologies against the model's candidate
 * sets, with bands whose false-failure odds are stated where they are checked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class HdfsBlockPlacementSuite {
  private static final String FIRST = "first-replica";
  private static final String SECOND = "second-and-third";
  private static final String USABLE = "usable-nodes";
  private static final String HOW_MANY = "how-many";
  private static final String FALLBACKS = "fallbacks";
  private static final String RANDOM = "random-choice";
  private static final String ARGS = "arguments";

  private static final long MB = 1L << 20;
  private static final long BLOCK = 128 * MB;

  // ---------------------------------------------------------------- the properties

  @Test
  @Order(1)
  @DisplayName("arguments are checked, the node list is copied, excluded and answers are left alone")
  @Hint(ARGS)
  void argumentsAndCopies() {
    List<HdfsDataNode> dup = List.of(live("dn-1", "/rack-1"), live("dn-2", "/rack-1"),
        live("dn-1", "/rack-2"));
    try {
      new HdfsBlockPlacement(dup);
      throw Because.of(ARGS, "new HdfsBlockPlacement(" + ids(dup) + ") returned, but two nodes"
          + " have the id dn-1; expected IllegalArgumentException.");
    } catch (IllegalArgumentException expected) {
      // as the brief says
    }
    Case empty = new Case("an empty cluster", List.of(), 3, null, Set.of(), BLOCK);
    List<String> none = call(empty, new Random(1), ARGS);
    if (none == null || !none.isEmpty()) {
      throw Because.of(ARGS, empty.describe() + "\nreturned " + none
          + "; an empty cluster has no targets: expected [].");
    }
    List<HdfsDataNode> three = List.of(live("dn-1", "/rack-1"), live("dn-2", "/rack-1"),
        live("dn-3", "/rack-2"));
    HdfsBlockPlacement p = construct(three, "three nodes");
    for (int bad : new int[] {-1, -3, Integer.MIN_VALUE}) {
      try {
        p.chooseTargets(bad, null, Set.of(), BLOCK, new Random(1));
        throw Because.of(ARGS, "chooseTargets(" + bad + ", ...) returned; replicas < 0 must"
            + " throw IllegalArgumentException.");
      } catch (IllegalArgumentException expected) {
        // as the brief says
      }
    }
    for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
      try {
        p.chooseTargets(3, null, Set.of(), bad, new Random(1));
        throw Because.of(ARGS, "chooseTargets(3, null, [], " + bad + ", ...) returned;"
            + " blockSize < 1 must throw IllegalArgumentException.");
      } catch (IllegalArgumentException expected) {
        // as the brief says
      }
    }
    List<String> one = p.chooseTargets(3, "dn-1", Set.of(), 1, new Random(1));
    if (one == null || one.size() != 3) {
      throw Because.of(ARGS, "chooseTargets(3, \"dn-1\", [], 1, ...) on " + ids(three)
          + " returned " + one + "; a block of 1 byte is valid (blockSize >= 1), and every"
          + " node has room: expected 3 targets.");
    }
    List<String> zero = p.chooseTargets(0, "dn-1", Set.of(), BLOCK, new Random(1));
    if (zero == null || !zero.isEmpty()) {
      throw Because.of(HOW_MANY, "chooseTargets(0, \"dn-1\", ...) on " + ids(three)
          + " returned " + zero + "; replication 0 wants no targets: expected [].");
    }
    // The caller's list changes after the constructor: the policy must not follow.
    List<HdfsDataNode> callers = new ArrayList<>(three);
    HdfsBlockPlacement q = construct(callers, "three nodes");
    callers.clear();
    callers.add(live("late-1", "/rack-9"));
    List<String> got = q.chooseTargets(3, null, Set.of(), BLOCK, new Random(2));
    if (got == null || got.size() != 3 || got.contains("late-1")) {
      throw Because.of(ARGS, "built a policy over [dn-1, dn-2, dn-3], then cleared the list"
          + " passed to the constructor and added late-1 to it; chooseTargets(3, ...) returned "
          + got + ". Keep your own copy of the nodes (List.copyOf): expected the three"
          + " original nodes.");
    }
    // excluded: a modifiable set must stay as it was.
    Set<String> excluded = new HashSet<>(Set.of("dn-2"));
    List<String> a = p.chooseTargets(3, "dn-1", excluded, BLOCK, new Random(3));
    if (!excluded.equals(Set.of("dn-2"))) {
      throw Because.of(ARGS, "chooseTargets(3, \"dn-1\", {dn-2}, ...) changed the caller's"
          + " excluded set to " + new java.util.TreeSet<>(excluded)
          + "; keep what you add to it (the chosen nodes) in a set of your own.");
    }
    List<String> copy = a == null ? null : new ArrayList<>(a);
    p.chooseTargets(3, "dn-3", Set.of(), BLOCK, new Random(4));
    if (a == null || !a.equals(copy)) {
      throw Because.of(ARGS, "a list returned by chooseTargets was " + copy
          + " and became " + a + " after another call; return a new list each call.");
    }
  }

  @Test
  @Order(2)
  @DisplayName("the first replica is the writer's node, or one on its rack when it cannot take it")
  @Hint(FIRST)
  void firstReplica() {
    Profile p = new Profile(2, 5, 1, 5, 0.08, 0.08, 0.08, 0.08, 0.9, 0.05, 1, 4);
    sweep(200, 11, p);
  }

  @Test
  @Order(3)
  @DisplayName("the second replica is on another rack, the third next to the second")
  @Hint(SECOND)
  void secondAndThird() {
    Profile p = new Profile(2, 6, 2, 6, 0, 0, 0, 0, 0.5, 0.25, 2, 3);
    sweep(200, 12, p);
  }

  @Test
  @Order(4)
  @DisplayName("excluded, dead, decommissioning and full nodes are never chosen, nor a node twice")
  @Hint(USABLE)
  void unusableNodesAreSkipped() {
    Profile p = new Profile(1, 5, 1, 6, 0.2, 0.2, 0.2, 0.2, 0.5, 0.25, 1, 8);
    sweep(300, 13, p);
    // One node of each kind next to the writer, on a rack of their own, and one good node.
    List<HdfsDataNode> nodes = List.of(
        new HdfsDataNode("dn-1", "/rack-1", HdfsDataNode.State.DEAD, BLOCK * 10),
        new HdfsDataNode("dn-2", "/rack-1", HdfsDataNode.State.DECOMMISSIONING, BLOCK * 10),
        new HdfsDataNode("dn-3", "/rack-1", HdfsDataNode.State.LIVE, BLOCK - 1),
        new HdfsDataNode("dn-4", "/rack-1", HdfsDataNode.State.LIVE, BLOCK * 10),
        new HdfsDataNode("dn-5", "/rack-2", HdfsDataNode.State.LIVE, BLOCK),
        new HdfsDataNode("dn-6", "/rack-2", HdfsDataNode.State.LIVE, BLOCK * 10));
    for (String writer : new String[] {"dn-1", "dn-2", "dn-3", "dn-4", "dn-5", null}) {
      for (int k = 0; k < 20; k++) {
        Case c = new Case("one node of each kind", nodes, 3, writer,
            Collections.unmodifiableSet(new HashSet<>(Set.of("dn-4"))), BLOCK);
        check(c, call(c, new Random(k), USABLE), USABLE);
      }
    }
  }

  @Test
  @Order(5)
  @DisplayName("total = min(replicas, live topology) targets, at most maxPerRack on a rack")
  @Hint(HOW_MANY)
  void howManyAndPerRack() {
    List<Case> cases = new ArrayList<>();
    // Rack 2's only node is decommissioning: 2 racks, so maxPerRack(3) = 2, and rack 1 alone
    // can take only two of the three.
    cases.add(new Case("rack 2 decommissioning", nodes("/rack-1", 5, "/rack-2:decom", 1), 3,
        "dn-1", Set.of(), BLOCK));
    // Rack 2 is all dead: out of the topology, so one rack and maxPerRack = total = 3.
    cases.add(new Case("rack 2 all dead", nodes("/rack-1", 4, "/rack-2:dead", 2), 3, null,
        Set.of(), BLOCK));
    // Replicas beyond the live topology: total = 6, maxPerRack = 5 / 2 + 2 = 4.
    cases.add(new Case("more replicas than live nodes",
        nodes("/rack-1", 5, "/rack-2", 1, "/rack-3:dead", 4), 12, "dn-1", Set.of(), BLOCK));
    cases.add(new Case("two racks, ten replicas", nodes("/rack-1", 8, "/rack-2", 2), 10, null,
        Set.of(), BLOCK));
    cases.add(new Case("two racks, two replicas", nodes("/rack-1", 3, "/rack-2", 3), 2, "dn-1",
        Set.of(), BLOCK));
    cases.add(new Case("three racks, five replicas", nodes("/rack-1", 6, "/rack-2", 1,
        "/rack-3", 1), 5, "dn-1", Set.of(), BLOCK));
    cases.add(new Case("one node", nodes("/rack-1", 1), 3, "dn-1", Set.of(), BLOCK));
    cases.add(new Case("one rack", nodes("/rack-1", 7), 5, "dn-2", Set.of(), BLOCK));
    cases.add(new Case("one replica", nodes("/rack-1", 3, "/rack-2", 3), 1, null, Set.of(),
        BLOCK));
    cases.add(new Case("twelve racks of one node", nodes("/rack-1", 1, "/rack-2", 1, "/rack-3",
        1, "/rack-4", 1, "/rack-5", 1, "/rack-6", 1, "/rack-7", 1, "/rack-8", 1, "/rack-9", 1,
        "/rack-10", 1, "/rack-11", 1, "/rack-12", 1), 12, "dn-5", Set.of(), BLOCK));
    for (Case c : cases) {
      for (int k = 0; k < 30; k++) {
        check(c, call(c, new Random(k), HOW_MANY), HOW_MANY);
      }
    }
    Profile p = new Profile(1, 4, 1, 8, 0.1, 0.1, 0.05, 0.05, 0.5, 0.25, 0, 12);
    sweep(300, 15, p);
  }

  @Test
  @Order(6)
  @DisplayName("when a rule cannot be met, the next best choice; fewer targets only when none is left")
  @Hint(FALLBACKS)
  void fallbacks() {
    List<Case> cases = new ArrayList<>();
    // One rack: the second and third fall back to the first replica's rack.
    cases.add(new Case("one rack", nodes("/rack-1", 4), 3, "dn-1", Set.of(), BLOCK));
    // Rack 2 has one usable node: the third falls back to the first replica's rack.
    cases.add(new Case("rack 2 has one node", nodes("/rack-1", 3, "/rack-2", 1), 3, "dn-1",
        Set.of(), BLOCK));
    // Writer on rack 1, rack 2 one node, rack 3 many: third on rack 2 or beyond.
    cases.add(new Case("small racks", nodes("/rack-1", 1, "/rack-2", 1, "/rack-3", 4), 3,
        "dn-1", Set.of(), BLOCK));
    // The writer cannot take it and its rack is empty of usable nodes.
    cases.add(new Case("writer's rack unusable", nodes("/rack-1:decom", 2, "/rack-2", 3), 3,
        "dn-1", Set.of(), BLOCK));
    for (Case c : cases) {
      for (int k = 0; k < 30; k++) {
        check(c, call(c, new Random(k), FALLBACKS), FALLBACKS);
      }
    }
    Profile p = new Profile(1, 3, 1, 3, 0.15, 0.15, 0.15, 0.15, 0.6, 0.2, 3, 6);
    sweep(400, 16, p);
  }

  @Test
  @Order(7)
  @DisplayName("large clusters: a thousand nodes on 25 racks, replication 3 and 10")
  @Hint(SECOND)
  void largeClusters() {
    for (long seed : Seeds.sweep(20)) {
      SplittableRandom r = new SplittableRandom(seed * 7919 + 17);
      List<HdfsDataNode> nodes = new ArrayList<>();
      for (int i = 1; i <= 1_000; i++) {
        HdfsDataNode.State s = r.nextInt(20) == 0 ? HdfsDataNode.State.DEAD
            : r.nextInt(20) == 0 ? HdfsDataNode.State.DECOMMISSIONING : HdfsDataNode.State.LIVE;
        nodes.add(new HdfsDataNode("dn-" + i, "/rack-" + (1 + (i - 1) / 40), s,
            r.nextInt(30) == 0 ? BLOCK - 1 : BLOCK * 100));
      }
      String writer = r.nextBoolean() ? "dn-" + (1 + r.nextInt(1_000)) : null;
      int replicas = r.nextBoolean() ? 3 : 10;
      Case c = new Case("1,000 nodes on 25 racks", nodes, replicas, writer, Set.of(), BLOCK);
      try {
        check(c, call(c, new Random(seed), SECOND), SECOND);
      } catch (AssertionError e) {
        throw Seeds.failure(seed, e.getMessage(), e, Because.hintOf(e));
      }
    }
  }

  @Test
  @Order(8)
  @DisplayName("every random choice is uniform over its candidates")
  @Hint(RANDOM)
  void choicesAreUniform() {
    // Racks of 1, 5 and 2 nodes, all live, a client outside the cluster, 3 replicas.
    List<HdfsDataNode> nodes = nodes("/rack-a", 1, "/rack-b", 5, "/rack-c", 2);
    Case c = new Case("racks of 1, 5 and 2 nodes", nodes, 3, "client-1", Set.of(), BLOCK);
    int calls = 3_000;
    Map<String, Integer> first = new TreeMap<>();
    Map<String, Integer> secondAfterB = new TreeMap<>();
    Map<String, Integer> thirdOnB = new TreeMap<>();
    int afterB = 0;
    int onB = 0;
    for (int k = 0; k < calls; k++) {
      List<String> got = call(c, new Random(1_000_003L * k + 5), RANDOM);
      check(c, got, RANDOM);
      first.merge(got.get(0), 1, Integer::sum);
      if (rackOf(nodes, got.get(0)).equals("/rack-b")) {
        afterB++;
        secondAfterB.merge(got.get(1), 1, Integer::sum);
      } else if (rackOf(nodes, got.get(1)).equals("/rack-b")) {
        onB++;
        thirdOnB.merge(got.get(2), 1, Integer::sum);
      }
    }
    // Each band is +-40% of the fair share. The smallest share is about 142 calls (the third
    // replica on rack b: ~710 calls over 5 nodes, sd = sqrt(710 * 0.2 * 0.8) = 10.7), and 40%
    // of it is 5.3 sd: a fair policy leaves one of its 16 bands with odds below 1e-6 per submit
    // (normal approximation, two-sided). HdfsPlacementCalibrationTest passes the reference with
    // k = 1..50 extra draws before each choice, 50 other streams.
    uniform(c, "first replica", first, ids(nodes), calls);
    uniform(c, "second replica when the first is on /rack-b", secondAfterB,
        List.of("dn-1", "dn-7", "dn-8"), afterB);
    uniform(c, "third replica when the first is not on /rack-b and the second is", thirdOnB,
        List.of("dn-2", "dn-3", "dn-4", "dn-5", "dn-6"), onB);

    // A further replica is a random usable node anywhere: not one of the emptiest rack. Racks of
    // 3, 3 and 1 nodes, the writer dn-1 on /rack-a, 4 replicas (maxPerRack 3). When the second
    // and third land on /rack-b (3 calls in 4), the fourth has 4 candidates: dn-2, dn-3, the node
    // left on /rack-b and dn-7, about 560 calls each (sd about 20, so 40% is 11 sd).
    List<HdfsDataNode> four = nodes("/rack-a", 3, "/rack-b", 3, "/rack-c", 1);
    Case d = new Case("racks of 3, 3 and 1 nodes, four replicas", four, 4, "dn-1", Set.of(),
        BLOCK);
    Map<String, Integer> fourth = new TreeMap<>();
    int bb = 0;
    String leftOnB = "the node left on /rack-b";
    for (int k = 0; k < calls; k++) {
      List<String> got = call(d, new Random(1_000_033L * k + 7), RANDOM);
      check(d, got, RANDOM);
      if (got.size() == 4 && rackOf(four, got.get(1)).equals("/rack-b")
          && rackOf(four, got.get(2)).equals("/rack-b")) {
        bb++;
        String id = got.get(3);
        fourth.merge(rackOf(four, id).equals("/rack-b") ? leftOnB : id, 1, Integer::sum);
      }
    }
    uniform(d, "fourth replica when the second and third are on /rack-b", fourth,
        List.of("dn-2", "dn-3", leftOnB, "dn-7"), bb);
  }

  @Test
  @Order(9)
  @DisplayName("the same seed gives the same targets, different seeds different ones")
  @Hint(RANDOM)
  void deterministicGivenTheRandom() {
    Profile p = new Profile(3, 6, 3, 8, 0.05, 0.05, 0.05, 0.05, 0.3, 0.3, 3, 6);
    for (long seed : Seeds.sweep(50)) {
      Case c = p.generate(seed * 31 + 3, "random topology " + seed);
      List<String> a = call(c, new Random(seed), RANDOM);
      List<String> b = call(c, new Random(seed), RANDOM);
      if (a == null || !a.equals(b)) {
        throw Seeds.failure(seed, c.describe() + "\ncalled twice with new Random(" + seed
            + "): " + a + ", then " + b + ". Draw every random choice from the Random passed in"
            + " (never new Random(), Math.random(), ThreadLocalRandom or a Random kept between"
            + " calls), so that a seed replays a placement.", null, RANDOM);
      }
    }
    // Different seeds: twenty calls on a cluster with many choices must not all agree.
    Case c = new Case("6 racks of 8 live nodes", nodes("/rack-1", 8, "/rack-2", 8, "/rack-3", 8,
        "/rack-4", 8, "/rack-5", 8, "/rack-6", 8), 3, null, Set.of(), BLOCK);
    Set<List<String>> seen = new HashSet<>();
    for (int k = 0; k < 20; k++) {
      seen.add(call(c, new Random(k), RANDOM));
    }
    if (seen.size() < 2) {
      fail(c.describe() + "\ngave " + seen.iterator().next() + " for each of 20 seeds;"
          + " every random choice must draw from the Random passed in.");
    }
  }

  // ---------------------------------------------------------------- sweeps and the checker

  /** Runs {@code count} seeded random cases of {@code p}, five calls each. */
  private void sweep(int count, int salt, Profile p) {
    Seeds.forEach(count, seed -> {
      Case c = p.generate(seed * 1_000 + salt, "random topology");
      for (int k = 0; k < 5; k++) {
        check(c, call(c, new Random(seed * 10 + k), null), null);
      }
    });
  }

  /**
   * Judges one answer against the model, target by target; throws a failure naming the hint
   * about the cause ({@code testHint} where no more specific cause applies).
   */
  static void check(Case c, List<String> got, String testHint) {
    Model m = new Model(c);
    if (got == null) {
      throw Because.of(HOW_MANY, c.describe() + "\nreturned null; expected a list of "
          + m.expectedCount() + " id(s).");
    }
    if (got.size() > m.total) {
      throw Because.of(HOW_MANY, c.describe() + "\nreturned " + got.size() + " ids " + got
          + "; " + m.totalText() + ", so at most " + m.total + ".");
    }
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < got.size(); i++) {
      final int index = i;
      String id = got.get(i);
      HdfsDataNode n = m.byId.get(id);
      java.util.function.Supplier<String> where = () -> c.describe() + "\nreturned " + got
          + ".\nTarget " + (index + 1) + " (" + step(index) + ") ";
      if (n == null) {
        throw Because.of(USABLE, where.get() + "is " + quote(id) + ", not a DataNode of this cluster.");
      }
      if (chosen.contains(id)) {
        throw Because.of(USABLE, where.get() + "is " + id + " again: a node holds at most one replica"
            + " of a block.");
      }
      String why = m.unusable(n);
      if (why != null) {
        throw Because.of(USABLE, where.get() + "is " + id + ", which " + why + ": it cannot take a"
            + " replica.");
      }
      int onRack = m.onRack(chosen, n.rack());
      if (onRack >= m.maxPerRack) {
        throw Because.of(HOW_MANY, where.get() + "is " + id + " on " + n.rack() + ", which already"
            + " holds " + onRack + " of the targets; " + m.capText() + ".");
      }
      List<Scope> scopes = m.scopes(i, chosen);
      int s = 0;
      while (s < scopes.size() && scopes.get(s).candidates.isEmpty()) {
        s++;
      }
      Scope allowed = scopes.get(s); // the last scope holds every usable node; n is usable
      if (!allowed.candidates.contains(n)) {
        String hint = i >= 3 ? HOW_MANY
            : s > 0 || scopes.get(0).fallback ? FALLBACKS : i == 0 ? FIRST : SECOND;
        String skipped = s == 0 ? "" : " (" + skippedText(scopes, s) + ")";
        if (exactlyOneBlockFree(allowed.candidates, c.blockSize)) {
          hint = USABLE;
          skipped += "; each has exactly one block of free space, which is enough";
        }
        throw Because.of(hint, where.get() + "is " + id + " on " + n.rack() + "; the rule allows "
            + allowed.name + skipped + ": " + ids(allowed.candidates) + ".");
      }
      chosen.add(id);
    }
    int expected = m.expectedCount();
    if (got.size() < expected) {
      int i = got.size();
      List<Scope> scopes = m.scopes(i, chosen);
      int s = 0;
      while (scopes.get(s).candidates.isEmpty()) {
        s++;
      }
      // Stopping here would be right only if a rack limit of k (the fewest targets already on
      // a candidate's rack) applied: k >= 2 points at maxPerRack, k < 2 at the chain itself.
      int k = Integer.MAX_VALUE;
      for (HdfsDataNode n : scopes.get(s).candidates) {
        k = Math.min(k, m.onRack(chosen, n.rack()));
      }
      String hint = i >= 3 || k >= 2 ? HOW_MANY
          : s > 0 ? FALLBACKS : i == 0 ? FIRST : SECOND;
      String limit = k >= 2 ? " Stopping there would be right only if maxPerRack were " + k
          + "." : "";
      if (exactlyOneBlockFree(scopes.get(s).candidates, c.blockSize)) {
        hint = USABLE;
        limit = " Each has exactly one block of free space, which is enough.";
      }
      throw Because.of(hint, c.describe() + "\nreturned " + got.size() + " id(s) " + got
          + ", but target " + (i + 1) + " (" + step(i) + ") still had candidates: "
          + scopes.get(s).name + ", " + ids(scopes.get(s).candidates) + "." + limit
          + " Expected " + expected + " targets: " + m.countText() + ".");
    }
  }

  private static boolean exactlyOneBlockFree(List<HdfsDataNode> nodes, long blockSize) {
    for (HdfsDataNode n : nodes) {
      if (n.freeBytes() != blockSize) {
        return false;
      }
    }
    return !nodes.isEmpty();
  }

  private static String skippedText(List<Scope> scopes, int s) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < s; j++) {
      names.add(scopes.get(j).name);
    }
    return "none usable in " + String.join(", nor in ", names);
  }

  private static String step(int i) {
    return switch (i) {
      case 0 -> "the first replica";
      case 1 -> "the second replica";
      case 2 -> "the third replica";
      default -> "a further replica";
    };
  }

  private static void uniform(Case c, String what, Map<String, Integer> counts,
      List<String> candidates, int calls) {
    double fair = (double) calls / candidates.size();
    for (String id : candidates) {
      int n = counts.getOrDefault(id, 0);
      if (n < 0.6 * fair || n > 1.4 * fair) {
        throw Because.of(RANDOM, c.describe() + "\nover " + calls + " calls (each with its own"
            + " seed), the " + what + " was " + id + " " + n + " times; its candidates are "
            + candidates + ", so a uniform choice gives each about " + Math.round(fair)
            + " (the suite accepts 60% to 140% of that). All counts: " + counts + ". Pick"
            + " uniformly among all candidates of the step (not the first, not a rack first and"
            + " then a node).");
      }
    }
  }

  // ---------------------------------------------------------------- calling the learner's code

  static List<String> call(Case c, Random random, String hint) {
    HdfsBlockPlacement p = construct(c.nodes, c.label);
    try {
      return p.chooseTargets(c.replicas, c.writer, c.excluded, c.blockSize, random);
    } catch (UnsupportedOperationException e) {
      if (e.getMessage() != null && e.getMessage().contains("TODO")) {
        throw e;
      }
      throw Because.of(ARGS, c.describe() + "\nthrew " + e + ": the excluded set may be"
          + " unmodifiable (Set.of()); never change it, keep your own set.", e);
    } catch (RuntimeException e) {
      String msg = c.describe() + "\nthrew " + e;
      if (hint == null) {
        throw new AssertionError(msg, e);
      }
      throw Because.of(hint, msg, e);
    }
  }

  private static HdfsBlockPlacement construct(List<HdfsDataNode> nodes, String label) {
    try {
      return new HdfsBlockPlacement(nodes);
    } catch (IllegalArgumentException e) {
      throw Because.of(ARGS, "new HdfsBlockPlacement(" + label + ": " + ids(nodes) + ") threw "
          + e + "; the ids are distinct, so the cluster is valid.", e);
    }
  }

  // ---------------------------------------------------------------- the model

  /** One call: the cluster, and the arguments of chooseTargets. */
  record Case(String label, List<HdfsDataNode> nodes, int replicas, String writer,
      Set<String> excluded, long blockSize) {

    String describe() {
      StringBuilder b = new StringBuilder();
      b.append("Cluster (").append(label).append("):");
      Map<String, List<String>> racks = new LinkedHashMap<>();
      for (HdfsDataNode n : nodes) {
        String tag = n.state() == HdfsDataNode.State.DEAD ? " (dead)"
            : n.state() == HdfsDataNode.State.DECOMMISSIONING ? " (decommissioning)"
            : n.freeBytes() < blockSize ? " (full: " + n.freeBytes() + " bytes free)"
            : n.freeBytes() == blockSize ? " (exactly one block free)" : "";
        racks.computeIfAbsent(n.rack(), r -> new ArrayList<>()).add(n.id() + tag);
      }
      if (nodes.size() > 60) {
        b.append(' ').append(nodes.size()).append(" nodes on ").append(racks.size())
            .append(" racks");
        int dead = 0;
        int decom = 0;
        int full = 0;
        for (HdfsDataNode n : nodes) {
          dead += n.state() == HdfsDataNode.State.DEAD ? 1 : 0;
          decom += n.state() == HdfsDataNode.State.DECOMMISSIONING ? 1 : 0;
          full += n.state() == HdfsDataNode.State.LIVE && n.freeBytes() < blockSize ? 1 : 0;
        }
        b.append(String.format(Locale.ROOT, " (%d dead, %d decommissioning, %d full;"
            + " /rack-k holds dn-%s)", dead, decom, full, "(40k-39) to dn-(40k)"));
      } else {
        racks.forEach((r, ids) -> b.append("\n  ").append(r).append(": ")
            .append(String.join(", ", ids)));
      }
      b.append("\nchooseTargets(").append(replicas).append(", ").append(quote(writer))
          .append(", excluded ").append(new java.util.TreeSet<>(excluded)).append(", ")
          .append(blockSize == BLOCK ? "128 MB" : blockSize + " bytes").append(", random)");
      return b.toString();
    }
  }

  /** A step's scope: the usable candidates of one link of its fallback chain. */
  record Scope(String name, List<HdfsDataNode> candidates, boolean fallback) {}

  /** The brief's model for one call. */
  static final class Model {
    final Case c;
    final Map<String, HdfsDataNode> byId = new HashMap<>();
    final int clusterSize;
    final int racks;
    final int total;
    final int maxPerRack;

    Model(Case c) {
      this.c = c;
      Set<String> rackSet = new HashSet<>();
      int size = 0;
      for (HdfsDataNode n : c.nodes) {
        byId.put(n.id(), n);
        if (n.state() != HdfsDataNode.State.DEAD) {
          size++;
          rackSet.add(n.rack());
        }
      }
      clusterSize = size;
      racks = rackSet.size();
      total = Math.min(c.replicas, clusterSize);
      if (racks <= 1 || total <= 1) {
        maxPerRack = total;
      } else {
        int m = (total - 1) / racks + 2;
        maxPerRack = m == total ? m - 1 : m;
      }
    }

    String totalText() {
      return "total = min(replicas " + c.replicas + ", live topology " + clusterSize + ") = "
          + total + " (dead nodes are out of the topology)";
    }

    String capText() {
      if (racks <= 1 || total <= 1) {
        return totalText() + " and the topology has " + racks + " rack(s), so maxPerRack = "
            + "total = " + maxPerRack;
      }
      int m = (total - 1) / racks + 2;
      return totalText() + " on " + racks + " racks (racks of dead nodes do not count), so"
          + " maxPerRack = (" + total + " - 1) / " + racks + " + 2 = " + m
          + (m == total ? ", one less because it equals total: " + maxPerRack : "");
    }

    String countText() {
      Map<String, Integer> usable = new TreeMap<>();
      for (HdfsDataNode n : c.nodes) {
        if (unusable(n) == null) {
          usable.merge(n.rack(), 1, Integer::sum);
        }
      }
      return capText() + "; usable nodes per rack " + usable + ", so min(" + total
          + ", sum of min(" + maxPerRack + ", usable on the rack)) = " + expectedCount();
    }

    int expectedCount() {
      Map<String, Integer> usable = new HashMap<>();
      for (HdfsDataNode n : c.nodes) {
        if (unusable(n) == null) {
          usable.merge(n.rack(), 1, Integer::sum);
        }
      }
      int sum = 0;
      for (int u : usable.values()) {
        sum += Math.min(maxPerRack, u);
      }
      return Math.min(total, sum);
    }

    /** Why {@code n} can never take the block, or null. */
    String unusable(HdfsDataNode n) {
      if (n.state() == HdfsDataNode.State.DEAD) {
        return "is dead";
      }
      if (n.state() == HdfsDataNode.State.DECOMMISSIONING) {
        return "is decommissioning";
      }
      if (c.excluded.contains(n.id())) {
        return "is in the excluded set";
      }
      if (n.freeBytes() < c.blockSize) {
        return "has " + n.freeBytes() + " bytes free for a block of " + c.blockSize;
      }
      return null;
    }

    int onRack(List<String> chosen, String rack) {
      int k = 0;
      for (String id : chosen) {
        k += byId.get(id).rack().equals(rack) ? 1 : 0;
      }
      return k;
    }

    private Scope scope(String name, List<String> chosen, boolean fallback,
        Predicate<HdfsDataNode> where) {
      List<HdfsDataNode> out = new ArrayList<>();
      for (HdfsDataNode n : c.nodes) {
        if (where.test(n) && unusable(n) == null && !chosen.contains(n.id())
            && onRack(chosen, n.rack()) < maxPerRack) {
          out.add(n);
        }
      }
      return new Scope(name, out, fallback);
    }

    /** The fallback chain of target {@code i}, given the targets before it. */
    List<Scope> scopes(int i, List<String> chosen) {
      List<Scope> out = new ArrayList<>();
      if (i == 0) {
        HdfsDataNode w = c.writer == null ? null : byId.get(c.writer);
        if (w != null && unusable(w) == null) {
          out.add(scope("only the writer's node " + w.id(), chosen, false, n -> n == w));
        } else if (w != null) {
          out.add(scope("a node on the writer's rack " + w.rack() + " (the writer "
              + unusable(w) + ")", chosen, false, n -> n.rack().equals(w.rack())));
          out.add(scope("any usable node", chosen, true, n -> true));
        } else {
          out.add(scope("any usable node (the writer is not a DataNode)", chosen, false,
              n -> true));
        }
        return out;
      }
      HdfsDataNode first = byId.get(chosen.get(0));
      String r0 = first.rack();
      if (i == 1) {
        out.add(scope("a node on a rack other than the first replica's " + r0, chosen, false,
            n -> !n.rack().equals(r0)));
        out.add(scope("a node on the first replica's rack " + r0, chosen, true,
            n -> n.rack().equals(r0)));
        return out;
      }
      if (i == 2) {
        String r1 = byId.get(chosen.get(1)).rack();
        if (!r1.equals(r0)) {
          out.add(scope("a node on the second replica's rack " + r1, chosen, false,
              n -> n.rack().equals(r1)));
          out.add(scope("a node on the first replica's rack " + r0, chosen, true,
              n -> n.rack().equals(r0)));
          out.add(scope("any usable node", chosen, true, n -> true));
        } else {
          out.add(scope("a node on a rack other than " + r0 + ", where the first two are",
              chosen, true, n -> !n.rack().equals(r0)));
          out.add(scope("a node on " + r0, chosen, true, n -> n.rack().equals(r0)));
        }
        return out;
      }
      out.add(scope("any usable node", chosen, false, n -> true));
      return out;
    }
  }

  // ---------------------------------------------------------------- topologies

  /**
   * Random topologies: racks and nodes per rack in ranges, odds of each bad state, of the writer
   * being a DataNode or null (else a client id), and the replication range.
   */
  record Profile(int minRacks, int maxRacks, int minPerRack, int maxPerRack, double dead,
      double decom, double full, double excluded, double writerNode, double writerNull,
      int minReplicas, int maxReplicas) {

    Case generate(long seed, String label) {
      SplittableRandom r = new SplittableRandom(seed);
      long block = r.nextBoolean() ? BLOCK : 1 + r.nextInt(1_000);
      int racks = minRacks + r.nextInt(maxRacks - minRacks + 1);
      List<HdfsDataNode> nodes = new ArrayList<>();
      Set<String> ex = new LinkedHashSet<>();
      int id = 1;
      for (int k = 1; k <= racks; k++) {
        int size = minPerRack + r.nextInt(maxPerRack - minPerRack + 1);
        for (int j = 0; j < size; j++) {
          HdfsDataNode.State s = r.nextDouble() < dead ? HdfsDataNode.State.DEAD
              : r.nextDouble() < decom ? HdfsDataNode.State.DECOMMISSIONING
              : HdfsDataNode.State.LIVE;
          double f = r.nextDouble();
          long free = f < full ? r.nextLong(block) : f < full + 0.1 ? block
              : block * (1 + r.nextInt(100));
          String name = "dn-" + id++;
          nodes.add(new HdfsDataNode(name, "/rack-" + k, s, free));
          if (r.nextDouble() < excluded) {
            ex.add(name);
          }
        }
      }
      if (r.nextInt(4) == 0) {
        Collections.shuffle(nodes, new Random(r.nextLong()));
      }
      double w = r.nextDouble();
      String writer = w < writerNode ? "dn-" + (1 + r.nextInt(nodes.size()))
          : w < writerNode + writerNull ? null : "client-" + r.nextInt(100);
      int replicas = minReplicas + r.nextInt(maxReplicas - minReplicas + 1);
      return new Case(label + " " + seed, List.copyOf(nodes), replicas, writer,
          Collections.unmodifiableSet(ex), block);
    }
  }

  /** Live nodes dn-1, dn-2, ... on racks given as ("/rack-1", 3, "/rack-2:dead", 2, ...). */
  static List<HdfsDataNode> nodes(Object... racksAndCounts) {
    List<HdfsDataNode> out = new ArrayList<>();
    int id = 1;
    for (int i = 0; i < racksAndCounts.length; i += 2) {
      String spec = (String) racksAndCounts[i];
      int count = (Integer) racksAndCounts[i + 1];
      String rack = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
      HdfsDataNode.State s = spec.endsWith(":dead") ? HdfsDataNode.State.DEAD
          : spec.endsWith(":decom") ? HdfsDataNode.State.DECOMMISSIONING
          : HdfsDataNode.State.LIVE;
      for (int j = 0; j < count; j++) {
        out.add(new HdfsDataNode("dn-" + id++, rack, s, BLOCK * 10));
      }
    }
    return List.copyOf(out);
  }

  private static HdfsDataNode live(String id, String rack) {
    return new HdfsDataNode(id, rack, HdfsDataNode.State.LIVE, BLOCK * 10);
  }

  /** The ids of {@code nodes}, the first 12 of a longer list followed by how many more. */
  private static List<String> ids(List<HdfsDataNode> nodes) {
    List<String> out = new ArrayList<>();
    for (HdfsDataNode n : nodes) {
      if (out.size() == 12 && nodes.size() > 13) {
        out.add("and " + (nodes.size() - 12) + " more");
        break;
      }
      out.add(n.id());
    }
    return out;
  }

  private static String rackOf(List<HdfsDataNode> nodes, String id) {
    for (HdfsDataNode n : nodes) {
      if (n.id().equals(id)) {
        return n.rack();
      }
    }
    return "?";
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
