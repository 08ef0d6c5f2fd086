import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hidden suite of the consistent-hashing exercise. Every check is black-box: it never assumes
 * the learner's hash function, token layout or data structure, only the contracts in brief.md. In
 * particular, "clockwise" is observed through the public API alone: the preference list gives the
 * clockwise order of nodes for a key, and a ring rebuilt without some node must agree with it.
 *
 * <p>Tests run in a fixed order so that each known-wrong variant fails first on the test whose hint
 * fits its mistake.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsistentHashingSuite {
  private static final double LOW = 0.5;
  private static final double HIGH = 1.6;

  // ---------------------------------------------------------------------------------------------
  // The properties

  @Test
  @Order(1)
  @DisplayName("an empty ring is a clear error (IllegalStateException), and so is a count below 1")
  @Hint("wrap-around")
  void emptyRingIsAnError() {
    HashRing empty = newRing(10);
    Set<String> none = nodesOf(empty, "nodes() on a new ring");
    if (!none.isEmpty()) {
      fail("nodes() on a new ring returned " + none + "; expected an empty set.");
    }
    expectThrows(
        IllegalStateException.class,
        "nodeFor(\"key-1\") on an empty ring",
        () -> empty.nodeFor("key-1"));
    expectThrows(
        IllegalStateException.class,
        "preferenceList(\"key-1\", 3) on an empty ring",
        () -> empty.preferenceList("key-1", 3));

    HashRing emptied = newRing(10);
    add(emptied, "node-a");
    remove(emptied, "node-a");
    expectThrows(
        IllegalStateException.class,
        "nodeFor(\"key-1\") on a ring whose only node \"node-a\" was removed",
        () -> emptied.nodeFor("key-1"));

    expectThrows(
        IllegalArgumentException.class,
        "new ConsistentHashRing(0)",
        () -> new ConsistentHashRing(0));
    expectThrows(
        IllegalArgumentException.class,
        "new ConsistentHashRing(-3)",
        () -> new ConsistentHashRing(-3));
    HashRing two = ring(10, List.of("node-a", "node-b"));
    expectThrows(
        IllegalArgumentException.class,
        "preferenceList(\"key-1\", 0) on a ring with two nodes",
        () -> two.preferenceList("key-1", 0));
  }

  @Test
  @Order(2)
  @DisplayName(
      "placement depends only on which nodes are in the ring, not on the order they joined")
  @Hint("minimal-movement")
  void placementIsDeterministic() {
    Seeds.forEach(
        3,
        seed -> {
          SplittableRandom rnd = new SplittableRandom(seed);
          List<String> names = nodeNames(rnd, 6);
          int v = 50 + rnd.nextInt(101);
          HashRing first = ring(v, names);
          HashRing again = ring(v, names);

          List<String> shuffled = new ArrayList<>(names);
          Collections.shuffle(shuffled, new Random(seed));
          String extra = "10.9.9.9";
          String rejoins = shuffled.get(0);
          HashRing other = newRing(v);
          add(other, extra);
          for (String n : shuffled) {
            add(other, n);
          }
          remove(other, rejoins);
          add(other, rejoins);
          remove(other, extra);

          String where = describe(names, v);
          Set<String> nodes = nodesOf(other, "nodes()");
          if (!nodes.equals(new TreeSet<>(names))) {
            fail(
                "Added "
                    + extra
                    + " and then "
                    + shuffled
                    + " to a ring, removed and re-added "
                    + rejoins
                    + ", then removed "
                    + extra
                    + ": nodes() returned "
                    + sorted(nodes)
                    + "; expected "
                    + sorted(names)
                    + ".");
          }
          for (String key : keys("item:" + seed + ":", 1_000)) {
            String a = owner(first, key);
            String b = owner(again, key);
            if (!Objects.equals(a, b)) {
              fail(
                  "Built "
                      + where
                      + " twice in exactly the same way: nodeFor(\""
                      + key
                      + "\") returned "
                      + quote(a)
                      + " on one and "
                      + quote(b)
                      + " on the other. Placement must be a function of the nodes in the ring:"
                      + " no randomness, no counters shared between rings.");
            }
            String c = owner(other, key);
            List<String> pa = prefs(first, key, 3);
            List<String> pc = prefs(other, key, 3);
            if (!Objects.equals(a, c) || !pa.equals(pc)) {
              fail(
                  "Built "
                      + where
                      + " twice: once adding the nodes in the order listed; once adding "
                      + extra
                      + " and then "
                      + shuffled
                      + ", removing and re-adding "
                      + rejoins
                      + ", and removing "
                      + extra
                      + ". For \""
                      + key
                      + "\" the first ring gives nodeFor "
                      + quote(a)
                      + " and preferenceList(3) "
                      + pa
                      + ", the second "
                      + quote(c)
                      + " and "
                      + pc
                      + ". Both hold the same nodes, so they must agree: a node's tokens may"
                      + " depend only on its name and the virtual node's number.");
            }
          }
        });
  }

  @Test
  @Order(3)
  @DisplayName(
      "with 100 or more virtual nodes per node, every node holds between 0.5 and 1.6 times the mean"
          + " number of keys")
  @Hint("virtual-nodes")
  void loadIsSpreadEvenly() {
    int[] counts = {200, 100};
    Seeds.forEach(
        2,
        seed -> {
          SplittableRandom rnd = new SplittableRandom(seed);
          List<String> names = new ArrayList<>();
          if (seed == 1) {
            for (int i = 0; i < 10; i++) {
              names.add("node-" + i);
            }
          } else {
            names = nodeNames(rnd, 10);
          }
          int v = counts[(int) Math.floorMod(seed - 1, (long) counts.length)];
          HashRing r = ring(v, names);
          List<String> keys = keys("key-" + (seed == 1 ? "" : seed + "-"), 10_000);
          Map<String, Integer> load = new HashMap<>();
          for (String n : names) {
            load.put(n, 0);
          }
          for (String key : keys) {
            String o = owner(r, key);
            if (o != null && load.containsKey(o)) { // other owners are the wrap-around test's job
              load.merge(o, 1, Integer::sum);
            }
          }
          double mean = keys.size() / (double) names.size();
          String most = Collections.max(names, (x, y) -> Integer.compare(load.get(x), load.get(y)));
          String least =
              Collections.min(names, (x, y) -> Integer.compare(load.get(x), load.get(y)));
          int hi = load.get(most);
          int lo = load.get(least);
          if (hi > HIGH * mean || lo < LOW * mean) {
            List<String> byLoad = new ArrayList<>(names);
            byLoad.sort((x, y) -> Integer.compare(load.get(y), load.get(x)));
            StringBuilder loads = new StringBuilder();
            for (String n : byLoad) {
              loads.append(loads.length() == 0 ? "" : ", ").append(n).append('=').append(
                  String.format("%,d", load.get(n)));
            }
            fail(
                String.format(
                    "Placed %,d keys on %s (mean %,.0f per node): %s holds %,d keys (%.2f times"
                        + " the mean) and %s holds %,d (%.2f times). Expected every node between"
                        + " %.1f and %.1f times the mean. Loads: %s. Each node needs its full"
                        + " count of tokens, spread by a well-mixed hash such as Hashing.hash64.",
                    keys.size(),
                    describe(names, v),
                    mean,
                    most,
                    hi,
                    hi / mean,
                    least,
                    lo,
                    lo / mean,
                    LOW,
                    HIGH,
                    loads));
          }
        });
  }

  @Test
  @Order(4)
  @DisplayName("adding a node moves about 1/N of the keys, all of them to the new node")
  @Hint("minimal-movement")
  void addingMovesOnlyToTheNewNode() {
    Seeds.forEach(
        3,
        seed -> {
          SplittableRandom rnd = new SplittableRandom(seed);
          List<String> all = nodeNames(rnd, 4 + rnd.nextInt(7));
          List<String> names = all.subList(0, all.size() - 1);
          String newcomer = all.get(all.size() - 1);
          int v = 100 + rnd.nextInt(101);
          HashRing r = ring(v, names);
          List<String> keys = keys("user:" + seed + ":", 5_000);
          String[] before = owners(r, keys);
          add(r, newcomer);
          if (!nodesOf(r, "nodes()").contains(newcomer)) {
            fail("Added " + newcomer + " to " + describe(names, v) + ": nodes() lacks it.");
          }
          String[] after = owners(r, keys);

          int moved = 0;
          int elsewhere = 0;
          String example = null;
          for (int i = 0; i < keys.size(); i++) {
            if (!Objects.equals(before[i], after[i])) {
              moved++;
              if (!newcomer.equals(after[i])) {
                elsewhere++;
                if (example == null) {
                  example =
                      "\"" + keys.get(i) + "\" moved from " + quote(before[i]) + " to "
                          + quote(after[i]);
                }
              }
            }
          }
          int total = names.size() + 1;
          double expected = keys.size() / (double) total;
          if (elsewhere > 0) {
            fail(
                String.format(
                    "Added %s to %s: %,d of %,d keys changed owner, %,d of them to a node other"
                        + " than %s; e.g. %s. Consistent hashing moves only the keys %s takes"
                        + " over (about %,.0f here, 1/%d of them), all of them to %s.",
                    newcomer,
                    describe(names, v),
                    moved,
                    keys.size(),
                    elsewhere,
                    newcomer,
                    example,
                    newcomer,
                    expected,
                    total,
                    newcomer));
          }
          if (moved < LOW * expected || moved > HIGH * expected) {
            fail(
                String.format(
                    "Added %s to %s: %,d of %,d keys moved to %s. With %d nodes after the add,"
                        + " about 1/%d of the keys (%,.0f) should move to it: between %,.0f and"
                        + " %,.0f.",
                    newcomer,
                    describe(names, v),
                    moved,
                    keys.size(),
                    newcomer,
                    total,
                    total,
                    expected,
                    LOW * expected,
                    HIGH * expected));
          }
        });
  }

  @Test
  @Order(5)
  @DisplayName("removing a node moves only the keys it held")
  @Hint("minimal-movement")
  void removingMovesOnlyItsKeys() {
    Seeds.forEach(
        3,
        seed -> {
          SplittableRandom rnd = new SplittableRandom(seed);
          List<String> names = nodeNames(rnd, 4 + rnd.nextInt(6));
          String leaver = names.get(rnd.nextInt(names.size()));
          int v = 100 + rnd.nextInt(101);
          HashRing r = ring(v, names);
          List<String> keys = keys("order:" + seed + ":", 5_000);
          String[] before = owners(r, keys);
          remove(r, leaver);
          Set<String> nodes = nodesOf(r, "nodes()");
          if (nodes.contains(leaver)) {
            fail(
                "Removed "
                    + leaver
                    + " from "
                    + describe(names, v)
                    + ": nodes() still contains it: "
                    + sorted(nodes)
                    + ".");
          }
          String[] after = owners(r, keys);

          int held = 0;
          int others = 0;
          String example = null;
          for (int i = 0; i < keys.size(); i++) {
            if (leaver.equals(before[i])) {
              held++;
              if (leaver.equals(after[i])) {
                fail(
                    "Removed "
                        + leaver
                        + " from "
                        + describe(names, v)
                        + ": nodeFor(\""
                        + keys.get(i)
                        + "\") still returns "
                        + leaver
                        + ". A removed node's tokens must leave the ring.");
              }
            } else if (!Objects.equals(before[i], after[i])) {
              others++;
              if (example == null) {
                example =
                    "\"" + keys.get(i) + "\" moved from " + quote(before[i]) + " to "
                        + quote(after[i]);
              }
            }
          }
          if (others > 0) {
            fail(
                String.format(
                    "Removed %s from %s: %,d of %,d keys held by other nodes changed owner;"
                        + " e.g. %s. Only the %,d keys %s held should move; every other key keeps"
                        + " its owner.",
                    leaver,
                    describe(names, v),
                    others,
                    keys.size() - held,
                    example,
                    held,
                    leaver));
          }
        });
  }

  @Test
  @Order(6)
  @DisplayName("every key has an owner: keys past the last token wrap around to the first")
  @Hint("wrap-around")
  void keysWrapAround() {
    // With one node every key belongs to it, wherever the key and the node's tokens hash to.
    for (String solo : List.of("solo", "10.0.0.1")) {
      for (int v : new int[] {1, 2, 5}) {
        HashRing r = ring(v, List.of(solo));
        for (String key : keys("key-", 500)) {
          String o = owner(r, key);
          if (!solo.equals(o)) {
            fail(
                "A ring with one node \""
                    + solo
                    + "\" and "
                    + v
                    + (v == 1 ? " virtual node" : " virtual nodes")
                    + ": nodeFor(\""
                    + key
                    + "\") returned "
                    + quote(o)
                    + "; with one node every key belongs to it. A key hashed past the last token"
                    + " belongs to the first token.");
          }
        }
      }
    }

    // With few tokens many keys fall past the last one. Without knowing the hash: the owner is
    // the head of the preference list, and when the owner leaves, the key passes to the next node
    // of that list, also for keys whose walk crosses the top of the ring.
    Seeds.forEach(
        5,
        seed -> {
          SplittableRandom rnd = new SplittableRandom(seed);
          List<String> names = nodeNames(rnd, 3 + rnd.nextInt(3));
          int v = 1 + rnd.nextInt(3);
          HashRing r = ring(v, names);
          Map<String, HashRing> without = new HashMap<>();
          for (String n : names) {
            List<String> rest = new ArrayList<>(names);
            rest.remove(n);
            without.put(n, ring(v, rest));
          }
          String where = describe(names, v);
          for (String key : keys("doc:" + seed + ":", 500)) {
            String o = owner(r, key);
            if (o == null || !names.contains(o)) {
              fail(
                  "On "
                      + where
                      + ": nodeFor(\""
                      + key
                      + "\") returned "
                      + quote(o)
                      + "; expected one of the ring's nodes. A key hashed past the last token"
                      + " belongs to the first token.");
            }
            List<String> head = prefs(r, key, 1);
            if (head.isEmpty() || !o.equals(head.get(0))) {
              fail(
                  "On "
                      + where
                      + ": nodeFor(\""
                      + key
                      + "\") returned "
                      + quote(o)
                      + " but preferenceList(\""
                      + key
                      + "\", 1) returned "
                      + head
                      + ". Both walk clockwise from the key's hash, so they must agree.");
            }
            List<String> full = prefs(r, key, names.size());
            String next = null;
            for (String n : full) {
              if (!o.equals(n)) {
                next = n;
                break;
              }
            }
            if (next == null) {
              continue; // a list with no second node is the preference-list test's business
            }
            String successor = owner(without.get(o), key);
            if (!next.equals(successor)) {
              List<String> rest = new ArrayList<>(names);
              rest.remove(o);
              fail(
                  "On "
                      + where
                      + ": nodeFor(\""
                      + key
                      + "\") is "
                      + quote(o)
                      + " and preferenceList(\""
                      + key
                      + "\", "
                      + names.size()
                      + ") is "
                      + full
                      + ". A ring of "
                      + sorted(rest)
                      + " (the same without "
                      + o
                      + ") gives nodeFor "
                      + quote(successor)
                      + "; expected "
                      + quote(next)
                      + ", the next node clockwise. When the walk passes the last token it"
                      + " continues from the first.");
            }
          }
        });
  }

  @Test
  @Order(7)
  @DisplayName("the preference list names n distinct nodes clockwise, starting with the owner")
  @Hint("distinct-replicas")
  void preferenceListIsDistinctAndClockwise() {
    HashRing solo = ring(20, List.of("solo"));
    List<String> one = prefs(solo, "key-1", 3);
    if (!one.equals(List.of("solo"))) {
      fail(
          "A ring with one node \"solo\" and 20 virtual nodes: preferenceList(\"key-1\", 3)"
              + " returned "
              + one
              + "; expected [solo]: a ring with fewer than n nodes lists all of them, once each.");
    }

    int[] counts = {100, 10, 2};
    Seeds.forEach(
        3,
        seed -> {
          SplittableRandom rnd = new SplittableRandom(seed);
          List<String> names = nodeNames(rnd, 4 + rnd.nextInt(3));
          int v = counts[(int) Math.floorMod(seed - 1, (long) counts.length)];
          int size = names.size();
          HashRing r = ring(v, names);
          Map<String, HashRing> without = new HashMap<>();
          for (String n : names) {
            HashRing w = ring(v, names);
            remove(w, n);
            without.put(n, w);
          }
          String where = describe(names, v);
          for (String key : keys("session:" + seed + ":", 200)) {
            List<String> full = null;
            for (int n = size + 1; n >= 1; n--) {
              List<String> list = prefs(r, key, n);
              String call = "preferenceList(\"" + key + "\", " + n + ")";
              int want = Math.min(n, size);
              if (new LinkedHashSet<>(list).size() != list.size()) {
                fail(
                    "On "
                        + where
                        + ": "
                        + call
                        + " returned "
                        + list
                        + ", which names a node twice. Skip tokens of nodes already in the list:"
                        + " replicas on one machine are no replicas.");
              }
              if (list.size() != want) {
                fail(
                    "On "
                        + where
                        + ": "
                        + call
                        + " returned "
                        + list
                        + "; expected "
                        + want
                        + " distinct nodes"
                        + (n > size ? " (all of the ring's nodes, as it has fewer than n)." : ".")
                        + " Keep walking clockwise, wrapping around, until you have them.");
              }
              for (String m : list) {
                if (!names.contains(m)) {
                  fail("On " + where + ": " + call + " returned " + list + ", which names "
                      + quote(m) + ", not a node of the ring.");
                }
              }
              String o = owner(r, key);
              if (!list.get(0).equals(o)) {
                fail("On " + where + ": " + call + " returned " + list + " but nodeFor(\"" + key
                    + "\") is " + quote(o) + "; the list starts with the owner.");
              }
              if (full == null) {
                full = list;
              } else if (!list.equals(full.subList(0, want))) {
                fail("On " + where + ": " + call + " returned " + list + " but preferenceList(\""
                    + key + "\", " + size + ") returned " + full + "; a shorter list is the"
                    + " start of a longer one, since both come from the same clockwise walk.");
              }
            }
            for (String gone : names) {
              List<String> expected = new ArrayList<>(full);
              expected.remove(gone);
              List<String> got = prefs(without.get(gone), key, size - 1);
              if (!got.equals(expected)) {
                fail(
                    "On "
                        + where
                        + ": preferenceList(\""
                        + key
                        + "\", "
                        + size
                        + ") is "
                        + full
                        + ". After removeNode("
                        + gone
                        + ") preferenceList(\""
                        + key
                        + "\", "
                        + (size - 1)
                        + ") is "
                        + got
                        + "; expected "
                        + expected
                        + ": the same clockwise walk without "
                        + gone
                        + "'s tokens"
                        + (gone.equals(full.get(0))
                            ? ", so the second entry becomes the owner."
                            : ", so the other nodes keep their order."));
              }
            }
          }
        });
  }

  @Test
  @Order(8)
  @DisplayName("adding a node twice, or removing one that is absent, changes nothing")
  @Hint("minimal-movement")
  void repeatedAddAndAbsentRemoveChangeNothing() {
    List<String> abc = List.of("node-a", "node-b", "node-c");
    HashRing r = ring(50, abc);
    List<String> keys = keys("cart:", 500);
    Map<String, List<String>> start = snapshot(r, keys, 3);
    String where = "On " + describe(abc, 50);

    add(r, "node-b");
    expectNodes(r, abc, where + ", after adding node-b again");
    expectSame(r, keys, start, where + ", after adding node-b again");

    remove(r, "node-z");
    expectNodes(r, abc, where + ", after removing node-z (never added)");
    expectSame(r, keys, start, where + ", after removing node-z (never added)");

    remove(r, "node-b");
    String after = where + ", after adding node-b twice and removing it once";
    expectNodes(r, List.of("node-a", "node-c"), after);
    Map<String, List<String>> ac = snapshot(ring(50, List.of("node-a", "node-c")), keys, 3);
    expectSame(r, keys, ac, after + " (compared with a ring built of node-a and node-c)");

    remove(r, "node-b");
    add(r, "node-b");
    expectNodes(r, abc, where + ", after removing node-b twice and adding it back");
    expectSame(r, keys, start, where + ", after removing node-b twice and adding it back");
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers: every call into learner code goes through one of these, so that an exception from
  // it becomes a message that names the call.

  private static HashRing newRing(int v) {
    return call(() -> "new ConsistentHashRing(" + v + ")", () -> new ConsistentHashRing(v));
  }

  private static HashRing ring(int v, Collection<String> nodes) {
    HashRing r = newRing(v);
    for (String n : nodes) {
      add(r, n);
    }
    return r;
  }

  private static void add(HashRing r, String node) {
    call(
        () -> "addNode(\"" + node + "\")",
        () -> {
          r.addNode(node);
          return null;
        });
  }

  private static void remove(HashRing r, String node) {
    call(
        () -> "removeNode(\"" + node + "\")",
        () -> {
          r.removeNode(node);
          return null;
        });
  }

  private static String owner(HashRing r, String key) {
    return call(() -> "nodeFor(\"" + key + "\")", () -> r.nodeFor(key));
  }

  private static String[] owners(HashRing r, List<String> keys) {
    String[] out = new String[keys.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = owner(r, keys.get(i));
    }
    return out;
  }

  private static List<String> prefs(HashRing r, String key, int n) {
    Supplier<String> what = () -> "preferenceList(\"" + key + "\", " + n + ")";
    List<String> list = call(what, () -> r.preferenceList(key, n));
    if (list == null) {
      fail(what.get() + " returned null; expected a list.");
    }
    return new ArrayList<>(list);
  }

  private static Set<String> nodesOf(HashRing r, String what) {
    Set<String> s = call(() -> what, r::nodes);
    if (s == null) {
      fail(what + " returned null; expected a set.");
    }
    return new TreeSet<>(s);
  }

  private static Map<String, List<String>> snapshot(HashRing r, List<String> keys, int n) {
    Map<String, List<String>> m = new HashMap<>();
    for (String key : keys) {
      List<String> p = prefs(r, key, n);
      p.add(0, owner(r, key));
      m.put(key, p);
    }
    return m;
  }

  private static void expectNodes(HashRing r, List<String> expected, String when) {
    Set<String> got = nodesOf(r, "nodes()");
    if (!got.equals(new TreeSet<>(expected))) {
      fail(when + ": nodes() returned " + sorted(got) + "; expected " + sorted(expected) + ".");
    }
  }

  private static void expectSame(
      HashRing r, List<String> keys, Map<String, List<String>> expected, String when) {
    Map<String, List<String>> got = snapshot(r, keys, 3);
    for (String key : keys) {
      List<String> e = expected.get(key);
      List<String> g = got.get(key);
      if (!e.equals(g)) {
        fail(
            when
                + ": nodeFor(\""
                + key
                + "\") is "
                + quote(g.get(0))
                + " and preferenceList(\""
                + key
                + "\", 3) is "
                + g.subList(1, g.size())
                + "; expected "
                + quote(e.get(0))
                + " and "
                + e.subList(1, e.size())
                + ".");
      }
    }
  }

  private static <T> T call(Supplier<String> what, Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw new AssertionError(what.get() + " threw " + describe(e) + ".", e);
    }
  }

  private static void expectThrows(
      Class<? extends RuntimeException> type, String what, Supplier<?> body) {
    Object result;
    try {
      result = body.get();
    } catch (RuntimeException e) {
      if (type.isInstance(e)) {
        return;
      }
      throw new AssertionError(
          what + " threw " + describe(e) + "; expected " + type.getSimpleName() + ".", e);
    }
    fail(
        what
            + " returned "
            + (result instanceof String ? quote((String) result) : String.valueOf(result))
            + "; expected "
            + type.getSimpleName()
            + ".");
  }

  private static String describe(RuntimeException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
  }

  private static String describe(Collection<String> nodes, int v) {
    return "a ring of "
        + sorted(nodes)
        + " with "
        + v
        + (v == 1 ? " virtual node each" : " virtual nodes each");
  }

  private static List<String> sorted(Collection<String> c) {
    return new ArrayList<>(new TreeSet<>(c));
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  private static List<String> keys(String prefix, int count) {
    List<String> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(prefix + i);
    }
    return keys;
  }

  /** {@code count} distinct names that look like addresses, drawn from {@code rnd}. */
  private static List<String> nodeNames(SplittableRandom rnd, int count) {
    Set<String> names = new LinkedHashSet<>();
    while (names.size() < count) {
      names.add("10.0." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)));
    }
    return new ArrayList<>(names);
  }
}
