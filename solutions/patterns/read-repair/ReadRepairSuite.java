import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the read-repair exercise. The learner's coordinator reads from the suite's own
 * model replicas, which record every get and write (with the thread that made it) and apply writes
 * as the brief says a replica does: the newer version wins, by timestamp, then by value. For every
 * read the suite computes from its model which replicas must be asked (in order, skipping those
 * that are down, until r answered), which version is newest among their answers, and which of them
 * must be written (those that answered anything else); every expected value in a message comes
 * from that model, never from an earlier answer of the learner's code.
 *
 * <p>Nothing here is statistical: each random state has exactly one right outcome, so there is no
 * threshold to calibrate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class ReadRepairSuite {
  // The rungs of the hint ladder (exercise.yaml).
  private static final String ARGS = "arguments";
  private static final String CONTACT = "contact-r";
  private static final String NEWEST = "newest-wins";
  private static final String REPAIR = "repair-stale";
  private static final String KEEP = "keep-timestamp";
  private static final String BLOCK = "blocking";

  // ---------------------------------------------------------------------------------------------
  // The model

  /** The brief's order: larger timestamp, then larger value; any version beats null. */
  static boolean newer(TimestampedValue a, TimestampedValue b) {
    if (a == null) {
      return false;
    }
    if (b == null) {
      return true;
    }
    if (a.timestamp() != b.timestamp()) {
      return a.timestamp() > b.timestamp();
    }
    return a.value().compareTo(b.value()) > 0;
  }

  static String show(TimestampedValue v) {
    return v == null ? "nothing" : "(\"" + v.value() + "\", " + v.timestamp() + ")";
  }

  record Write(String key, TimestampedValue version, Thread thread) {}

  /** A replica of the suite's: the brief's semantics, and a record of every call. */
  static final class Model implements StoreReplica {
    final String name;
    final Map<String, TimestampedValue> data = new HashMap<>();
    boolean down;
    /** How many times each key was asked for, and every write per key, in order. */
    final Map<String, Long> gets = new ConcurrentHashMap<>();
    final Map<String, List<Write>> writes = new ConcurrentHashMap<>();
    /** Run once, inside the next get, after the answer is read: a write that arrives meanwhile. */
    Runnable duringGet;

    Model(String name) {
      this.name = name;
    }

    @Override
    public TimestampedValue get(String key) {
      gets.merge(key, 1L, Long::sum);
      if (down) {
        throw new ReplicaDownException(name + " is down");
      }
      TimestampedValue answer = data.get(key);
      if (duringGet != null) {
        Runnable r = duringGet;
        duringGet = null;
        r.run();
      }
      return answer;
    }

    @Override
    public synchronized void write(String key, TimestampedValue version) {
      writes.computeIfAbsent(key, k -> new ArrayList<>())
          .add(new Write(key, version, Thread.currentThread()));
      apply(key, version);
    }

    synchronized void apply(String key, TimestampedValue version) {
      if (version != null && newer(version, data.get(key))) {
        data.put(key, version);
      }
    }

    synchronized TimestampedValue holds(String key) {
      return data.get(key);
    }

    long getsOf(String key) {
      return gets.getOrDefault(key, 0L);
    }

    synchronized List<Write> writesOf(String key) {
      return List.copyOf(writes.getOrDefault(key, List.of()));
    }
  }

  static List<Model> models(int n) {
    List<Model> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new Model("r" + i));
    }
    return list;
  }

  static String describe(List<Model> models, String key) {
    StringBuilder sb = new StringBuilder("[");
    for (Model m : models) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(m.name).append(m.down ? " down" : " " + show(m.holds(key)));
    }
    return sb.append("]").toString();
  }

  static ReadRepairCoordinator create(List<? extends StoreReplica> replicas, String what) {
    try {
      return new ReadRepairCoordinator(replicas);
    } catch (RuntimeException e) {
      passTodo(e);
      throw Because.of(ARGS, "new ReadRepairCoordinator(" + what + ") threw " + name(e)
          + "; a coordinator over at least one replica must be created.", e);
    }
  }

  /**
   * One read of {@code key} at level {@code r}, checked against the model: who was asked, what
   * was returned, what was written to whom, from which thread.
   */
  static TimestampedValue check(String run, ReadRepairCoordinator c, List<Model> models,
      String key, int r) {
    String state = describe(models, key);
    String call = run + ": replicas " + state + ", read(\"" + key + "\", " + r + ")";
    // The model's read.
    List<Model> asked = new ArrayList<>();
    List<Model> answered = new ArrayList<>();
    Map<Model, TimestampedValue> answers = new LinkedHashMap<>();
    for (Model m : models) {
      if (answered.size() == r) {
        break;
      }
      asked.add(m);
      if (!m.down) {
        answered.add(m);
        answers.put(m, m.holds(key));
      }
    }
    boolean tooFew = answered.size() < r;
    TimestampedValue newest = null;
    for (TimestampedValue a : answers.values()) {
      if (newer(a, newest)) {
        newest = a;
      }
    }
    List<Model> stale = new ArrayList<>();
    if (!tooFew && newest != null) {
      for (Model m : answered) {
        if (!newest.equals(answers.get(m))) {
          stale.add(m);
        }
      }
    }
    Map<Model, Long> getsBefore = new HashMap<>();
    Map<Model, Integer> writesBefore = new HashMap<>();
    for (Model m : models) {
      getsBefore.put(m, m.getsOf(key));
      writesBefore.put(m, m.writesOf(key).size());
    }

    Thread me = Thread.currentThread();
    TimestampedValue got = null;
    RuntimeException thrown = null;
    try {
      got = c.read(key, r);
    } catch (RuntimeException e) {
      passTodo(e);
      thrown = e;
    }

    // 1. Who was asked.
    List<String> askedNow = new ArrayList<>();
    for (Model m : models) {
      long n = m.getsOf(key) - getsBefore.get(m);
      for (long i = 0; i < n; i++) {
        askedNow.add(m.name);
      }
    }
    List<String> askedModel = asked.stream().map(m -> m.name).toList();
    if (thrown instanceof ReplicaDownException) {
      throw Because.of(CONTACT, call + " threw " + name(thrown) + "; a replica that is down"
          + " did not answer: skip it and ask the next one in the list.", thrown);
    }
    if (!askedNow.equals(askedModel)) {
      throw Because.of(CONTACT, call + " asked " + askedNow + "; expected " + askedModel
          + ": ask the replicas in list order, each at most once, skipping one that throws"
          + " ReplicaDownException, and stop as soon as " + r + " have answered.");
    }
    if (tooFew) {
      if (!(thrown instanceof TooFewReplicasException)) {
        throw Because.of(CONTACT, call + (thrown == null ? " returned " + show(got)
            : " threw " + name(thrown)) + "; only " + answered.size() + " of the " + r
            + " replicas it needs answered, so expected TooFewReplicasException.", thrown);
      }
      for (Model m : models) {
        if (m.writesOf(key).size() != writesBefore.get(m)) {
          throw Because.of(CONTACT, call + " wrote to " + m.name + " and then threw"
              + " TooFewReplicasException; a read below its level writes nothing.");
        }
      }
      return null;
    }
    if (thrown instanceof TooFewReplicasException) {
      throw Because.of(CONTACT, call + " threw " + name(thrown) + "; " + answered.size()
          + " replicas answered (" + answered.stream().map(m -> m.name).toList() + "), enough"
          + " for level " + r + ".", thrown);
    }
    if (thrown instanceof IllegalArgumentException) {
      throw Because.of(ARGS, call + " threw " + name(thrown) + "; level " + r + " of "
          + models.size() + " replicas is allowed.", thrown);
    }
    if (thrown != null) {
      throw new AssertionError(call + " threw " + name(thrown), thrown);
    }

    // 2. What was returned.
    if (!Objects.equals(got, newest)) {
      StringBuilder which = new StringBuilder();
      for (Map.Entry<Model, TimestampedValue> e : answers.entrySet()) {
        which.append(which.length() == 0 ? "" : ", ").append(e.getKey().name).append(" ")
            .append(show(e.getValue()));
      }
      throw Because.of(NEWEST, call + " returned " + show(got) + "; the answers were " + which
          + ", and the newest of them is " + show(newest) + " (larger timestamp, then larger"
          + " value; any version is newer than nothing).");
    }

    // 3. What was written, by whom, and when.
    boolean missing = false;
    for (Model m : stale) {
      missing |= m.writesOf(key).size() == writesBefore.get(m);
    }
    if (missing) {
      // Late writes (after read returned) are waited for briefly, to tell "never" from "late".
      for (int i = 0; i < 40 && lateWrites(models, key, writesBefore) == 0; i++) {
        sleep(5);
      }
    }
    for (Model m : models) {
      for (Write w : newWrites(m, key, writesBefore.get(m))) {
        if (w.thread() != me) {
          throw Because.of(BLOCK, call + " wrote " + show(w.version()) + " to " + m.name
              + " from another thread (" + w.thread().getName() + "); the repair is blocking:"
              + " make every write in the thread that called read, before read returns.");
        }
      }
    }
    for (Model m : models) {
      List<Write> ws = newWrites(m, key, writesBefore.get(m));
      String why = !asked.contains(m) ? "it was not asked"
          : m.down ? "it is down" : "it answered the newest version";
      if (!stale.contains(m) && !ws.isEmpty()) {
        throw Because.of(REPAIR, call + " wrote " + show(ws.get(0).version()) + " to " + m.name
            + ", but " + why + "; write only to replicas that answered something other than the"
            + " newest version.");
      }
      if (stale.contains(m)) {
        if (ws.isEmpty()) {
          throw Because.of(REPAIR, call + " returned " + show(newest) + " but never wrote it to "
              + m.name + ", which answered " + show(answers.get(m)) + "; before returning,"
              + " write the newest version to every asked replica that answered anything else"
              + " (an older version, a losing tie, or nothing).");
        }
        if (ws.size() > 1) {
          throw Because.of(REPAIR, call + " wrote to " + m.name + " " + ws.size() + " times; one"
              + " write of the newest version repairs it.");
        }
        TimestampedValue sent = ws.get(0).version();
        if (sent == null || sent.timestamp() != newest.timestamp()) {
          throw Because.of(KEEP, call + " repaired " + m.name + " with " + show(sent)
              + "; send the newest version as it was read, " + show(newest) + ", with its own"
              + " timestamp: a new one could beat a newer write the replica took meanwhile.");
        }
        if (!sent.equals(newest)) {
          throw Because.of(REPAIR, call + " repaired " + m.name + " with " + show(sent)
              + "; expected the newest version " + show(newest) + ".");
        }
      }
    }
    return got;
  }

  static List<Write> newWrites(Model m, String key, int from) {
    List<Write> all = m.writesOf(key);
    return all.subList(from, all.size());
  }

  static int lateWrites(List<Model> models, String key, Map<Model, Integer> before) {
    int n = 0;
    for (Model m : models) {
      n += m.writesOf(key).size() - before.get(m);
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Arguments

  @Test
  @Order(1)
  @DisplayName("the constructor rejects an empty list and keeps its own copy; read rejects a level"
      + " outside 1 to n")
  @Hint(ARGS)
  void arguments() {
    for (List<StoreReplica> empty : List.of(List.<StoreReplica>of(),
        new ArrayList<StoreReplica>())) {
      String what = empty instanceof ArrayList ? "new ArrayList<>()" : "List.of()";
      try {
        new ReadRepairCoordinator(empty);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (RuntimeException e) {
        passTodo(e);
        throw Because.of(ARGS, "new ReadRepairCoordinator(" + what + ") threw " + name(e)
            + "; expected IllegalArgumentException: a key needs at least one replica.", e);
      }
      fail("new ReadRepairCoordinator(" + what + ") returned; expected"
          + " IllegalArgumentException: a key needs at least one replica.");
    }
    for (int n : new int[] {1, 3}) {
      List<Model> ms = models(n);
      ReadRepairCoordinator c = create(List.copyOf(ms), "List.of(" + n + " replicas)");
      for (int r : new int[] {0, -1, n + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
        String call = "with " + n + " replicas, read(\"k\", " + r + ")";
        try {
          c.read("k", r);
          fail(call + " returned; expected IllegalArgumentException: the level must be 1 to "
              + n + ".");
        } catch (IllegalArgumentException expected) {
          // right
        } catch (RuntimeException e) {
          passTodo(e);
          throw Because.of(ARGS, call + " threw " + name(e) + "; expected"
              + " IllegalArgumentException: the level must be 1 to " + n + ".", e);
        }
        for (Model m : ms) {
          if (!m.gets.isEmpty() || !m.writes.isEmpty()) {
            throw Because.of(ARGS, call + " called " + m.name + "; check the level before"
                + " asking any replica.");
          }
        }
      }
    }
    // The caller's list is not followed afterwards.
    List<Model> ms = models(4);
    List<StoreReplica> theirs = new ArrayList<>(ms.subList(0, 3));
    ReadRepairCoordinator c = create(theirs, "a list [r0, r1, r2]");
    theirs.set(0, ms.get(3));
    theirs.remove(2);
    ms.get(0).data.put("k", new TimestampedValue("v", 5));
    TimestampedValue got;
    try {
      got = c.read("k", 3);
    } catch (RuntimeException e) {
      passTodo(e);
      throw Because.of(ARGS, "new ReadRepairCoordinator(list) with list = [r0, r1, r2]; then the"
          + " caller changed its list to [r3, r1]; then read(\"k\", 3) threw " + name(e)
          + "; the coordinator still has its three replicas: keep your own copy of the list.", e);
    }
    if (ms.get(3).getsOf("k") != 0 || !Objects.equals(got, new TimestampedValue("v", 5))) {
      throw Because.of(ARGS, "new ReadRepairCoordinator(list) with list = [r0, r1, r2]; then the"
          + " caller changed its list to [r3, r1]; then read(\"k\", 3) "
          + (ms.get(3).getsOf("k") != 0 ? "asked r3" : "returned " + show(got))
          + "; expected it to read r0, r1, r2 and return (\"v\", 5): keep your own copy.");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 2. The page's worked example

  @Test
  @Order(2)
  @DisplayName("the worked example: a quorum read returns v2 and writes it to the stale replica")
  @Hint(REPAIR)
  void workedExample() {
    List<Model> ms = models(3);
    ms.get(0).data.put("k", new TimestampedValue("v2", 200));
    ms.get(1).data.put("k", new TimestampedValue("v1", 100));
    ms.get(2).data.put("k", new TimestampedValue("v1", 100));
    ReadRepairCoordinator c = create(List.copyOf(ms), "List.of(r0, r1, r2)");
    check("worked example", c, ms, "k", 2);
    // Step 3: a quorum read of the other two now returns v2 as well.
    ms.get(0).down = true;
    check("worked example, then r0 down", c, ms, "k", 2);
    if (!Objects.equals(ms.get(2).holds("k"), new TimestampedValue("v2", 200))) {
      throw Because.of(REPAIR, "worked example: after the second read r2 holds "
          + show(ms.get(2).holds("k")) + "; expected (\"v2\", 200).");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Ties and missing keys

  @Test
  @Order(3)
  @DisplayName("equal timestamps: the larger value wins, in either order; nothing loses to"
      + " anything")
  @Hint(NEWEST)
  void tiesAndMissing() {
    TimestampedValue apple = new TimestampedValue("apple", 7);
    TimestampedValue banana = new TimestampedValue("banana", 7);
    TimestampedValue old = new TimestampedValue("zzz", 6);
    List<List<TimestampedValue>> cases = List.of(
        List.of(apple, banana), List.of(banana, apple), List.of(old, apple, banana),
        List.of(apple, old, banana), Collections.nCopies(3, apple),
        java.util.Arrays.asList(null, null, apple), java.util.Arrays.asList(apple, null),
        java.util.Arrays.asList(null, null), java.util.Arrays.asList(null, old, null),
        List.of(new TimestampedValue("", 1), new TimestampedValue("a", 0)),
        List.of(new TimestampedValue("x", -5), new TimestampedValue("y", Long.MIN_VALUE)),
        List.of(new TimestampedValue("x", Long.MAX_VALUE), new TimestampedValue("y", 0)));
    for (List<TimestampedValue> states : cases) {
      List<Model> ms = models(states.size());
      for (int i = 0; i < states.size(); i++) {
        if (states.get(i) != null) {
          ms.get(i).data.put("k", states.get(i));
        }
      }
      ReadRepairCoordinator c = create(List.copyOf(ms), states.size() + " replicas");
      check("ties", c, ms, "k", states.size());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 4. Random states

  @Test
  @Order(4)
  @DisplayName("random replica states, down replicas and levels: asked, returned and written as"
      + " the model says; a second read writes nothing")
  @Hint(REPAIR)
  void randomStates() {
    Seeds.forEach(300, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
      int n = 1 + rnd.nextInt(7);
      List<Model> ms = models(n);
      ReadRepairCoordinator c = create(List.copyOf(ms), n + " replicas");
      for (Model m : ms) {
        m.down = rnd.nextInt(5) == 0;
      }
      String[] values = {"a", "b", "c", ""};
      for (int k = 0; k < 4; k++) {
        String key = "key" + k;
        for (Model m : ms) {
          if (rnd.nextInt(4) != 0) {
            m.data.put(key, new TimestampedValue(values[rnd.nextInt(values.length)],
                100 * (1 + rnd.nextInt(3))));
          }
        }
        int r = 1 + rnd.nextInt(n);
        check("seed " + seed + ", first read", c, ms, key, r);
        check("seed " + seed + ", second read", c, ms, key, r);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // 5. A newer write during the read

  @Test
  @Order(5)
  @DisplayName("a replica that takes a newer write while the read is under way keeps it")
  @Hint(KEEP)
  void concurrentNewerWrite() {
    String[] concurrentValues = {"", "a", "zzzz"};
    long[] deltas = {1, 2, 1000};
    for (String cv : concurrentValues) {
      for (long delta : deltas) {
        List<Model> ms = models(3);
        ms.get(0).data.put("k", new TimestampedValue("old", 100));
        ms.get(1).data.put("k", new TimestampedValue("mid", 200));
        TimestampedValue newer = new TimestampedValue(cv, 200 + delta);
        // While r2 is asked, a client's write reaches r0 (stale in the read's answers).
        ms.get(2).duringGet = () -> ms.get(0).apply("k", newer);
        ReadRepairCoordinator c = create(List.copyOf(ms), "List.of(r0, r1, r2)");
        String run = "r0 (\"old\", 100), r1 (\"mid\", 200), r2 nothing; while r2 is asked, a"
            + " client writes " + show(newer) + " to r0";
        TimestampedValue got;
        try {
          got = c.read("k", 3);
        } catch (RuntimeException e) {
          passTodo(e);
          throw new AssertionError(run + ": read(\"k\", 3) threw " + name(e), e);
        }
        if (!Objects.equals(got, new TimestampedValue("mid", 200))) {
          throw Because.of(NEWEST, run + ": read(\"k\", 3) returned " + show(got)
              + "; expected (\"mid\", 200), the newest of the three answers.");
        }
        if (!Objects.equals(ms.get(0).holds("k"), newer)) {
          throw Because.of(KEEP, run + ": after read(\"k\", 3) r0 holds "
              + show(ms.get(0).holds("k")) + "; the repair overwrote the newer write "
              + show(newer) + ". Send the version read with its own timestamp (\"mid\", 200),"
              + " and the replica keeps the newer.");
        }
        for (int i = 1; i < 3; i++) {
          if (!Objects.equals(ms.get(i).holds("k"), new TimestampedValue("mid", 200))) {
            throw Because.of(REPAIR, run + ": after read(\"k\", 3) r" + i
                + " holds " + show(ms.get(i).holds("k")) + "; expected (\"mid\", 200).");
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 6. Hundreds of replicas and keys

  @Test
  @Order(6)
  @DisplayName("200 replicas, 150 at a time, 40 keys")
  @Hint(REPAIR)
  void manyReplicas() {
    SplittableRandom rnd = new SplittableRandom(42);
    List<Model> ms = models(200);
    for (int i = 0; i < 200; i += 7) {
      ms.get(i).down = true;
    }
    ReadRepairCoordinator c = create(new ArrayList<>(ms), "200 replicas");
    for (int k = 0; k < 40; k++) {
      String key = "k" + k;
      for (Model m : ms) {
        if (rnd.nextInt(3) != 0) {
          m.data.put(key, new TimestampedValue("v" + rnd.nextInt(50), rnd.nextInt(1000)));
        }
      }
      check("200 replicas, every 7th down", c, ms, key, k % 2 == 0 ? 150 : 172);
    }
    // 200 - 29 down = 171 answer; level 172 is too few.
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void passTodo(RuntimeException e) {
    if (e instanceof UnsupportedOperationException && e.getMessage() != null
        && e.getMessage().contains("TODO")) {
      throw e;
    }
  }

  private static String name(RuntimeException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage()
        + ")");
  }
}
