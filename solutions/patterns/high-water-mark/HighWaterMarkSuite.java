import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the high-water-mark exercise. It drives the learner's replicas with the calls
 * of the brief (appends, fetches, ticks, reads, leader changes) and runs, beside each learner
 * replica, a model replica that follows the brief's rules literally. After every step it compares
 * every replica's log end, high-water mark and (on the leader) ISR with the model, and every answer
 * (a fetch response, a read) with the model's; the first difference fails with the last steps of
 * the run, the model's state, and the hint rung about its cause.
 *
 * <p>Every expected value comes from the model, never from an earlier answer of the learner's code.
 * Nothing here is statistical: the properties are exact, and the random runs (seeded, replayable
 * with --seed) only choose which steps to take. Tests run in a fixed order, simplest first, so that a
 * mistake fails first where its hint fits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class HighWaterMarkSuite {
  // The rungs of the hint ladder (exercise.yaml).
  private static final String MIN = "min-over-the-isr";
  private static final String READ = "consumers-below-the-mark";
  private static final String LAG = "lag-rule";
  private static final String BACK = "never-backwards";
  private static final String FOLLOW = "follower-side";
  private static final String TRUNC = "truncate-to-the-mark";
  private static final String OWN = "own-your-state";
  private static final String ARGS = "arguments";

  /** What a scribbled-over array holds: the suite overwrites arrays it gave away or got back. */
  private static final byte JUNK = '#';

  // ---------------------------------------------------------------------------------------------
  // Properties

  @Test
  @Order(1)
  @DisplayName("a new replica is an empty follower, and a leader alone in its ISR commits each"
      + " append at once")
  @Hint(MIN)
  void leaderAloneCommitsAtOnce() {
    World w = new World("a single replica r1 (lagTimeMaxMs = 30) that leads alone", 30);
    w.now = 1_000;
    w.add("r1");
    w.becomeLeader("r1", List.of());
    for (int i = 0; i < 1_500; i++) {
      w.advance(i % 3);
      w.append();
      if (i % 50 == 0 || i > 1_490) {
        w.read("r1", w.model("r1").hw - 1);
        w.read("r1", w.model("r1").hw);
      }
    }
    World w2 = new World("replicas r1 and r2 (lagTimeMaxMs = 10), where r2 leads and is handed an"
        + " ISR that names only itself", 10);
    w2.now = 50;
    w2.add("r1");
    w2.add("r2");
    w2.becomeLeader("r2", List.of("r2"));
    for (int i = 0; i < 20; i++) {
      w2.append();
    }
    w2.read("r2", 19);
  }

  @Test
  @Order(2)
  @DisplayName("lagTimeMaxMs below 1, a fetch offset outside 0 to the log end, and calls for the"
      + " other role are refused")
  @Hint(ARGS)
  void argumentsAndRoles() {
    for (long lag : new long[] {0, -1, Long.MIN_VALUE}) {
      try {
        new IsrReplica("r1", lag);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (UnsupportedOperationException e) {
        throw todoOr(e, "new IsrReplica(\"r1\", " + lag + ")");
      } catch (RuntimeException e) {
        throw Because.of(ARGS, "new IsrReplica(\"r1\", " + lag + ") threw "
            + e.getClass().getSimpleName() + where(e) + "; expected IllegalArgumentException:"
            + " lagTimeMaxMs must be at least 1.", e);
      }
      throw Because.of(ARGS, "new IsrReplica(\"r1\", " + lag + ") returned a replica; expected"
          + " IllegalArgumentException: lagTimeMaxMs must be at least 1.");
    }
    World w = new World("replicas r1, r2 and r3 (lagTimeMaxMs = 1, the smallest allowed), r1"
        + " leading", 1);
    w.now = 10;
    w.add("r1");
    w.add("r2");
    w.add("r3");
    IsrReplica follower = w.reps.get("r2").sut;
    expectState("the follower r2, new", "append(new byte[] {1}, 10)",
        () -> follower.append(new byte[] {1}, 10));
    expectState("the follower r2, new", "onFetch(\"r3\", 0, 10)",
        () -> follower.onFetch("r3", 0, 10));
    expectState("the follower r2, new", "tick(10)", () -> {
      follower.tick(10);
      return null;
    });
    expectState("the follower r2, new", "isr()", follower::isr);
    w.becomeLeader("r1", List.of("r1", "r2", "r3"));
    w.append();
    w.append();
    w.fetch("r2", 2);
    IsrReplica leader = w.reps.get("r1").sut;
    IsrPartition.FetchResponse some = new IsrPartition.FetchResponse(0, List.of(), 0);
    expectState("the leader r1", "onFetchResponse(FetchResponse(0, [], 0))", () -> {
      leader.onFetchResponse(some);
      return null;
    });
    w.check(Kind.READ, "");
    for (long bad : new long[] {3, -1, 1_000, Long.MAX_VALUE, Long.MIN_VALUE}) {
      try {
        leader.onFetch("r3", bad, w.now);
      } catch (IllegalArgumentException expected) {
        w.check(Kind.READ, "");
        continue;
      } catch (UnsupportedOperationException e) {
        throw todoOr(e, "r1.onFetch(\"r3\", " + bad + ", " + w.now + ")");
      } catch (RuntimeException e) {
        throw w.fail(ARGS, "r1.onFetch(\"r3\", " + bad + ", " + w.now + ") threw "
            + e.getClass().getSimpleName() + where(e) + "; expected IllegalArgumentException: r1's"
            + " log end is 2, and a follower never holds a record its leader lacks (fetch"
            + " offsets run from 0 to 2).");
      }
      throw w.fail(ARGS, "r1.onFetch(\"r3\", " + bad + ", " + w.now + ") returned; expected"
          + " IllegalArgumentException: r1's log end is 2, so fetch offsets run from 0 to 2.");
    }
    w.fetch("r3", 2); // the log end itself is a valid fetch offset: nothing to send
    w.becomeFollower("r1");
    IsrReplica deposed = w.reps.get("r1").sut;
    expectState("r1, a leader that became a follower", "append(new byte[] {1}, " + w.now + ")",
        () -> deposed.append(new byte[] {1}, w.now));
  }

  @Test
  @Order(3)
  @DisplayName("the high-water mark is the smallest log end over the ISR, leader included, after"
      + " every call")
  @Hint(MIN)
  void highWaterMarkIsTheSmallestLogEndInTheIsr() {
    workedExample();
    // Followers in lockstep: each fetches right after every append.
    World w = new World("r1 leading r2, r3 and r4 in lockstep (lagTimeMaxMs = 50): every append"
        + " is followed by a fetch of each follower", 50);
    w.now = 0;
    w.add("r1");
    w.becomeLeader("r1", List.of("r1", "r2", "r3", "r4"));
    long[] holds = new long[5];
    for (int i = 0; i < 400; i++) {
      w.advance(1);
      w.append();
      for (int f = 2; f <= 4; f++) {
        holds[f] = w.fetch("r" + f, holds[f]).end();
      }
    }
    // A staircase: followers at different offsets; one follower gone stalls the mark.
    World s = new World("r1 leading r2 to r5 (lagTimeMaxMs = 100,000): followers fetch from"
        + " different offsets, r5 never fetches", 100_000);
    s.now = 7;
    s.add("r1");
    s.becomeLeader("r1", List.of("r2", "r3", "r4", "r5"));
    for (int i = 0; i < 300; i++) {
      s.append();
    }
    s.fetch("r2", 300);
    s.fetch("r3", 120);
    s.fetch("r4", 299);
    s.fetch("r4", 7);
    s.fetch("r5", 0);
    s.fetch("r5", 250);
    s.fetch("r3", 260);
    s.read("r1", 249);
    s.read("r1", 250);
    // Every follower gone: the leader alone.
    World g = new World("r1 leading r2 and r3 (lagTimeMaxMs = 20), which stop fetching", 20);
    g.now = 100;
    g.add("r1");
    g.becomeLeader("r1", List.of("r1", "r2", "r3"));
    for (int i = 0; i < 10; i++) {
      g.append();
    }
    g.fetch("r2", 10);
    g.fetch("r3", 4);
    for (int i = 0; i < 10; i++) {
      g.advance(5);
      g.append();
      g.tick();
    }
    for (int i = 0; i < 30; i++) {
      g.advance(1);
      g.append();
    }
    // Random runs: the suite's followers fetch from offsets it picks.
    Seeds.forEach(24, seed -> randomLeaderRun(seed, 2_500));
  }

  @Test
  @Order(4)
  @DisplayName("consumers read exactly the records below the high-water mark, from leaders and"
      + " followers")
  @Hint(READ)
  void consumersReadOnlyBelowTheMark() {
    World w = new World("r1 leading r2 and r3 (lagTimeMaxMs = 1,000), r2 and r3 replicas of"
        + " your class", 1_000);
    w.now = 3;
    w.add("r1");
    w.add("r2");
    w.add("r3");
    w.becomeLeader("r1", List.of("r1", "r2", "r3"));
    for (int i = 0; i < 1_200; i++) {
      w.append();
    }
    w.read("r1", 0);
    w.read("r1", -1);
    w.read("r1", Long.MIN_VALUE);
    w.fetchBy("r2", Delivery.NOW);
    w.fetchBy("r3", Delivery.NOW);
    w.read("r1", 0);
    w.read("r2", 0);
    w.fetchBy("r2", Delivery.NOW);
    for (int i = 0; i < 37; i++) {
      w.append();
    }
    w.fetchBy("r3", Delivery.NOW); // HW = min(1,237, 1,200, 1,200) = 1,200
    w.fetchBy("r2", Delivery.NOW);
    for (long o : new long[] {1_199, 1_200, 1_201, 1_236, 1_237, 1_238, 5_000, Long.MAX_VALUE,
        -1, 0, 1}) {
      w.read("r1", o);
      w.read("r2", o);
      w.read("r3", o);
    }
    w.fetchBy("r3", Delivery.NOW);
    w.fetchBy("r2", Delivery.NOW);
    for (long o = 1_195; o <= 1_240; o++) {
      w.read("r1", o);
      w.read("r2", o);
      w.read("r3", o);
    }
  }

  @Test
  @Order(5)
  @DisplayName("the high-water mark never goes down on a leader: ISR changes, followers that"
      + " restart, new leaders")
  @Hint(BACK)
  void highWaterMarkNeverGoesDown() {
    World w = new World("r1 leading r2 and r3 (lagTimeMaxMs = 1,000); r3 restarts and fetches"
        + " from lower", 1_000);
    w.now = 0;
    w.add("r1");
    w.becomeLeader("r1", List.of("r1", "r2", "r3"));
    for (int i = 0; i < 20; i++) {
      w.append();
    }
    w.fetch("r2", 20);
    w.fetch("r3", 20);
    w.fetch("r3", 12);
    w.read("r1", 19);
    for (int i = 0; i < 5; i++) {
      w.append();
    }
    w.fetch("r2", 25);
    w.fetch("r3", 13);
    w.fetch("r3", 25);
    w.read("r1", 24);

    // A new leader knows an older mark than the old leader had, and its followers count 0.
    World n = new World("replicas r1, r2, r3 of your class (lagTimeMaxMs = 500); r1 leads, then"
        + " r2 takes over with the older high-water mark it knew as a follower", 500);
    n.now = 100;
    n.add("r1");
    n.add("r2");
    n.add("r3");
    n.becomeLeader("r1", List.of("r1", "r2", "r3"));
    for (int i = 0; i < 10; i++) {
      n.append();
    }
    n.fetchBy("r2", Delivery.NOW);
    n.fetchBy("r3", Delivery.NOW);
    n.fetchBy("r2", Delivery.NOW);
    n.fetchBy("r3", Delivery.NOW); // HW 10
    for (int i = 0; i < 4; i++) {
      n.append();
    }
    n.fetchBy("r2", Delivery.NOW);
    n.fetchBy("r2", Delivery.NOW); // r2 holds 14 and knows HW 10
    n.fetchBy("r3", Delivery.NOW);
    n.fetchBy("r3", Delivery.NOW); // HW 14, and r3 knows it
    n.read("r1", 13);
    n.failOver("r2", List.of("r2", "r3"));
    n.read("r2", 9);
    n.read("r2", 10);
    n.fetchBy("r3", Delivery.NOW);
    n.fetchBy("r3", Delivery.NOW);
    n.read("r2", 13);

    // ISR shrinks and the slow follower comes back from below the mark.
    World s = new World("r1 leading r2 and r3 (lagTimeMaxMs = 30); r3 falls behind, leaves, and"
        + " comes back", 30);
    s.now = 1_000;
    s.add("r1");
    s.becomeLeader("r1", List.of("r1", "r2", "r3"));
    for (int i = 0; i < 8; i++) {
      s.append();
    }
    s.fetch("r2", 8);
    s.fetch("r3", 3);
    s.advance(31);
    s.tick();
    s.fetch("r3", 2);
    s.fetch("r3", 8);
    s.fetch("r3", 0);
    s.tick();
    s.advance(40);
    s.tick();
  }

  @Test
  @Order(6)
  @DisplayName("a follower leaves the ISR when it has lacked a record for more than"
      + " lagTimeMaxMs, and rejoins at a fetch from the high-water mark")
  @Hint(LAG)
  void lagRuleAtItsBoundary() {
    for (long lag : new long[] {1, 30, 1_000}) {
      for (int variant = 0; variant < 4; variant++) {
        String how = switch (variant) {
          case 0 -> "only tick is called";
          case 1 -> "the leader appends at the boundary";
          case 2 -> "r2 fetches at the boundary";
          default -> "r3 keeps fetching from the same offset every millisecond";
        };
        World w = new World(String.format(Locale.ROOT, "r1 leading r2 and r3 (lagTimeMaxMs ="
            + " %,d); r3 falls behind and %s", lag, how), lag);
        w.now = 1_000;
        w.add("r1");
        w.becomeLeader("r1", List.of("r1", "r2", "r3"));
        w.append();
        w.fetch("r2", 1);
        w.fetch("r3", 0);
        long start = w.now;
        for (long t = start + 1; t <= start + lag + 1; t++) {
          if (variant == 3 || t >= start + lag) {
            w.now = t;
            switch (variant) {
              case 0 -> w.tick();
              case 1 -> w.append();
              case 2 -> w.fetch("r2", w.model("r1").log.size());
              default -> w.fetch("r3", 0);
            }
          }
        }
      }
      // A follower that lacks nothing stays however long it is silent.
      World q = new World(String.format(Locale.ROOT, "r1 leading r2 (lagTimeMaxMs = %,d); r2 has"
          + " everything and stops fetching while nothing is appended", lag), lag);
      q.now = 5;
      q.add("r1");
      q.becomeLeader("r1", List.of("r1", "r2"));
      q.append();
      q.append();
      q.fetch("r2", 2);
      q.advance(lag);
      q.tick();
      q.advance(10 * lag + 1);
      q.tick();
      q.advance(100 * lag);
      q.tick();
      q.append();
      q.advance(lag);
      q.tick();
      q.advance(1);
      q.tick();

      // Rejoin at the HW, not below, and not only at the log end.
      World r = new World(String.format(Locale.ROOT, "r1 leading r2 and r3 (lagTimeMaxMs = %,d);"
          + " r3 leaves, then fetches from below the high-water mark, then from it", lag), lag);
      r.now = 2_000;
      r.add("r1");
      r.becomeLeader("r1", List.of("r1", "r2", "r3"));
      r.append();
      r.fetch("r2", 1);
      r.advance(lag + 1);
      r.tick();
      for (int i = 0; i < 5; i++) {
        r.append();
      }
      r.fetch("r2", 3);
      r.fetch("r3", 2);
      r.fetch("r3", 3);
      r.fetch("r2", 6);
      r.fetch("r3", 6);

      // A new leader's records count as arriving when it took over.
      World e = new World(String.format(Locale.ROOT, "replicas r1, r2 (lagTimeMaxMs = %,d): r2"
          + " is handed records as a follower, then leads r1, which does not fetch", lag), lag);
      e.now = 40;
      e.add("r1");
      e.add("r2");
      e.deliver("r2", new IsrPartition.FetchResponse(0, List.of(record(1), record(2), record(3)),
          2));
      e.advance(5 * lag);
      e.becomeLeader("r2", List.of("r1", "r2"));
      e.advance(lag);
      e.tick();
      e.advance(1);
      e.tick();
    }
    // The rejoin check uses the high-water mark from before this fetch.
    World o = new World("r1 leading r2, r3 and r4 (lagTimeMaxMs = 30): r4 fetches from 7 at the"
        + " millisecond r3 leaves the ISR", 30);
    o.now = 100;
    o.add("r1");
    o.becomeLeader("r1", List.of("r1", "r2", "r3"));
    for (int i = 0; i < 6; i++) {
      o.append();
    }
    o.fetch("r2", 6);
    o.fetch("r3", 5);
    o.now = 120;
    for (int i = 0; i < 4; i++) {
      o.append();
    }
    o.fetch("r2", 10);
    o.fetch("r3", 5);
    o.now = 131;
    o.fetch("r4", 7);
  }

  @Test
  @Order(7)
  @DisplayName("a follower applies a response at its log end only, and takes min(response HW,"
      + " log end) as its mark")
  @Hint(FOLLOW)
  void followerAppliesResponses() {
    World w = new World("a follower r2 of your class (lagTimeMaxMs = 30), sent responses by the"
        + " suite", 30);
    w.now = 1;
    w.add("r2");
    IsrPartition.FetchResponse first = response(0, 0, 3, 2);
    w.deliver("r2", first);
    w.read("r2", 1);
    w.read("r2", 2);
    w.deliver("r2", first); // a duplicate
    w.deliver("r2", response(1, 1, 3, 3)); // a late one
    w.deliver("r2", response(3, 3, 4, 10)); // short: the HW is beyond what it carries
    w.read("r2", 3);
    w.read("r2", 4);
    w.deliver("r2", response(4, 4, 5, 1)); // a new leader that knows an older mark
    w.read("r2", 1);
    w.read("r2", 2);
    w.deliver("r2", response(5, 5, 5, 5)); // nothing new
    w.deliver("r2", response(7, 7, 8, 8)); // ahead of its log: not for this log
    w.deliver("r2", response(5, 5, 6, 6));
    w.read("r2", 5);
    int at = 6;
    SplittableRandom rnd = new SplittableRandom(7);
    while (at < 2_500) {
      int n = rnd.nextInt(40);
      long hw = Math.max(0, at + n - rnd.nextInt(60));
      w.deliver("r2", response(at, at, at + n, hw));
      if (rnd.nextInt(4) == 0) {
        w.deliver("r2", response(at, at, at + n, hw)); // a duplicate
      }
      at += n;
      w.read("r2", Math.max(0, hw - 1));
      w.read("r2", hw);
    }
  }

  @Test
  @Order(8)
  @DisplayName("a new leader keeps its log and its mark; becomeFollower truncates to the"
      + " replica's own high-water mark")
  @Hint(TRUNC)
  void leaderChangesTruncateToTheMark() {
    World w = new World("replicas r1, r2, r3 of your class (lagTimeMaxMs = 1,000); r1 leads, then"
        + " r2, then r1 again", 1_000);
    w.now = 10;
    w.add("r1");
    w.add("r2");
    w.add("r3");
    w.becomeLeader("r1", List.of("r1", "r2", "r3"));
    for (int i = 0; i < 5; i++) {
      w.append();
    }
    w.fetchBy("r2", Delivery.NOW);
    w.fetchBy("r3", Delivery.NOW);
    w.fetchBy("r2", Delivery.NOW);
    w.fetchBy("r3", Delivery.NOW);
    w.fetchBy("r2", Delivery.NOW);
    w.advance(10);
    for (int i = 0; i < 5; i++) {
      w.append();
    }
    w.fetchBy("r2", Delivery.NOW);
    w.fetchBy("r3", Delivery.NOW);
    w.fetchBy("r2", Delivery.NOW);
    w.fetchBy("r3", Delivery.NOW); // r3 knows a higher mark than r2
    w.advance(10);
    for (int i = 0; i < 5; i++) {
      w.append();
    }
    w.fetchBy("r3", Delivery.NOW);
    w.fetchBy("r3", Delivery.NOW); // r3 holds all of r1's log, r2 less
    for (long o = 0; o < 10; o++) {
      w.read("r1", o);
    }
    // r1 crashes; r2 leads with its older mark; r3 truncates to its own.
    w.failOver("r2", List.of("r2", "r3"));
    w.read("r2", 4);
    w.read("r2", 5);
    w.fetchBy("r3", Delivery.NOW);
    w.append();
    w.append();
    w.fetchBy("r3", Delivery.NOW);
    w.fetchBy("r3", Delivery.NOW);
    // r1 comes back: it truncates its uncommitted tail to its own HW.
    w.comeBack("r1");
    w.fetchBy("r1", Delivery.NOW);
    w.fetchBy("r1", Delivery.NOW);
    w.append();
    w.fetchBy("r3", Delivery.NOW);
    w.fetchBy("r1", Delivery.NOW);
    w.fetchBy("r3", Delivery.NOW);
    // r3 restarts: it truncates to its own HW.
    w.restart("r3");
    w.fetchBy("r3", Delivery.NOW);
    w.append();
    w.fetchBy("r3", Delivery.NOW);
    // r2 crashes; r1 leads again, r3 drops what r1 lacks.
    w.failOver("r1", List.of("r1", "r3"));
    w.fetchBy("r3", Delivery.NOW);
    w.fetchBy("r3", Delivery.NOW);
    w.comeBack("r2");
    w.fetchBy("r2", Delivery.NOW);
    w.fetchBy("r2", Delivery.NOW);
    w.finish();
  }

  @Test
  @Order(9)
  @DisplayName("after leader changes no record a consumer saw disappears: random runs with lost,"
      + " late and duplicated responses")
  @Hint(TRUNC)
  void noConsumedRecordDisappears() {
    Seeds.forEach(30, seed -> randomFailoverRun(seed, 1_600, null));
  }

  @Test
  @Order(10)
  @DisplayName("records and collections are copied in and out")
  @Hint(OWN)
  void copiesInAndOut() {
    World w = new World("replicas r1 and r2 of your class (lagTimeMaxMs = 30); r1 leads alone",
        30);
    w.now = 1;
    w.add("r1");
    w.add("r2");
    w.becomeLeader("r1", List.of("r1"));
    for (int i = 0; i < 10; i++) {
      w.append(); // the suite overwrites each array right after append returns
    }
    for (long o = 0; o < 10; o++) {
      w.read("r1", o); // and each array read returns
      w.read("r1", o);
    }
    IsrReplica leader = w.reps.get("r1").sut;
    Set<String> got = leader.isr();
    try {
      got.add("r9");
      got.remove("r1");
    } catch (UnsupportedOperationException fine) {
      // an unmodifiable set is allowed
    }
    Set<String> after = leader.isr();
    if (after == null || !new TreeSet<>(after).equals(Set.of("r1"))) {
      throw w.fail(OWN, "r1.isr() returned {r1}; the suite then added r9 to that set and removed"
          + " r1 from it (or was refused: both are fine), and r1.isr() now returns "
          + (after == null ? "null" : new TreeSet<>(after)) + ". Changing the set isr() returned"
          + " must never change the ISR: return a copy or an unmodifiable set.");
    }
    w.check(Kind.READ, "");
    w.fetchBy("r2", Delivery.NOW);
    w.fetchBy("r2", Delivery.NOW);
    for (long o = 0; o < 10; o++) {
      w.read("r2", o);
      w.read("r2", o);
    }
    // becomeLeader with a list the caller changes afterwards, and with unmodifiable ones.
    World c = new World("replicas r1, r2, r3 of your class (lagTimeMaxMs = 30); r1 is handed a"
        + " modifiable list, which the caller clears and refills after the call", 30);
    c.now = 1;
    c.add("r1");
    c.add("r2");
    c.add("r3");
    List<String> handed = new ArrayList<>(List.of("r1", "r2", "r3"));
    c.becomeLeader("r1", handed);
    handed.clear();
    handed.add("r7");
    c.check(Kind.READ, "");
    c.append();
    c.fetchBy("r2", Delivery.NOW);
    c.fetchBy("r3", Delivery.NOW);
    World u = new World("replicas r1, r2, r3 of your class (lagTimeMaxMs = 30); r1 is handed"
        + " Set.of(\"r1\", \"r2\", \"r3\"), then r2 is handed List.of(\"r2\", \"r3\")", 30);
    u.now = 1;
    u.add("r1");
    u.add("r2");
    u.add("r3");
    u.becomeLeader("r1", Set.of("r1", "r2", "r3"));
    u.append();
    u.fetchBy("r2", Delivery.NOW);
    u.fetchBy("r3", Delivery.NOW);
    u.fetchBy("r2", Delivery.NOW);
    u.fetchBy("r3", Delivery.NOW);
    u.failOver("r2", List.of("r2", "r3"));
    u.append();
    u.fetchBy("r3", Delivery.NOW);
  }

  @Test
  @Order(11)
  @DisplayName("each replica keeps its own state: two partitions side by side, run twice, give"
      + " the same answers")
  @Hint(OWN)
  void twoPartitionsSideBySideTwice() {
    Seeds.forEach(4, seed -> {
      List<String> first = new ArrayList<>();
      List<String> second = new ArrayList<>();
      randomFailoverRun(seed, 400, first);
      randomFailoverRun(seed, 400, second);
      if (!first.equals(second)) {
        int i = 0;
        while (i < Math.min(first.size(), second.size()) && first.get(i).equals(second.get(i))) {
          i++;
        }
        throw Because.of(OWN, String.format(Locale.ROOT,
            "The same random run (two partitions, side by side) done twice gave different"
                + " answers at step %,d: first %s, then %s. Every answer must follow from the"
                + " calls alone: take time only from the now you are given, and keep no static"
                + " fields.",
            i + 1, i < first.size() ? first.get(i) : "(run over)",
            i < second.size() ? second.get(i) : "(run over)"));
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Scenarios

  /** The worked example of the brief, step by step. */
  private static void workedExample() {
    World w = new World("the worked example of the brief (r1 leading r2 and r3, lagTimeMaxMs ="
        + " 30)", 30);
    w.now = 90;
    w.add("r1");
    w.becomeLeader("r1", List.of("r1", "r2", "r3"));
    for (int i = 0; i < 7; i++) {
      w.append();
    }
    w.now = 92;
    w.fetch("r2", 0);
    w.fetch("r3", 0);
    w.now = 94;
    w.fetch("r2", 7);
    w.fetch("r3", 7);
    w.now = 100;
    w.append();
    w.now = 110;
    w.fetch("r2", 7);
    w.now = 120;
    w.append();
    w.append();
    w.now = 125;
    w.fetch("r2", 8);
    w.fetch("r3", 7);
    w.read("r1", 6);
    w.read("r1", 7);
    w.now = 130;
    w.tick();
    w.now = 131;
    w.tick();
    w.now = 135;
    w.fetch("r2", 10);
    w.now = 140;
    w.fetch("r3", 8);
    w.now = 141;
    w.fetch("r3", 10);
  }

  /**
   * A random run of one leader of the learner's class and up to five followers played by the
   * suite, which picks their fetch offsets: usually what they hold, sometimes lower (a restart),
   * sometimes the same again (a lost response); some stall for a while.
   */
  private static void randomLeaderRun(long seed, int steps) {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
    long[] lags = {1, 5, 30, 200};
    long lag = lags[(int) (seed % lags.length)];
    int followers = 1 + (int) (seed % 5);
    String played = followers == 1 ? "r2, which the suite plays" : followers == 2
        ? "r2 and r3, which the suite plays" : "r2 to r" + (followers + 1) + ", which the suite"
        + " plays";
    World w = new World(String.format(Locale.ROOT, "a random run: r1 of your class leads %s"
        + " (lagTimeMaxMs = %,d)", played, lag), lag);
    w.now = 1 + rnd.nextInt(1_000);
    w.add("r1");
    List<String> isr = new ArrayList<>();
    isr.add("r1");
    long[] holds = new long[followers + 2];
    int[] stalledUntil = new int[followers + 2];
    int[] speed = new int[followers + 2];
    for (int f = 2; f <= followers + 1; f++) {
      if (rnd.nextInt(4) != 0) {
        isr.add("r" + f);
      }
      speed[f] = 1 + rnd.nextInt(4);
    }
    w.becomeLeader("r1", rnd.nextBoolean() ? List.copyOf(isr) : isr);
    for (int i = 0; i < steps; i++) {
      int r = rnd.nextInt(100);
      w.advance(rnd.nextInt(10) == 0 ? rnd.nextLong(2 * lag + 2) : rnd.nextLong(lag / 3 + 2));
      if (r < 35) {
        w.append();
      } else if (r < 80) {
        int f = 2 + rnd.nextInt(followers);
        if (stalledUntil[f] > i || rnd.nextInt(4) >= speed[f]) {
          continue;
        }
        long leo = w.model("r1").log.size();
        long from = holds[f];
        int kind = rnd.nextInt(100);
        if (kind < 4) {
          from = rnd.nextLong(holds[f] + 1); // restarted: it lost a tail
        } else if (kind < 6) {
          from = rnd.nextLong(leo + 1);
        }
        Resp resp = w.fetch("r" + f, from);
        holds[f] = rnd.nextInt(10) == 0 ? from : resp.end(); // sometimes the response is lost
      } else if (r < 88) {
        w.tick();
      } else if (r < 96) {
        long hw = w.model("r1").hw;
        long leo = w.model("r1").log.size();
        long o = switch (rnd.nextInt(4)) {
          case 0 -> hw - 1;
          case 1 -> hw;
          case 2 -> rnd.nextLong(leo + 2);
          default -> hw - 1 - rnd.nextLong(5);
        };
        w.read("r1", Math.max(0, o));
      } else {
        int f = 2 + rnd.nextInt(followers);
        stalledUntil[f] = i + rnd.nextInt(200);
      }
    }
  }

  /**
   * A random run of 1 to 5 replicas of the learner's class: appends, fetches whose responses are
   * delivered, lost, duplicated or delivered late, ticks, consumer reads, stalls, restarts, and
   * leader changes when the brief allows them. With {@code answers} set, two partitions run side
   * by side and every answer is recorded.
   */
  private static void randomFailoverRun(long seed, int steps, List<String> answers) {
    SplittableRandom rnd = new SplittableRandom(seed * 0xBF58476D1CE4E5B9L + 11);
    long[] lags = {1, 10, 30, 100};
    long lag = lags[(int) (seed % lags.length)];
    int n = seed == 1 ? 2 : 1 + rnd.nextInt(5);
    List<World> worlds = new ArrayList<>();
    int partitions = answers == null ? 1 : 2;
    for (int p = 0; p < partitions; p++) {
      String name = partitions == 1 ? "a random run" : "a random run of partition " + (p + 1)
          + " of 2, side by side";
      String replicas = n == 1 ? "a replica r1" : n == 2 ? "replicas r1 and r2"
          : "replicas r1 to r" + n;
      World w = new World(String.format(Locale.ROOT, "%s: %s of your class (lagTimeMaxMs = %,d)",
          name, replicas, lag), lag);
      w.answers = answers;
      w.now = 1 + rnd.nextInt(100);
      for (int i = 1; i <= n; i++) {
        w.add("r" + i);
      }
      List<String> all = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        all.add("r" + i);
      }
      w.becomeLeader("r1", rnd.nextBoolean() ? List.copyOf(all) : all);
      worlds.add(w);
    }
    for (int i = 0; i < steps; i++) {
      for (World w : worlds) {
        randomStep(w, rnd, i);
      }
    }
    for (World w : worlds) {
      w.finish();
    }
  }

  private static void randomStep(World w, SplittableRandom rnd, int i) {
    long lag = w.lag;
    w.advance(rnd.nextInt(12) == 0 ? rnd.nextLong(2 * lag + 2) : rnd.nextLong(lag / 3 + 2));
    List<String> running = new ArrayList<>();
    List<String> down = new ArrayList<>();
    for (Rep r : w.reps.values()) {
      if (r.down) {
        down.add(r.id);
      } else if (!r.id.equals(w.leader)) {
        running.add(r.id);
      }
    }
    int r = rnd.nextInt(100);
    if (r < 30) {
      w.append();
    } else if (r < 70) {
      if (running.isEmpty()) {
        return;
      }
      String f = running.get(rnd.nextInt(running.size()));
      Rep rep = w.reps.get(f);
      if (rep.stalled) {
        return;
      }
      int d = rnd.nextInt(100);
      w.fetchBy(f, d < 80 ? Delivery.NOW : d < 86 ? Delivery.TWICE : d < 93 ? Delivery.LATE
          : Delivery.LOST);
    } else if (r < 75) {
      if (!running.isEmpty()) {
        w.deliverLate(running.get(rnd.nextInt(running.size())));
      }
    } else if (r < 85) {
      String who = running.isEmpty() || rnd.nextInt(5) != 0 ? w.leader
          : running.get(rnd.nextInt(running.size()));
      Model m = w.model(who);
      long o = switch (rnd.nextInt(5)) {
        case 0 -> m.hw - 1;
        case 1 -> m.hw;
        case 2 -> rnd.nextLong(m.log.size() + 2);
        case 3 -> m.hw - 1 - rnd.nextLong(10);
        default -> m.hw + 1;
      };
      w.read(who, Math.max(0, o));
    } else if (r < 90) {
      w.tick();
    } else if (r < 93) {
      if (!running.isEmpty()) {
        Rep s = w.reps.get(running.get(rnd.nextInt(running.size())));
        s.stalled = !s.stalled;
      }
    } else if (r < 95) {
      if (!running.isEmpty()) {
        w.restart(running.get(rnd.nextInt(running.size())));
      }
    } else if (r < 98) {
      List<String> candidates = w.failOverCandidates();
      if (!candidates.isEmpty() && w.term < 14) {
        String next = candidates.get(rnd.nextInt(candidates.size()));
        List<String> isr = new ArrayList<>(w.model(w.leader).isr());
        isr.remove(w.leader);
        if (rnd.nextBoolean()) {
          isr.remove(next);
        }
        w.failOver(next, rnd.nextBoolean() ? List.copyOf(isr) : isr);
      }
    } else if (!down.isEmpty()) {
      w.comeBack(down.get(rnd.nextInt(down.size())));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The model: one replica as the brief defines it

  /** A fetch response as the model computes it. */
  private record Resp(long fetchOffset, List<byte[]> records, long hw) {
    long end() {
      return fetchOffset + records.size();
    }
  }

  /** A replica that follows the brief's rules literally, with what its last call did. */
  private static final class Model {
    final String id;
    final long lag;
    final List<byte[]> log = new ArrayList<>();
    long hw;
    boolean leader;
    final List<Long> arrived = new ArrayList<>();
    final Map<String, Long> ends = new TreeMap<>();
    final Set<String> inSync = new TreeSet<>();
    /** The followers that fetched from this leader since it took over, and when it did. */
    final Set<String> fetched = new TreeSet<>();
    long since;
    // What the last call did, for messages.
    long hwBefore;
    String fetcher;
    Long fetcherEndBefore;
    final Set<String> joined = new TreeSet<>();
    final Set<String> left = new TreeSet<>();

    Model(String id, long lag) {
      this.id = id;
      this.lag = lag;
    }

    Set<String> isr() {
      Set<String> s = new TreeSet<>(inSync);
      s.add(id);
      return s;
    }

    private void begin() {
      hwBefore = hw;
      fetcher = null;
      fetcherEndBefore = null;
      joined.clear();
      left.clear();
    }

    void becomeLeader(Collection<String> isr, long now) {
      begin();
      leader = true;
      since = now;
      ends.clear();
      inSync.clear();
      fetched.clear();
      for (String f : isr) {
        if (!f.equals(id)) {
          inSync.add(f);
          ends.put(f, 0L);
        }
      }
      arrived.clear();
      for (int i = 0; i < log.size(); i++) {
        arrived.add(now);
      }
      settle(now);
    }

    void becomeFollower() {
      begin();
      leader = false;
      ends.clear();
      inSync.clear();
      arrived.clear();
      while (log.size() > hw) {
        log.remove(log.size() - 1);
      }
    }

    long append(byte[] record, long now) {
      begin();
      log.add(record.clone());
      arrived.add(now);
      settle(now);
      return log.size() - 1;
    }

    Resp onFetch(String follower, long offset, long now) {
      begin();
      fetcher = follower;
      fetcherEndBefore = ends.get(follower);
      ends.put(follower, offset);
      fetched.add(follower);
      if (!inSync.contains(follower) && offset >= hw) {
        inSync.add(follower);
        joined.add(follower);
      }
      settle(now);
      List<byte[]> records = new ArrayList<>();
      for (long o = offset; o < log.size(); o++) {
        records.add(log.get((int) o));
      }
      return new Resp(offset, records, hw);
    }

    void tick(long now) {
      begin();
      settle(now);
    }

    /** Applies a response as a follower does; true if it was applied. */
    boolean onFetchResponse(long fetchOffset, List<byte[]> records, long responseHw) {
      begin();
      if (fetchOffset != log.size()) {
        return false;
      }
      for (byte[] r : records) {
        log.add(r.clone());
      }
      hw = Math.min(responseHw, log.size());
      return true;
    }

    private void settle(long now) {
      for (String f : new ArrayList<>(inSync)) {
        long end = ends.get(f);
        if (end < log.size() && now - arrived.get((int) end) > lag) {
          inSync.remove(f);
          if (!joined.remove(f)) {
            left.add(f);
          }
        }
      }
      hw = Math.max(hw, minOverIsr());
    }

    long minOverIsr() {
      long min = log.size();
      for (String f : inSync) {
        min = Math.min(min, ends.get(f));
      }
      return min;
    }

    long minOverAllFollowers() {
      long min = log.size();
      for (long e : ends.values()) {
        min = Math.min(min, e);
      }
      return min;
    }

    long maxOverIsr() {
      long max = log.size();
      for (String f : inSync) {
        max = Math.max(max, ends.get(f));
      }
      return max;
    }

    /** The HW this call would give if the fetching follower's previous log end were used. */
    Long hwWithPreviousFetch() {
      if (fetcher == null || !inSync.contains(fetcher)) {
        return null;
      }
      long min = log.size();
      for (String f : inSync) {
        long e = f.equals(fetcher) ? (fetcherEndBefore == null ? 0 : fetcherEndBefore)
            : ends.get(f);
        min = Math.min(min, e);
      }
      return Math.max(hwBefore, min);
    }

    /** "r2 38, r3 12 (out)": the followers' log ends as this leader knows them. */
    String ends() {
      if (ends.isEmpty()) {
        return "none";
      }
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, Long> e : ends.entrySet()) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(e.getKey()).append(' ').append(e.getValue());
        if (!inSync.contains(e.getKey())) {
          sb.append(" (out)");
        }
      }
      return sb.toString();
    }

    /** Why follower {@code f} is in or out of the ISR after the last call at {@code now}. */
    String why(String f, long now) {
      Long end = ends.get(f);
      if (inSync.contains(f)) {
        if (joined.contains(f)) {
          return String.format(Locale.ROOT, "%s fetched from %d, at or above the high-water"
              + " mark %d it found (before this fetch recomputed it), so it rejoins the ISR, even"
              + " though it is behind the log end %d", f, end, hwBefore, log.size());
        }
        if (end >= log.size()) {
          return String.format(Locale.ROOT, "%s's log end %d is the leader's: it lacks"
              + " nothing, so it stays in the ISR however long it has been silent", f, end);
        }
        return String.format(Locale.ROOT, "%s lacks offset %d (its log end), which arrived at"
            + " t = %,d, %,d ms ago: not more than lagTimeMaxMs = %,d, so it stays in the ISR",
            f, end, arrived.get((int) (long) end), now - arrived.get((int) (long) end), lag);
      }
      if (left.contains(f)) {
        return String.format(Locale.ROOT, "%s lacks offset %d (its log end), which arrived at"
            + " t = %,d, %,d ms ago: more than lagTimeMaxMs = %,d, so it leaves the ISR now", f,
            end, arrived.get((int) (long) end), now - arrived.get((int) (long) end), lag);
      }
      if (f.equals(fetcher) && end != null && end < hwBefore) {
        return String.format(Locale.ROOT, "%s fetched from %d, below the high-water mark %d:"
            + " it lacks committed records, so it stays out of the ISR until it fetches from %d"
            + " or beyond", f, end, hwBefore, hwBefore);
      }
      if (f.equals(fetcher) && end != null) {
        return String.format(Locale.ROOT, "%s fetched from %d, at or above the high-water mark"
            + " %d, so it rejoined, but it lacks offset %d, which arrived at t = %,d, more than"
            + " lagTimeMaxMs = %,d ms ago, so it leaves again", f, end, hwBefore, end,
            arrived.get((int) (long) end), lag);
      }
      return f + " is out of the ISR: it left earlier (or was never in it) and has not fetched"
          + " from at or above the high-water mark since";
    }

    String summary() {
      if (leader) {
        return String.format(Locale.ROOT, "%s leads: log end %d, HW %d, ISR %s; followers' log"
            + " ends as it knows them: %s", id, log.size(), hw, isr(), ends());
      }
      return String.format(Locale.ROOT, "%s follows: log end %d, HW %d", id, log.size(), hw);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The world: learner replicas beside model replicas, the steps, and the checks after each

  private enum Kind { NEW, BECOME_LEADER, BECOME_FOLLOWER, APPEND, FETCH, TICK, RESPONSE, READ }

  private enum Delivery { NOW, TWICE, LATE, LOST }

  /** A response in flight to a follower. */
  private record Inflight(IsrPartition.FetchResponse response, int term) {}

  private static final class Rep {
    final String id;
    final IsrReplica sut;
    final Model model;
    boolean down;
    boolean stalled;
    int truncations;
    final ArrayDeque<Inflight> inflight = new ArrayDeque<>();

    Rep(String id, IsrReplica sut, Model model) {
      this.id = id;
      this.sut = sut;
      this.model = model;
    }
  }

  private static final class World {
    final String title;
    final long lag;
    long now;
    long steps;
    final ArrayDeque<Object[]> recent = new ArrayDeque<>();
    final Map<String, Rep> reps = new LinkedHashMap<>();
    String leader;
    int term;
    long highest;
    int made;
    /** What consumers read: offset to bytes, and where. */
    final Map<Long, byte[]> seen = new HashMap<>();
    final Map<Long, String> seenWhere = new HashMap<>();
    List<String> answers;

    World(String title, long lag) {
      this.title = title;
      this.lag = lag;
    }

    Model model(String id) {
      return reps.get(id).model;
    }

    void advance(long ms) {
      now += ms;
    }

    /** Notes a step for the trace; formatted only when a failure shows it. */
    private void log(String format, Object... args) {
      steps++;
      recent.addLast(new Object[] {now, format, args});
      if (recent.size() > 14) {
        recent.removeFirst();
      }
    }

    private void log(String line) {
      log("%s", line);
    }

    private void answer(Supplier<String> what) {
      if (answers != null) {
        answers.add(what.get());
      }
    }

    String context() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "In %s, step %,d at t = %,d. ", title, steps, now));
      sb.append(steps > recent.size() ? "The last steps:" : "The steps:");
      for (Object[] line : recent) {
        sb.append("\n  ").append(String.format(Locale.ROOT, "%10s  ",
                String.format(Locale.ROOT, "t=%,d", (Long) line[0])))
            .append(String.format(Locale.ROOT, (String) line[1], (Object[]) line[2]));
      }
      sb.append("\nThe brief's rules give:");
      for (Rep r : reps.values()) {
        sb.append("\n  ").append(r.down ? r.id + " is down (it crashed; as it was then: "
            + r.model.summary() + ")" : r.model.summary());
      }
      return sb.toString();
    }

    Because fail(String hint, String what) {
      return Because.of(hint, what + "\n" + context());
    }

    // ---- steps ----

    void add(String id) {
      IsrReplica sut;
      try {
        sut = new IsrReplica(id, lag);
      } catch (UnsupportedOperationException e) {
        throw todoOr(e, "new IsrReplica(\"" + id + "\", " + lag + ")");
      } catch (RuntimeException e) {
        log("new IsrReplica(\"" + id + "\", " + lag + ")");
        throw fail(ARGS, "new IsrReplica(\"" + id + "\", " + lag + ") threw "
            + e.getClass().getSimpleName() + where(e) + "; lagTimeMaxMs = " + lag + " is at"
            + " least 1, so the replica is valid.");
      }
      Rep r = new Rep(id, sut, new Model(id, lag));
      reps.put(id, r);
      log("new IsrReplica(\"" + id + "\", " + lag + "): a follower with an empty log");
      check(Kind.NEW, id);
    }

    void becomeLeader(String id, Collection<String> isr) {
      Rep r = reps.get(id);
      String shown = new ArrayList<>(isr).toString();
      List<String> copy = List.copyOf(isr);
      log("%s.becomeLeader(%s, %d)%s", id, shown, now, r.model.log.isEmpty() ? ""
          : ": it holds " + r.model.log.size() + " records, HW " + r.model.hw);
      call(r, "becomeLeader(" + shown + ", " + now + ")", Kind.BECOME_LEADER, () -> {
        r.sut.becomeLeader(isr, now);
        return null;
      });
      if (!new ArrayList<>(isr).equals(copy)) {
        throw fail(OWN, String.format(Locale.ROOT, "%s.becomeLeader(%s, %d) changed the caller's"
            + " collection to %s. Read the collection you are handed and leave it as it was: it"
            + " is the caller's.", id, shown, now, new ArrayList<>(isr)));
      }
      r.model.becomeLeader(copy, now);
      leader = id;
      term++;
      check(Kind.BECOME_LEADER, id);
    }

    void becomeFollower(String id) {
      Rep r = reps.get(id);
      long leo = r.model.log.size();
      r.model.becomeFollower();
      log("%s.becomeFollower(): log end %d, HW %d, so it truncates to %d", id, leo, r.model.hw,
          r.model.log.size());
      r.truncations++;
      r.inflight.clear();
      call(r, "becomeFollower()", Kind.BECOME_FOLLOWER, () -> {
        r.sut.becomeFollower();
        return null;
      });
      if (id.equals(leader)) {
        leader = null;
      }
      check(Kind.BECOME_FOLLOWER, id);
    }

    byte[] nextRecord() {
      made++;
      return record(made);
    }

    void append() {
      Rep r = reps.get(leader);
      byte[] rec = nextRecord();
      long expected = r.model.append(rec, now);
      String shown = show(rec);
      log("%s.append(%s, %d) -> offset %d", leader, shown, now, expected);
      long got = call(r, "append(" + shown + ", " + now + ")", Kind.APPEND,
          () -> r.sut.append(rec, now));
      Arrays.fill(rec, JUNK); // the producer reuses its array
      if (got != expected) {
        throw fail(OWN, String.format(Locale.ROOT, "%s.append(...) returned offset %d; expected"
            + " %d, the log end before the append.", leader, got, expected));
      }
      check(Kind.APPEND, leader);
    }

    /** A fetch by a follower the suite plays, from {@code offset}; the model's response. */
    Resp fetch(String follower, long offset) {
      Rep r = reps.get(leader);
      Resp expected = r.model.onFetch(follower, offset, now);
      String call = "onFetch(\"" + follower + "\", " + offset + ", " + now + ")";
      log("%s.%s -> %s", leader, call, show(expected));
      IsrPartition.FetchResponse got = call(r, call, Kind.FETCH,
          () -> r.sut.onFetch(follower, offset, now));
      check(Kind.FETCH, leader);
      compare(r, call, got, expected);
      answer(() -> "response " + show(got));
      return expected;
    }

    /** A fetch by follower {@code id}, a replica of the learner's class, from its log end. */
    void fetchBy(String id, Delivery delivery) {
      Rep f = reps.get(id);
      Resp expected = fetch(id, f.model.log.size());
      IsrPartition.FetchResponse response = new IsrPartition.FetchResponse(
          expected.fetchOffset(), expected.records(), expected.hw());
      switch (delivery) {
        case NOW -> deliver(id, response);
        case TWICE -> {
          deliver(id, response);
          deliver(id, response);
        }
        case LATE -> f.inflight.addLast(new Inflight(response, term));
        case LOST -> log("  (that response to " + id + " is lost)");
      }
    }

    void deliverLate(String id) {
      Rep f = reps.get(id);
      Inflight i = f.inflight.pollFirst();
      if (i != null && i.term() == term) {
        deliver(id, i.response());
      }
    }

    /** Delivers {@code response} to follower {@code id}. */
    void deliver(String id, IsrPartition.FetchResponse response) {
      Rep f = reps.get(id);
      boolean applied = f.model.onFetchResponse(response.fetchOffset(), response.records(),
          response.highWaterMark());
      String shown = show(response);
      log("%s.onFetchResponse(%s): %s", id, shown, applied ? "log end " + f.model.log.size()
          + ", HW " + f.model.hw : "it does not start at its log end " + f.model.log.size()
          + ": ignored");
      call(f, "onFetchResponse(" + shown + ")", Kind.RESPONSE, () -> {
        f.sut.onFetchResponse(response);
        return null;
      });
      check(Kind.RESPONSE, id);
    }

    void tick() {
      Rep r = reps.get(leader);
      r.model.tick(now);
      log("%s.tick(%d)%s", leader, now, r.model.left.isEmpty() ? ""
          : ": " + r.model.left + " leave the ISR");
      call(r, "tick(" + now + ")", Kind.TICK, () -> {
        r.sut.tick(now);
        return null;
      });
      check(Kind.TICK, leader);
    }

    /** A consumer reads {@code offset} from replica {@code id}. */
    void read(String id, long offset) {
      Rep r = reps.get(id);
      Model m = r.model;
      String call = id + ".read(" + offset + ")";
      byte[] expected = offset >= 0 && offset < m.hw ? m.log.get((int) offset) : null;
      long hw = m.hw;
      long leo = m.log.size();
      Supplier<String> expectedText = () -> offset < 0
          ? "IllegalArgumentException: a negative offset"
          : expected == null ? String.format(Locale.ROOT, "NoSuchElementException: offset %d is"
              + " at or past %s's high-water mark %d%s", offset, id, hw, offset < leo
              ? " (it holds that record, but it is not committed)" : "")
          : show(expected) + String.format(Locale.ROOT, ", the record at offset %d, which is below"
              + " the high-water mark %d", offset, hw);
      log("%s -> %s", call, offset < 0 ? "IllegalArgumentException" : expected == null
          ? "NoSuchElementException" : show(expected));
      if (expected != null && seen.containsKey(offset)
          && !Arrays.equals(seen.get(offset), expected)) {
        throw new IllegalStateException("suite model: offset " + offset + " changed on " + id
            + " after a consumer read it from " + seenWhere.get(offset));
      }
      byte[] got;
      try {
        got = r.sut.read(offset);
      } catch (NoSuchElementException e) {
        if (expected == null && offset >= 0) {
          answer(() -> call + " NSE");
          return;
        }
        throw fail(READ, String.format(Locale.ROOT, "%s threw NoSuchElementException%s; expected"
            + " %s.", call, where(e), expectedText.get()));
      } catch (IllegalArgumentException e) {
        if (offset < 0) {
          answer(() -> call + " IAE");
          return;
        }
        throw fail(READ, String.format(Locale.ROOT, "%s threw IllegalArgumentException%s;"
            + " expected %s.", call, where(e), expectedText.get()));
      } catch (UnsupportedOperationException e) {
        throw todoOr(e, call);
      } catch (RuntimeException e) {
        throw fail(READ, String.format(Locale.ROOT, "%s threw %s%s; expected %s.", call,
            e.getClass().getSimpleName(), where(e), expectedText.get()));
      }
      if (expected == null) {
        throw fail(READ, String.format(Locale.ROOT, "%s returned %s; expected %s. Consumers see"
            + " only committed records, below the high-water mark.", call, show(got),
            expectedText.get()));
      }
      if (!Arrays.equals(got, expected)) {
        String hint = isJunk(got) ? OWN : r.truncations > 0 ? TRUNC : OWN;
        String why = isJunk(got) ? " That is what the suite wrote over an array after handing"
            + " it to append or getting it from read: keep a copy of each appended record and"
            + " return a copy from read."
            : " The log must hold exactly the records appended to it, at their offsets.";
        throw fail(hint, String.format(Locale.ROOT, "%s returned %s; expected %s.%s", call,
            show(got), expectedText.get(), why));
      }
      answer(() -> call + " " + show(got));
      if (!seen.containsKey(offset)) {
        seen.put(offset, expected.clone());
        seenWhere.put(offset, id + " at step " + steps);
      }
      Arrays.fill(got, JUNK); // the consumer scribbles on what it got
    }

    /** The old leader crashes; {@code next} leads; every other running replica follows. */
    void failOver(String next, Collection<String> isr) {
      String old = leader;
      if (!failOverCandidates().contains(next)) {
        throw new IllegalStateException("suite: a leader change to " + next + " could lose"
            + " committed records");
      }
      Rep o = reps.get(old);
      o.down = true;
      o.inflight.clear();
      log(old + " crashes");
      leader = null;
      becomeLeader(next, isr);
      reps.get(next).stalled = false;
      for (Rep r : reps.values()) {
        if (!r.down && !r.id.equals(next)) {
          becomeFollower(r.id);
        }
      }
    }

    /** The followers a leader change may pick now (brief: none of them lacks a committed one). */
    List<String> failOverCandidates() {
      List<String> out = new ArrayList<>();
      if (leader == null) {
        return out;
      }
      Model m = model(leader);
      for (String f : m.inSync) {
        Rep r = reps.get(f);
        if (r == null || r.down || r.model.log.size() < highest) {
          return List.of();
        }
        out.add(f);
      }
      return out;
    }

    void comeBack(String id) {
      Rep r = reps.get(id);
      r.down = false;
      log(id + " comes back");
      becomeFollower(id);
    }

    void restart(String id) {
      log(id + " restarts");
      becomeFollower(id);
    }

    /** Brings every replica back and up to date, then reads back what consumers saw. */
    void finish() {
      if (leader == null) {
        return;
      }
      for (Rep r : new ArrayList<>(reps.values())) {
        if (r.down) {
          comeBack(r.id);
        }
        r.stalled = false;
      }
      for (int round = 0; round < 4; round++) {
        advance(1);
        tick();
        for (Rep r : reps.values()) {
          if (!r.id.equals(leader)) {
            fetchBy(r.id, Delivery.NOW);
          }
        }
      }
      for (Map.Entry<Long, byte[]> e : new TreeMap<>(seen).entrySet()) {
        for (Rep r : reps.values()) {
          read(r.id, e.getKey());
        }
      }
    }

    // ---- checks ----

    private <T> T call(Rep r, String what, Kind kind, Supplier<T> body) {
      try {
        return body.get();
      } catch (UnsupportedOperationException e) {
        if (isTodo(e)) {
          throw e;
        }
        throw fail(OWN, String.format(Locale.ROOT, "%s.%s threw UnsupportedOperationException%s."
            + " A collection handed to your code may be unmodifiable (List.of, Set.of): read it,"
            + " never change it.", r.id, what, where(e)));
      } catch (IllegalStateException e) {
        throw fail(ARGS, String.format(Locale.ROOT, "%s.%s threw IllegalStateException%s%s; %s is"
            + " %s, so the call is allowed.", r.id, what, message(e), where(e), r.id,
            r.model.leader ? "the leader" : "a follower"));
      } catch (IllegalArgumentException e) {
        throw fail(ARGS, String.format(Locale.ROOT, "%s.%s threw IllegalArgumentException%s%s;"
            + " its arguments are valid.", r.id, what, message(e), where(e)));
      } catch (RuntimeException e) {
        String hint = switch (kind) {
          case BECOME_FOLLOWER -> TRUNC;
          case RESPONSE -> FOLLOW;
          case READ -> READ;
          case TICK -> LAG;
          default -> MIN;
        };
        throw fail(hint, String.format(Locale.ROOT, "%s.%s threw %s%s%s.", r.id, what,
            e.getClass().getSimpleName(), message(e), where(e)));
      }
    }

    /** Compares every replica with its model after a step of {@code kind} on {@code involved}. */
    void check(Kind kind, String involved) {
      for (Rep r : reps.values()) {
        check(r, kind, r.id.equals(involved));
      }
      if (leader != null) {
        highest = Math.max(highest, model(leader).hw);
      }
    }

    private void check(Rep r, Kind kind, boolean involved) {
      Model m = r.model;
      long leo = call(r, "logEndOffset()", Kind.READ, r.sut::logEndOffset);
      if (leo != m.log.size()) {
        String what = String.format(Locale.ROOT, "%s.logEndOffset() = %d; expected %d.", r.id,
            leo, m.log.size());
        if (!involved || kind == Kind.NEW) {
          throw fail(OWN, what + " This step did not add to or cut " + r.id + "'s log: do"
              + " replicas share state (static fields)? Each replica keeps its own log.");
        }
        throw switch (kind) {
          case BECOME_FOLLOWER -> fail(TRUNC, what + String.format(Locale.ROOT, " becomeFollower"
              + " truncates the log to the replica's own high-water mark (%d)%s.", m.hw,
              leo == 0 ? ", not to 0: the records below it are committed and the new leader"
                  + " holds them" : leo > m.hw ? ": the records above it may be missing from, or"
                  + " different on, the new leader" : ""));
          case BECOME_LEADER -> fail(TRUNC, what + " A new leader keeps its whole log: it may hold"
              + " committed records that consumers read from the old leader.");
          case RESPONSE -> fail(FOLLOW, what + " A follower appends a response's records when the"
              + " response starts at its log end, and ignores it otherwise.");
          default -> fail(OWN, what + " append stores one record at the log end.");
        };
      }
      if (m.leader) {
        Set<String> isr = call(r, "isr()", Kind.READ, r.sut::isr);
        Set<String> expected = m.isr();
        if (isr == null || !new TreeSet<>(isr).equals(expected)) {
          String what = String.format(Locale.ROOT, "%s.isr() = %s; expected %s.", r.id,
              isr == null ? "null" : new TreeSet<>(isr), expected);
          if (isr == null || !isr.contains(r.id)) {
            throw fail(MIN, what + " The leader is always in its own ISR.");
          }
          Set<String> diff = new TreeSet<>(isr);
          diff.addAll(expected);
          Set<String> both = new TreeSet<>(isr);
          both.retainAll(expected);
          diff.removeAll(both);
          String f = diff.iterator().next();
          if (kind == Kind.BECOME_LEADER && involved && !expected.contains(f)) {
            throw fail(LAG, what + " The new ISR is this replica plus the ids becomeLeader is"
                + " handed, nothing else.");
          }
          if (m.ends.containsKey(f) && !m.fetched.contains(f) && isr.contains(f)
              && !expected.contains(f)) {
            throw fail(MIN, what + String.format(Locale.ROOT, " %s has not fetched from %s since"
                + " %s took over at t = %,d, so it counts as log end 0, whatever %s knew of it in"
                + " an earlier term. %s.", f, r.id, r.id, m.since, r.id, m.why(f, now)));
          }
          throw fail(LAG, what + " " + m.why(f, now) + ".");
        }
      }
      long hw = call(r, "highWaterMark()", Kind.READ, r.sut::highWaterMark);
      if (hw != m.hw) {
        throw wrongMark(r, kind, involved, hw);
      }
    }

    private Because wrongMark(Rep r, Kind kind, boolean involved, long hw) {
      Model m = r.model;
      String what = String.format(Locale.ROOT, "%s.highWaterMark() = %d; expected %d.", r.id, hw,
          m.hw);
      if (!involved) {
        return fail(OWN, what + " This step did not concern " + r.id + ": do replicas share"
            + " state (static fields)?");
      }
      if (!m.leader) {
        if (kind == Kind.BECOME_FOLLOWER) {
          return fail(TRUNC, what + " becomeFollower keeps the replica's high-water mark: it"
              + " truncates the log to it.");
        }
        if (kind == Kind.RESPONSE) {
          String why = hw > m.log.size() ? String.format(Locale.ROOT, " That is above its log end"
              + " %d: a follower's mark is min(response HW, its log end), capped when the"
              + " response was short.", m.log.size())
              : hw == m.hwBefore ? " A follower's mark becomes exactly min(response HW, its log"
                  + " end), even when that is lower than before (a new leader may know an older"
                  + " mark), and a response that does not start at its log end changes nothing."
              : " A follower's mark becomes min(response HW, its log end) when it applies a"
                  + " response, and does not change when it ignores one.";
          return fail(FOLLOW, what + why);
        }
        return fail(FOLLOW, what);
      }
      // A leader.
      String rule = String.format(Locale.ROOT, " HW = max(the HW before the call, %d; the smallest"
          + " log end in the ISR %s, %d) = %d.", m.hwBefore, m.isr(), m.minOverIsr(), m.hw);
      String detail = String.format(Locale.ROOT, " Log ends: %s %d (the leader), followers %s.",
          r.id, m.log.size(), m.ends());
      if (kind == Kind.BECOME_LEADER) {
        if (hw < m.hwBefore) {
          return fail(BACK, what + String.format(Locale.ROOT, " A new leader keeps the high-water"
              + " mark it had as a follower (%d): the mark never goes down.", m.hwBefore));
        }
        return fail(BACK, what + String.format(Locale.ROOT, " A new leader keeps the high-water"
            + " mark it had as a follower (%d), and its followers count as log end 0 until they"
            + " fetch from it, whatever it knew of them in an earlier term: its own log end (%d)"
            + " may hold records that are on no other replica.",
            m.hwBefore, m.log.size()) + detail);
      }
      if (hw < m.hwBefore) {
        return fail(BACK, what + String.format(Locale.ROOT, " It went down from %d: on a leader"
            + " the mark never goes down, even when the smallest log end in the ISR (%d) is"
            + " below it.", m.hwBefore, m.minOverIsr()) + detail);
      }
      if (m.inSync.isEmpty() && hw < m.log.size()) {
        return fail(MIN, what + " The ISR is the leader alone, and the leader counts: HW = its"
            + " own log end.");
      }
      Long previous = m.hwWithPreviousFetch();
      if (kind == Kind.FETCH && previous != null && hw == previous && previous != m.hw) {
        return fail(MIN, what + String.format(Locale.ROOT, " That is the mark with %s's previous"
            + " log end (%d): record the fetch offset (%d) as its log end first, then recompute.",
            m.fetcher, m.fetcherEndBefore == null ? 0 : m.fetcherEndBefore, m.ends.get(m.fetcher))
            + rule + detail);
      }
      if (!m.left.isEmpty() && hw == m.hwBefore) {
        return fail(MIN, what + String.format(Locale.ROOT, " %s left the ISR in this call, yet"
            + " the mark did not move: only in-sync replicas hold it back, and it is recomputed"
            + " after the lag rule in every call that takes a now (tick too).",
            String.join(" and ", m.left)) + rule + detail);
      }
      if (hw == m.maxOverIsr()) {
        return fail(MIN, what + " That is the largest log end in the ISR: the mark is the"
            + " smallest, the offset below which every in-sync replica holds everything." + rule
            + detail);
      }
      if (hw == Math.max(m.hwBefore, m.minOverAllFollowers())) {
        return fail(MIN, what + " That counts followers outside the ISR: only in-sync replicas"
            + " hold the mark back." + rule + detail);
      }
      return fail(MIN, what + rule + detail);
    }

    /** Compares a fetch response of the learner's leader with the model's. */
    private void compare(Rep r, String call, IsrPartition.FetchResponse got, Resp expected) {
      if (got == null) {
        throw fail(MIN, r.id + "." + call + " returned null; expected " + show(expected) + ".");
      }
      if (got.fetchOffset() != expected.fetchOffset() || got.highWaterMark() != expected.hw()) {
        throw fail(MIN, String.format(Locale.ROOT, "%s.%s returned %s; expected %s: the fetch"
            + " offset, and the high-water mark after this fetch.", r.id, call, show(got),
            show(expected)));
      }
      List<byte[]> records = got.records();
      if (records.size() != expected.records().size()) {
        throw fail(MIN, String.format(Locale.ROOT, "%s.%s returned %d records; expected %d, the"
            + " records from the fetch offset %d to the log end %d.", r.id, call, records.size(),
            expected.records().size(), expected.fetchOffset(), expected.end()));
      }
      for (int i = 0; i < records.size(); i++) {
        if (!Arrays.equals(records.get(i), expected.records().get(i))) {
          byte[] bad = records.get(i);
          throw fail(isJunk(bad) ? OWN : r.truncations > 0 ? TRUNC : OWN, String.format(
              Locale.ROOT, "%s.%s returned %s at offset %d; the record there is %s.%s", r.id,
              call, show(bad), expected.fetchOffset() + i, show(expected.records().get(i)),
              isJunk(bad) ? " That is what the suite wrote over the producer's array after"
                  + " append returned: keep a copy of each record." : ""));
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** Record number n: "m<n>" with some filler, and every 23rd one empty. */
  private static byte[] record(int n) {
    if (n % 23 == 7) {
      return new byte[0];
    }
    return ("m" + n + "-".repeat(n % 5)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A response from {@code offset} carrying records number {@code from} to {@code to - 1}. */
  private static IsrPartition.FetchResponse response(long offset, int from, int to, long hw) {
    List<byte[]> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(("f" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return new IsrPartition.FetchResponse(offset, records, hw);
  }

  private static boolean isJunk(byte[] b) {
    if (b == null || b.length == 0) {
      return false;
    }
    for (byte x : b) {
      if (x != JUNK) {
        return false;
      }
    }
    return true;
  }

  private static String show(byte[] b) {
    if (b == null) {
      return "null";
    }
    return b.length == 0 ? "[] (an empty record)"
        : "\"" + new String(b, java.nio.charset.StandardCharsets.UTF_8) + "\"";
  }

  private static String show(Resp r) {
    return showResponse(r.fetchOffset(), r.records().size(), r.hw());
  }

  private static String show(IsrPartition.FetchResponse r) {
    return r == null ? "null" : showResponse(r.fetchOffset(),
        (int) (r.endOffset() - r.fetchOffset()), r.highWaterMark());
  }

  private static String showResponse(long offset, int count, long hw) {
    String recs = count == 0 ? "no records" : count == 1 ? "record " + offset
        : "records " + offset + " to " + (offset + count - 1);
    return "FetchResponse(" + offset + ", " + recs + ", HW " + hw + ")";
  }


  private static boolean isTodo(Throwable e) {
    return e instanceof UnsupportedOperationException && e.getMessage() != null
        && e.getMessage().contains("TODO");
  }

  /** The stub's TODO passes through; any other UnsupportedOperationException is a failure. */
  private static AssertionError todoOr(UnsupportedOperationException e, String call) {
    if (isTodo(e)) {
      throw e;
    }
    return Because.of(OWN, call + " threw UnsupportedOperationException" + where(e) + ".", e);
  }

  /** Expects {@code body} to throw IllegalStateException: the call is for the other role. */
  private static void expectState(String who, String call, Supplier<?> body) {
    try {
      body.get();
    } catch (IllegalStateException expected) {
      return;
    } catch (UnsupportedOperationException e) {
      throw todoOr(e, call);
    } catch (RuntimeException e) {
      throw Because.of(ARGS, String.format(Locale.ROOT, "%s: %s threw %s%s; expected"
          + " IllegalStateException: %s", who, call, e.getClass().getSimpleName(), where(e),
          roleText(call)), e);
    }
    throw Because.of(ARGS, String.format(Locale.ROOT, "%s: %s returned; expected"
        + " IllegalStateException: %s", who, call, roleText(call)));
  }

  private static String roleText(String call) {
    return call.startsWith("onFetchResponse") ? "the leader fetches from no one."
        : "append, onFetch, tick and isr are for the leader only.";
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
  }

  /** " at IsrReplica.java:12 (in settle)" for the learner's frame nearest the throw. */
  private static String where(Throwable e) {
    for (StackTraceElement f : e.getStackTrace()) {
      if ("IsrReplica.java".equals(f.getFileName())) {
        return " at IsrReplica.java:" + f.getLineNumber() + " (in " + f.getMethodName() + ")";
      }
    }
    return "";
  }
}
