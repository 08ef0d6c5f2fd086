import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the split-brain exercise. The suite is the election oracle and the network: it
 * calls the learner's replicas directly and keeps its own model of every replica (epoch, leader,
 * log, acknowledgements, commits) from the rules of the brief; after every step the learner's
 * replicas are compared with that model, never with their own earlier answers. Tests run
 * simplest first, so a mistake fails first on the test whose hint fits it. The last test sweeps
 * seeded random schedules (partitions, heals, elections, writes, lost, duplicated and late
 * messages) and checks the properties on top of the step-by-step comparison.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class SplitBrainSuite {
  private static final String API = "api-rules";
  private static final String MAJ = "current-epoch-majority";
  private static final String OLDER = "reject-older";
  private static final String DOWN = "step-down";
  private static final String HEAL = "heal";

  /** The model of one replica, kept by the suite. */
  private static final class Model {
    long epoch;
    boolean leader;
    final List<String> log = new ArrayList<>();
    final Map<Integer, Set<Integer>> acks = new HashMap<>();
    final Set<Integer> committed = new HashSet<>();
    final Map<Integer, Long> writtenIn = new HashMap<>();
  }

  /** A cluster of learner replicas beside their models; every step is recorded for messages. */
  private static final class Cluster {
    final int n;
    final EpochReplica[] r;
    final Model[] m;
    final List<String> steps = new ArrayList<>();
    /** How many of the latest steps a message tells (long random runs); all by default. */
    int tail = Integer.MAX_VALUE;

    Cluster(int n) {
      this.n = n;
      r = new EpochReplica[n];
      m = new Model[n];
      for (int i = 0; i < n; i++) {
        int id = i;
        r[i] = call(API, "new EpochReplica(" + i + ", " + n + ")", () -> new EpochReplica(id, n));
        m[i] = new Model();
      }
    }

    String story() {
      if (steps.size() > tail) {
        return "In a cluster of " + n + " replicas, after " + (steps.size() - tail)
            + " earlier steps and then: " + String.join("; ",
            steps.subList(steps.size() - tail, steps.size())) + ": ";
      }
      return "In a cluster of " + n + " replicas, after: " + String.join("; ", steps) + ": ";
    }

    void elect(int i, long e) {
      steps.add("becomeLeader(" + e + ") on replica " + i);
      call(API, "becomeLeader(" + e + ")", () -> {
        r[i].becomeLeader(e);
        return null;
      });
      m[i].epoch = e;
      m[i].leader = true;
      check(i, MAJ);
    }

    int write(int i, String v) {
      steps.add("write(\"" + v + "\") on replica " + i);
      int idx = call(API, "write(\"" + v + "\")", () -> r[i].write(v));
      Model x = m[i];
      x.log.add(v);
      int want = x.log.size();
      if (idx != want) {
        throw Because.of(API, story() + "write returned index " + idx + "; expected " + want
            + ", the 1-based index of the new entry in the leader's log.");
      }
      Set<Integer> s = new HashSet<>();
      s.add(i);
      x.acks.put(idx, s);
      x.writtenIn.put(idx, x.epoch);
      if (2 * s.size() > n) {
        x.committed.add(idx);
      }
      check(i, MAJ);
      return idx;
    }

    void writeRefused(int i, String v) {
      steps.add("write(\"" + v + "\") on replica " + i + " (not a leader)");
      try {
        int idx = r[i].write(v);
        throw Because.of(DOWN, story() + "write returned " + idx + "; expected"
            + " IllegalStateException: replica " + i + " is not a leader (epoch " + m[i].epoch
            + "), and a replica that stepped down must stop answering client writes.");
      } catch (IllegalStateException expected) {
        // right
      } catch (RuntimeException e) {
        throw Because.of(DOWN, story() + "write threw " + e + "; expected IllegalStateException.",
            e);
      }
      check(i, DOWN);
    }

    /** Delivers the append of entry idx of leader `from` (with the epoch it sends) to `to`. */
    EpochReply send(int from, int to, int idx, long e, String v) {
      steps.add("onAppend(" + e + ", " + idx + ", \"" + v + "\") from replica " + from
          + " to replica " + to);
      EpochReply reply = call(API, "onAppend(" + e + ", " + idx + ", \"" + v + "\")",
          () -> r[to].onAppend(e, idx, v));
      Model x = m[to];
      long before = x.epoch;
      boolean ok = e >= before;
      if (ok) {
        if (e > before) {
          x.epoch = e;
          x.leader = false;
        }
        while (x.log.size() >= idx) {
          x.log.remove(x.log.size() - 1);
        }
        x.log.add(v);
      }
      if (reply == null) {
        throw Because.of(API, story() + "onAppend returned null; expected a reply.");
      }
      if (reply.ok() != ok) {
        throw Because.of(OLDER, story() + "replica " + to + " (epoch " + before + ") replied ok="
            + reply.ok() + "; expected ok=" + ok + ": an append is rejected exactly when its epoch"
            + " is lower than the replica's (" + e + (ok ? " >= " : " < ") + before
            + ", compared as numbers).");
      }
      long got = call(API, "epoch()", () -> r[to].epoch());
      if (got < before) {
        throw Because.of(OLDER, story() + "replica " + to + "'s epoch() = " + got + "; it was "
            + before + ": the epoch never goes down, a late message of an older epoch is not"
            + " adopted.");
      }
      if (reply.epoch() != x.epoch) {
        throw Because.of(ok ? OLDER : DOWN, story() + "the reply carries epoch " + reply.epoch()
            + "; expected " + x.epoch + ", the replica's epoch after the append"
            + (ok ? "." : ": a rejection must tell the stale leader the newer epoch, or it never"
            + " steps down."));
      }
      check(to, ok && e > before ? DOWN : OLDER);
      return reply;
    }

    void reply(int leader, int from, int idx, EpochReply reply) {
      steps.add("onAppendReply(" + from + ", " + idx + ", " + reply + ") to replica " + leader);
      call(API, "onAppendReply", () -> {
        r[leader].onAppendReply(from, idx, reply);
        return null;
      });
      Model x = m[leader];
      if (reply.epoch() > x.epoch) {
        x.epoch = reply.epoch();
        x.leader = false;
        check(leader, DOWN);
        return;
      }
      if (x.leader && reply.ok() && reply.epoch() == x.epoch
          && Long.valueOf(x.epoch).equals(x.writtenIn.get(idx))) {
        Set<Integer> s = x.acks.get(idx);
        s.add(from);
        if (2 * s.size() > n) {
          x.committed.add(idx);
        }
      }
      check(leader, MAJ);
    }

    /** Sends leader's entry idx to `to` and delivers the reply at once. */
    void replicate(int leader, int to, int idx) {
      EpochReply rep = send(leader, to, idx, m[leader].epoch, m[leader].log.get(idx - 1));
      reply(leader, to, idx, rep);
    }

    /** Brings `to` up to date with `leader` from the first index where their logs differ. */
    void catchUp(int leader, int to) {
      List<String> a = m[leader].log;
      List<String> b = m[to].log;
      int first = 0;
      while (first < a.size() && first < b.size() && a.get(first).equals(b.get(first))) {
        first++;
      }
      if (first == a.size() && b.size() > a.size()) {
        first = a.size() - 1; // resend the last entry to cut the longer tail
      }
      for (int k = first; k < a.size(); k++) {
        replicate(leader, to, k + 1);
      }
    }

    void check(int i, String hint) {
      Model x = m[i];
      long e = call(API, "epoch()", () -> r[i].epoch());
      if (e != x.epoch) {
        throw Because.of(hint, story() + "replica " + i + "'s epoch() = " + e + "; expected "
            + x.epoch + ".");
      }
      boolean l = call(API, "isLeader()", () -> r[i].isLeader());
      if (l != x.leader) {
        throw Because.of(hint, story() + "replica " + i + "'s isLeader() = " + l + "; expected "
            + x.leader + (x.leader ? "." : ": a replica that sees a newer epoch steps down at"
            + " once."));
      }
      List<String> log = call(API, "log()", () -> r[i].log());
      if (!x.log.equals(log)) {
        throw Because.of(HEAL, story() + "replica " + i + "'s log() = " + log + "; expected "
            + x.log + ": an accepted append puts its entry at its index and discards the"
            + " entries after it.");
      }
      for (int k = 1; k <= x.log.size() + 1; k++) {
        int idx = k;
        boolean c = call(API, "isCommitted(" + k + ")", () -> r[i].isCommitted(idx));
        boolean want = x.committed.contains(k);
        if (c != want) {
          throw Because.of(MAJ, story() + "replica " + i + "'s isCommitted(" + k + ") = " + c
              + "; expected " + want + ": an entry commits when more than half of the " + n
              + " replicas (the leader included) acknowledged it with a reply of the leader's"
              + " current epoch, each replica once. Acknowledgements of entry " + k + ": "
              + x.acks.getOrDefault(k, Set.of()) + ".");
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(1)
  @DisplayName("arguments are checked, becomeLeader needs a higher epoch, log() is a copy")
  @Hint(API)
  void apiRules() {
    for (int[] bad : new int[][] {{0, 0}, {-1, 3}, {3, 3}, {0, -1}}) {
      expectThrows(IllegalArgumentException.class, "new EpochReplica(" + bad[0] + ", " + bad[1]
          + ")", () -> new EpochReplica(bad[0], bad[1]));
    }
    Cluster c = new Cluster(3);
    c.check(0, API);
    c.elect(0, 5);
    for (long e : new long[] {5, 4, 0, -1}) {
      expectThrows(IllegalArgumentException.class, "after becomeLeader(5), becomeLeader(" + e + ")",
          () -> {
            c.r[0].becomeLeader(e);
            return null;
          });
      c.check(0, API);
    }
    expectThrows(IllegalArgumentException.class, "onAppend(1, 0, \"x\") on an empty log",
        () -> c.r[1].onAppend(1, 0, "x"));
    expectThrows(IllegalArgumentException.class, "onAppend(1, 2, \"x\") on an empty log",
        () -> c.r[1].onAppend(1, 2, "x"));
    c.check(1, API);
    c.write(0, "a");
    List<String> copy = c.r[0].log();
    try {
      copy.add("changed");
      copy.set(0, "changed");
    } catch (UnsupportedOperationException fine) {
      // an unmodifiable copy is fine too
    }
    List<String> again = c.r[0].log();
    if (!again.equals(List.of("a"))) {
      throw Because.of(API, "After write(\"a\") and changing the list log() returned, log() = "
          + again + "; expected [a]: log() returns a copy.");
    }
    Cluster one = new Cluster(1);
    one.elect(0, 1);
    one.write(0, "alone"); // a cluster of one commits at once
  }

  @Test
  @Order(2)
  @DisplayName("a write commits exactly when a majority of the current epoch acknowledged it")
  @Hint(MAJ)
  void majorityCommit() {
    for (int n = 2; n <= 5; n++) {
      Cluster c = new Cluster(n);
      c.elect(0, 1);
      for (String v : List.of("x", "y", "z")) {
        int idx = c.write(0, v);
        for (int f = 1; f < n; f++) {
          EpochReply rep = c.send(0, f, idx, 1, v);
          c.reply(0, f, idx, rep);
          c.reply(0, f, idx, rep); // a duplicated reply is not a second vote
        }
      }
      for (int f = 1; f < n; f++) {
        c.writeRefused(f, "to a follower");
      }
    }
  }

  @Test
  @Order(3)
  @DisplayName("appends of an older epoch are rejected with the replica's epoch; nothing changes")
  @Hint(OLDER)
  void olderRejected() {
    long[][] pairs = {{1, 2}, {9, 10}, {99, 100}, {(1L << 31) - 1, 1L << 31}, {3, 1L << 33}};
    for (long[] p : pairs) {
      Cluster c = new Cluster(3);
      c.elect(0, p[0]);
      int i1 = c.write(0, "old1");
      c.replicate(0, 1, i1);
      c.replicate(0, 2, i1);
      c.elect(1, p[1]);
      int i2 = c.write(1, "new2");
      c.replicate(1, 2, i2);
      // the stale leader 0 (epoch p[0]) still sends; replica 2 must refuse.
      c.send(0, 2, 2, p[0], "stale");
      c.send(0, 2, 1, p[0], "stale");
      c.send(0, 1, 2, p[0], "stale");
    }
  }

  @Test
  @Order(4)
  @DisplayName("a leader steps down on the first message of a newer epoch and refuses writes")
  @Hint(DOWN)
  void stepDown() {
    for (int how = 0; how < 2; how++) {
      Cluster c = new Cluster(3);
      c.elect(0, 1);
      int w = c.write(0, "w1");
      c.replicate(0, 1, w);
      c.replicate(0, 2, w);
      // partition {0} | {1, 2}: the oracle appoints 1 in epoch 2.
      c.elect(1, 2);
      int w2 = c.write(1, "w2");
      c.replicate(1, 2, w2);
      int s = c.write(0, "stale"); // the old leader does not know yet: accepted, not committed
      // heal
      if (how == 0) {
        EpochReply rej = c.send(0, 2, s, 1, "stale");
        c.reply(0, 2, s, rej); // the rejection carries epoch 2: step down
      } else {
        c.replicate(1, 0, w2); // the new leader's append reaches the old one
      }
      c.writeRefused(0, "after the heal");
      c.catchUp(1, 0);
    }
  }

  @Test
  @Order(5)
  @DisplayName("a late acknowledgement from an older epoch is not counted")
  @Hint(MAJ)
  void lateAckNotCounted() {
    Cluster c = new Cluster(3);
    c.elect(0, 1);
    int p1 = c.write(0, "p1");
    int p2 = c.write(0, "p2");
    c.send(0, 1, p1, 1, "p1"); // replies lost
    EpochReply late = c.send(0, 1, p2, 1, "p2"); // reply held in the network
    c.elect(2, 2);
    int c1 = c.write(2, "c1");
    c.replicate(2, 0, c1); // replica 0 steps down, its log becomes [c1]; c1 commits
    c.elect(0, 3);
    int a2 = c.write(0, "a2");
    c.reply(0, 1, a2, late); // (true, epoch 1) about index 2 of an older reign: ignored
    c.replicate(0, 2, a2);
    c.catchUp(0, 1);
  }

  @Test
  @Order(6)
  @DisplayName("partition and heal: the stale leader's writes never commit, committed ones stay")
  @Hint(HEAL)
  void partitionAndHeal() {
    for (int newWrites = 1; newWrites <= 4; newWrites++) {
      Cluster c = new Cluster(5);
      c.elect(0, 1);
      for (String v : List.of("w1", "w2")) {
        int i = c.write(0, v);
        for (int f = 1; f < 5; f++) {
          c.replicate(0, f, i);
        }
      }
      // partition {0, 1} | {2, 3, 4}
      for (String v : List.of("s1", "s2", "s3")) {
        int i = c.write(0, v);
        c.replicate(0, 1, i); // 2 of 5: never commits
      }
      c.elect(2, 2);
      for (int k = 1; k <= newWrites; k++) {
        int i = c.write(2, "c" + k);
        c.replicate(2, 3, i);
        c.replicate(2, 4, i);
      }
      // the stale leader keeps taking client writes in the minority
      int s4 = c.write(0, "s4");
      c.replicate(0, 1, s4);
      // heal: the new leader's next write, then catch-up of everyone
      int last = c.write(2, "after-heal");
      for (int f : new int[] {3, 4, 0, 1}) {
        c.catchUp(2, f);
      }
      c.writeRefused(0, "old leader after heal");
      c.writeRefused(1, "follower after heal");
      for (int f = 0; f < 5; f++) {
        List<String> got = c.r[f].log();
        if (!got.equals(c.m[2].log)) {
          throw Because.of(HEAL, c.story() + "replica " + f + "'s log() = " + got
              + "; expected the new leader's log " + c.m[2].log + ".");
        }
      }
      if (!c.m[2].committed.contains(last)) {
        throw new AssertionError("suite model: the write after the heal did not commit");
      }
    }
  }

  @Test
  @Order(7)
  @DisplayName("a vote for an index counts only for the entry written there in this reign")
  @Hint(MAJ)
  void ownEntryTruncatedThenRewritten() {
    // Replica 0 leads epoch 1 and writes s1, s2; replica 1 acknowledges both (2 of 5: no
    // commit). Cut off, it loses its reign to replica 2 (epoch 2), whose append truncates 0's
    // own entries at index 1. Re-elected in epoch 3 (it never committed), 0 writes at index 2
    // again: only the votes of this reign count, its own included, not those for s2.
    Cluster c = new Cluster(5);
    c.elect(0, 1);
    for (String v : List.of("s1", "s2")) {
      int i = c.write(0, v);
      c.replicate(0, 1, i);
    }
    c.elect(2, 2);
    int b = c.write(2, "b1");
    c.replicate(2, 3, b);
    c.replicate(2, 4, b);
    c.replicate(2, 0, b); // 0 steps down; its log becomes [b1]
    c.elect(0, 3);
    int again = c.write(0, "n2"); // index 2, where s2 was: acknowledged by 0 alone
    c.replicate(0, 3, again); // 2 of 5
    c.replicate(0, 1, 1); // replica 1 takes b1 at index 1 in epoch 3: not written this reign
    c.replicate(0, 1, again); // 3 of 5: commits now, not before
    if (!c.m[0].committed.contains(again)) {
      throw new AssertionError("suite model: n2 did not commit");
    }
  }

  @Test
  @Order(8)
  @DisplayName("random partitions, heals, elections and writes keep one leader per epoch and "
      + "every committed write")
  @Hint(HEAL)
  void randomPartitionSchedules() {
    for (long seed : Seeds.sweep(SWEEP_SEEDS)) {
      RandomRun run = new RandomRun(seed);
      try {
        run.play();
      } catch (Because b) {
        throw Seeds.failure(seed, "Random schedule of seed " + seed + " (" + run.c.n
            + " replicas, " + run.c.steps.size() + " steps): " + b.getMessage(), b,
            Because.hintOf(b));
      }
    }
  }

  static final int SWEEP_SEEDS = 100;

  /**
   * One random schedule, drawn from its seed. The oracle elects a leader only on the side of a
   * partition that holds a majority, only a replica whose log holds every committed entry and
   * that never committed in an earlier reign (as the brief promises), with an epoch above every
   * epoch so far; the new leader's first entry (a no-op, as Raft's leaders write) goes to its whole
   * side at once, so a majority knows the new epoch before anything else happens. Writes go to
   * any replica the model calls leader, stale ones included. Catch-ups lose and duplicate
   * replies; appends and replies of an older epoch arrive late.
   */
  private static final class RandomRun {
    record Append(int from, int to, int idx, long epoch, String value) {}

    record Reply(int leader, int from, int idx, EpochReply reply) {}

    final SplittableRandom rng;
    final Cluster c;
    final int n;
    final int[] side;
    final Set<Integer> committedBefore = new HashSet<>();
    /** Committed entries, index to value, as the model's leaders committed them. */
    final Map<Integer, String> committed = new TreeMap<>();
    /** For each epoch, the replica that accepted client writes in it. */
    final Map<Long, Integer> writerOf = new HashMap<>();
    final List<Append> appends = new ArrayList<>();
    final List<Reply> replies = new ArrayList<>();
    int latest = -1;
    long maxEpoch;
    int writes;

    RandomRun(long seed) {
      rng = new SplittableRandom(seed * 0x9e3779b97f4a7c15L + 17);
      n = 3 + rng.nextInt(3); // 4 too: a majority of an even cluster is more than half
      c = new Cluster(n);
      c.tail = 25;
      side = new int[n];
    }

    void play() {
      elect();
      int steps = n * 10;
      for (int k = 0; k < steps; k++) {
        int roll = rng.nextInt(100);
        if (roll < 10) {
          partition();
        } else if (roll < 18) {
          elect();
        } else if (roll < 45) {
          write();
        } else if (roll < 75) {
          replicate(false);
        } else if (roll < 85) {
          lateAppend();
        } else if (roll < 95) {
          lateReply();
        } else {
          refused();
        }
      }
      finish();
    }

    void partition() {
      if (rng.nextInt(3) == 0) {
        java.util.Arrays.fill(side, 0);
        c.steps.add("heal");
        return;
      }
      List<Integer> cut = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        side[i] = rng.nextInt(2);
        if (side[i] == 1) {
          cut.add(i);
        }
      }
      if (cut.isEmpty() || cut.size() == n) {
        java.util.Arrays.fill(side, 0);
        c.steps.add("heal");
        return;
      }
      c.steps.add("partition " + cut + " from the rest");
    }

    void elect() {
      List<Integer> majority = new ArrayList<>();
      for (int s = 0; s < 2 && majority.isEmpty(); s++) {
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (side[i] == s) {
            members.add(i);
          }
        }
        if (2 * members.size() > n) {
          majority = members;
        }
      }
      // A leader cut off from this side may still commit an entry that enough replicas
      // acknowledged before the election (their votes stand) if the rest of its side adds theirs:
      // the new leader must hold such entries too, as Raft's vote rule makes sure.
      Map<Integer, String> need = new TreeMap<>(committed);
      for (int i = 0; i < n; i++) {
        Model x = c.m[i];
        if (!x.leader || majority.contains(i) || majority.isEmpty()) {
          continue;
        }
        for (Map.Entry<Integer, Set<Integer>> a : x.acks.entrySet()) {
          int idx = a.getKey();
          if (idx > x.log.size() || !Long.valueOf(x.epoch).equals(x.writtenIn.get(idx))) {
            continue;
          }
          Set<Integer> could = new HashSet<>(a.getValue());
          for (int o = 0; o < n; o++) {
            if (!majority.contains(o)) {
              could.add(o);
            }
          }
          String v = x.log.get(idx - 1);
          if (2 * could.size() > n) {
            String before = need.putIfAbsent(idx, v);
            if (before != null && !before.equals(v)) {
              return; // two entries at one index could both commit: no safe candidate
            }
          }
        }
      }
      List<Integer> candidates = new ArrayList<>();
      for (int i : majority) {
        if (!committedBefore.contains(i) && holds(c.m[i].log, need)) {
          candidates.add(i);
        }
      }
      if (candidates.isEmpty()) {
        return;
      }
      int leader = candidates.get(rng.nextInt(candidates.size()));
      long e = maxEpoch + 1 + rng.nextInt(3);
      maxEpoch = e;
      c.elect(leader, e);
      latest = leader;
      write(leader, "noop" + e);
      for (int f : majority) {
        if (f != leader) {
          catchUp(leader, f, true);
        }
      }
    }

    static boolean holds(List<String> log, Map<Integer, String> entries) {
      for (Map.Entry<Integer, String> e : entries.entrySet()) {
        if (e.getKey() > log.size() || !log.get(e.getKey() - 1).equals(e.getValue())) {
          return false;
        }
      }
      return true;
    }

    List<Integer> leaders() {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (c.m[i].leader) {
          out.add(i);
        }
      }
      return out;
    }

    void write() {
      List<Integer> leaders = leaders();
      if (!leaders.isEmpty()) {
        write(leaders.get(rng.nextInt(leaders.size())), "w" + ++writes);
      }
    }

    void write(int leader, String v) {
      c.write(leader, v);
      long e = c.m[leader].epoch;
      Integer other = writerOf.putIfAbsent(e, leader);
      if (other != null && other != leader) {
        throw Because.of(DOWN, c.story() + "replicas " + other + " and " + leader + " both"
            + " accepted client writes in epoch " + e + ": at most one leader per epoch.");
      }
      noteCommits(leader);
    }

    void refused() {
      List<Integer> others = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (!c.m[i].leader) {
          others.add(i);
        }
      }
      if (!others.isEmpty()) {
        c.writeRefused(others.get(rng.nextInt(others.size())), "w" + ++writes);
      }
    }

    void replicate(boolean reliable) {
      List<Integer> leaders = leaders();
      if (leaders.isEmpty()) {
        return;
      }
      int leader = leaders.get(rng.nextInt(leaders.size()));
      List<Integer> peers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (i != leader && side[i] == side[leader]) {
          peers.add(i);
        }
      }
      if (!peers.isEmpty()) {
        catchUp(leader, peers.get(rng.nextInt(peers.size())), reliable);
      }
    }

    /** The leader's entries from the first index where {@code to}'s log differs, in order. */
    void catchUp(int leader, int to, boolean reliable) {
      List<String> a = c.m[leader].log;
      List<String> b = c.m[to].log;
      int first = 0;
      while (first < a.size() && first < b.size() && a.get(first).equals(b.get(first))) {
        first++;
      }
      if (first == a.size() && b.size() > a.size()) {
        first = a.size() - 1;
      }
      for (int k = first; k < c.m[leader].log.size() && c.m[leader].leader; k++) {
        int idx = k + 1;
        long e = c.m[leader].epoch;
        String v = c.m[leader].log.get(k);
        appends.add(new Append(leader, to, idx, e, v));
        EpochReply reply = c.send(leader, to, idx, e, v);
        replies.add(new Reply(leader, to, idx, reply));
        if (reliable || rng.nextInt(5) > 0) {
          c.reply(leader, to, idx, reply);
          if (!reliable && rng.nextInt(10) == 0) {
            c.reply(leader, to, idx, reply); // duplicated
          }
          noteCommits(leader);
        }
        if (!reply.ok()) {
          return;
        }
      }
    }

    /** An append of an older epoch than its receiver's arrives late: it must be rejected. */
    void lateAppend() {
      if (appends.isEmpty()) {
        return;
      }
      Append a = appends.get(rng.nextInt(appends.size()));
      Model to = c.m[a.to()];
      if (side[a.from()] != side[a.to()] || to.epoch <= a.epoch()
          || a.idx() > to.log.size() + 1) {
        return;
      }
      EpochReply reply = c.send(a.from(), a.to(), a.idx(), a.epoch(), a.value());
      if (rng.nextBoolean()) {
        c.reply(a.from(), a.to(), a.idx(), reply);
      }
    }

    /** A reply of another epoch than its leader's arrives late: it counts for nothing. */
    void lateReply() {
      if (replies.isEmpty()) {
        return;
      }
      Reply r = replies.get(rng.nextInt(replies.size()));
      if (side[r.from()] != side[r.leader()] || r.reply().epoch() == c.m[r.leader()].epoch) {
        return;
      }
      c.reply(r.leader(), r.from(), r.idx(), r.reply());
    }

    void noteCommits(int leader) {
      Model x = c.m[leader];
      for (int idx : x.committed) {
        if (idx <= x.log.size() && x.leader) {
          String v = x.log.get(idx - 1);
          String before = committed.putIfAbsent(idx, v);
          if (before != null && !before.equals(v)) {
            throw new AssertionError("suite model: index " + idx + " committed as " + before
                + " and as " + v);
          }
          committedBefore.add(leader);
        }
      }
    }

    /** Heal, catch everyone up from the latest leader, commit one more write, then check. */
    void finish() {
      java.util.Arrays.fill(side, 0);
      c.steps.add("heal");
      int leader = latest;
      for (int f = 0; f < n; f++) {
        if (f != leader) {
          catchUp(leader, f, true);
        }
      }
      write(leader, "final");
      for (int f = 0; f < n; f++) {
        if (f != leader) {
          catchUp(leader, f, true);
        }
      }
      for (int f = 0; f < n; f++) {
        int id = f;
        List<String> log = call(HEAL, "log()", () -> c.r[id].log());
        for (Map.Entry<Integer, String> e : committed.entrySet()) {
          int i = e.getKey();
          if (i > log.size() || !log.get(i - 1).equals(e.getValue())) {
            throw Because.of(HEAL, c.story() + "replica " + f + "'s log() = " + log
                + " after the heal and catch-up; entry " + i + " = \"" + e.getValue()
                + "\" was committed and is lost.");
          }
        }
        if (f != leader) {
          c.writeRefused(f, "after the heal");
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static <T> void expectThrows(Class<? extends RuntimeException> type, String what,
      Supplier<T> body) {
    Object got;
    try {
      got = body.get();
    } catch (RuntimeException e) {
      if (type.isInstance(e)) {
        return;
      }
      throw Because.of(API, what + " threw " + e + where(e) + "; expected "
          + type.getSimpleName() + ".", e);
    }
    throw Because.of(API, what + (got == null ? " returned normally" : " returned " + got)
        + "; expected " + type.getSimpleName() + ".");
  }

  private static <T> T call(String hint, String what, Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw Because.of(hint, what + " threw " + e + where(e) + "; expected it to return.", e);
    }
  }

  private static <T> T call(String what, Supplier<T> body) {
    return call(API, what, body);
  }

  private static String where(Throwable e) {
    for (StackTraceElement el : e.getStackTrace()) {
      if (el.getClassName().equals("EpochReplica")) {
        return " (at " + el.getFileName() + ":" + el.getLineNumber() + ")";
      }
    }
    return "";
  }
}
