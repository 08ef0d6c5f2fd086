package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.InMemoryCompiler;
import dstutor.grade.Variant;
import dstutor.sim.Outcome;
import dstutor.sim.RunPlan;
import dstutor.sim.Scenario;
import dstutor.sim.Shrinker;
import dstutor.sim.TraceEvent;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Quorum's shrunk runs fail for the reason their message gives. For known-wrong variants, the
 * first failing run of a property is shrunk; the shrunk run must fail with the same reason,
 * replay to the same message, and every fact the message states must hold in the shrunk run's
 * own trace. The facts are checked here from the trace alone (which messages the coordinator
 * received and sent, which replicas crashed), not from the suite's own bookkeeping.
 */
class QuorumShrinkTest {
  private static final Path COURSE =
      Path.of(System.getProperty("dstutor.course", ".")).toAbsolutePath();
  private static final Path SOLUTIONS = COURSE.resolve("solutions/patterns/quorum");
  private static final List<String> LEARNER_FILES =
      List.of("QuorumCoordinator.java", "QuorumReplica.java");
  private static final long TIMEOUT = 60;
  private static final Map<String, Class<?>> SUITES = new HashMap<>();

  @ParameterizedTest(name = "{0}, property {1}: {2}")
  @CsvSource({
    "counts-duplicate-acks, 5, counted a duplicate",
    "counts-duplicate-reads, 4, counted a duplicate",
    "rw-swapped, 4, OK before its quorum",
    "write-waits-for-all, 4, quorum reached but not answered",
    "ok-after-failed, 3, answered twice",
    "no-deadline, 3, no answer by the deadline",
    "sweep-timer, 3, failed before its deadline",
    "read-one-reply, 1, stale read",
    "replica-overwrites, 2, replica answered an old version",
    "replica-acks-only-stored, 2, write not acknowledged",
    "first-reply-value, 2, not the newest answer",
  })
  void aShrunkRunFailsForTheReasonItsMessageGives(String variant, int property, String reason)
      throws Exception {
    Class<?> suite = suite(variant);
    Method scenarioOf = suite.getDeclaredMethod("scenario", int.class, long.class);
    Method horizonOf = suite.getDeclaredMethod("horizon", int.class);
    scenarioOf.setAccessible(true);
    horizonOf.setAccessible(true);
    long horizon = (Long) horizonOf.invoke(null, property);
    for (long seed = 1; seed <= 100; seed++) {
      Scenario s = (Scenario) scenarioOf.invoke(null, property, seed);
      RunPlan plan = RunPlan.of(seed, horizon);
      Outcome first = s.run(plan);
      if (!first.failed()) {
        continue;
      }
      assertEquals(reason, first.reason(), "seed " + seed + ": " + first.problem());
      Shrinker.Result r = Shrinker.shrink(s, plan, first, Shrinker.DEFAULT_BUDGET);
      Outcome shrunk = r.outcome();
      String where = variant + ", property " + property + ", seed " + seed + ":\n"
          + r.report();
      assertEquals(reason, shrunk.reason(), where);
      assertTrue(shrunk.faults().size() <= first.faults().size(), where);
      assertEquals(shrunk.problem(), s.run(r.plan()).problem(), "replay differs: " + where);
      assertNotNull(shrunk.trace(), where);
      List<String> wrong = new Facts(shrunk.problem(), shrunk.trace().events(),
          r.plan().horizon()).check(reason);
      assertTrue(wrong.isEmpty(), "the message disagrees with its run: " + wrong + "\n"
          + where);
      return;
    }
    fail(variant + " passed property " + property + " on seeds 1..100");
  }

  /** The suite compiled with the reference patched by {@code variant}, in a loader of its own. */
  private static synchronized Class<?> suite(String variant) throws Exception {
    Class<?> known = SUITES.get(variant);
    if (known != null) {
      return known;
    }
    Map<String, String> patched = Variant.read(SOLUTIONS.resolve("wrong/" + variant + ".diff"))
        .apply(SOLUTIONS, LEARNER_FILES);
    List<InMemoryCompiler.Source> sources = new ArrayList<>();
    for (String f : LEARNER_FILES) {
      String text = patched.containsKey(f) ? patched.get(f)
          : Files.readString(SOLUTIONS.resolve(f));
      sources.add(new InMemoryCompiler.Source(f, f, text, true));
    }
    sources.add(new InMemoryCompiler.Source("QuorumProtocol.java", "QuorumProtocol.java",
        Files.readString(COURSE.resolve("exercises/patterns/quorum/QuorumProtocol.java")),
        false));
    sources.add(new InMemoryCompiler.Source("QuorumSuite.java", "QuorumSuite.java",
        Files.readString(SOLUTIONS.resolve("QuorumSuite.java")), false));
    InMemoryCompiler.Output out =
        new InMemoryCompiler(System.getProperty("java.class.path")).compile(sources);
    assertTrue(out.ok(), () -> variant + " does not compile: " + out.errors());
    ClassLoader loader = new ClassLoader(QuorumShrinkTest.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = out.classes().get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
    Class<?> c = loader.loadClass("QuorumSuite");
    SUITES.put(variant, c);
    return c;
  }

  /** Checks a failure message against the trace of its run. */
  private static final class Facts {
    private static final Pattern CONFIG = Pattern.compile("With N=(\\d+), R=(\\d+), W=(\\d+)");
    private static final Pattern REQUEST = Pattern.compile(
        "(put|get)\\((k\\d+)(?:, ([^)]*))?\\) from (c\\d+) \\(request (\\d+), received at (\\d+) "
        + "ms\\)");
    private static final Pattern REPLICAS_AT = Pattern.compile(
        "at (\\d+) ms \\(when (.+?) (?:was|were) (up|down)\\)");

    private final String message;
    private final List<TraceEvent> events;
    private final long horizon;
    private final List<String> wrong = new ArrayList<>();

    Facts(String message, List<TraceEvent> events, long horizon) {
      this.message = message;
      this.events = events;
      this.horizon = horizon;
    }

    List<String> check(String reason) {
      replicasUpAndDown();
      switch (reason) {
        case "counted a duplicate":
        case "OK before its quorum":
          tooEarly(reason.equals("counted a duplicate"));
          break;
        case "quorum reached but not answered":
          slow();
          break;
        case "answered twice":
          twice();
          break;
        case "no answer by the deadline":
          noAnswer();
          break;
        case "failed before its deadline":
          earlyFailure();
          break;
        case "stale read":
          staleRead();
          break;
        case "replica answered an old version":
          oldVersion();
          break;
        case "write not acknowledged":
          notAcknowledged();
          break;
        case "not the newest answer":
          notNewest();
          break;
        default:
          wrong.add("no check for reason '" + reason + "'");
      }
      return wrong;
    }

    // -- what the message says about replicas being up or down, at the time it names --

    private void replicasUpAndDown() {
      Matcher m = REPLICAS_AT.matcher(message);
      while (m.find()) {
        long t = Long.parseLong(m.group(1));
        Set<String> crashed = new TreeSet<>();
        for (TraceEvent e : events) {
          if (e.type() == TraceEvent.Type.CRASH && e.time() <= t) {
            crashed.add(e.node());
          }
        }
        Set<String> said = m.group(3).equals("up") ? Set.of()
            : new TreeSet<>(List.of(m.group(2).split(", ")));
        if (!said.equals(crashed)) {
          wrong.add("at " + t + " ms the message says " + m.group(0) + ", but the crashed "
              + "replicas were " + crashed);
        }
      }
    }

    // -- one request, as the coordinator saw it in the trace --

    private int r;
    private int w;
    private boolean write;
    private String client;
    private long id;
    private long arrived = -1;
    private final Set<Long> ops = new LinkedHashSet<>();
    /** Replica answers delivered to the coordinator for the request's ops: index in events. */
    private final List<Integer> deliveries = new ArrayList<>();
    private final List<Integer> answers = new ArrayList<>();

    private boolean request() {
      Matcher c = CONFIG.matcher(message);
      Matcher q = REQUEST.matcher(message);
      if (!c.find() || !q.find()) {
        wrong.add("the message names no configuration or request");
        return false;
      }
      r = Integer.parseInt(c.group(2));
      w = Integer.parseInt(c.group(3));
      write = q.group(1).equals("put");
      client = q.group(4);
      id = Long.parseLong(q.group(5));
      long at = Long.parseLong(q.group(6));
      for (int i = 0; i < events.size(); i++) {
        TraceEvent e = events.get(i);
        if (arrived < 0 && e.type() == TraceEvent.Type.DELIVER && e.node().equals("coord")
            && e.peer().equals(client) && kind(e).equals(write ? "Put" : "Get")
            && get(e.detail(), "requestId").equals(id)) {
          arrived = e.time();
          for (int j = i + 1; j < events.size(); j++) {
            TraceEvent s = events.get(j);
            if (s.type() == TraceEvent.Type.FLAG) {
              continue;
            }
            if (s.type() != TraceEvent.Type.SEND || !s.node().equals("coord")) {
              break;
            }
            if (kind(s).equals(write ? "Write" : "Read")) {
              ops.add((Long) get(s.detail(), "opId"));
            }
          }
        } else if (arrived >= 0 && e.type() == TraceEvent.Type.DELIVER
            && e.node().equals("coord") && e.peer().matches("n\\d+")
            && kind(e).equals(write ? "WriteAck" : "ReadReply")
            && ops.contains((Long) get(e.detail(), "opId"))) {
          deliveries.add(i);
        } else if (arrived >= 0 && e.type() == TraceEvent.Type.SEND
            && e.node().equals("coord") && e.peer().equals(client)
            && kind(e).startsWith(write ? "Put" : "Get")
            && get(e.detail(), "requestId").equals(id)) {
          answers.add(i);
        }
      }
      if (arrived != at) {
        wrong.add("the trace shows no request " + id + " from " + client + " arriving at " + at
            + " ms");
        return false;
      }
      return true;
    }

    private int need() {
      return write ? w : r;
    }

    private Set<String> distinctBefore(int index) {
      Set<String> d = new LinkedHashSet<>();
      for (int i : deliveries) {
        if (i < index) {
          d.add(events.get(i).peer());
        }
      }
      return d;
    }

    private void tooEarly(boolean duplicate) {
      if (!request()) {
        return;
      }
      Integer ok = firstAnswer("Ok");
      if (ok == null) {
        wrong.add("the trace shows no OK answer");
        return;
      }
      Set<String> distinct = distinctBefore(ok);
      List<String> seen = new ArrayList<>();
      for (int i : deliveries) {
        if (i < ok) {
          seen.add(events.get(i).peer() + " at " + events.get(i).time() + " ms");
        }
      }
      if (distinct.size() >= need()) {
        wrong.add("the OK came after " + distinct + ", enough for a quorum of " + need());
      }
      if (duplicate != seen.size() >= need()) {
        wrong.add(seen.size() + " answers were delivered before the OK; need is " + need());
      }
      if (!seen.isEmpty() && !message.contains(String.join(", ", seen))) {
        wrong.add("the message should list the answers " + seen);
      }
      expectText(kind(events.get(ok)) + " at " + events.get(ok).time() + " ms");
    }

    private void slow() {
      if (!request()) {
        return;
      }
      Integer first = answers.isEmpty() ? null : answers.get(0);
      Set<String> distinct = new LinkedHashSet<>();
      long quorumAt = -1;
      for (int i : deliveries) {
        if (first != null && i > first) {
          break;
        }
        distinct.add(events.get(i).peer());
        if (distinct.size() >= need()) {
          quorumAt = events.get(i).time();
          break;
        }
      }
      if (quorumAt < 0) {
        wrong.add("the trace shows no quorum before the first answer");
        return;
      }
      expectText("had its quorum at " + quorumAt + " ms");
      if (first == null) {
        expectText("by the end of the run at " + horizon + " ms");
      } else if (events.get(first).time() <= quorumAt) {
        wrong.add("the answer came at " + events.get(first).time() + " ms, not later");
      }
    }

    private void twice() {
      if (!request()) {
        return;
      }
      if (answers.size() < 2) {
        wrong.add("the trace shows " + answers.size() + " answer(s)");
        return;
      }
      TraceEvent a = events.get(answers.get(0));
      TraceEvent b = events.get(answers.get(1));
      expectText(kind(a) + " at " + a.time() + " ms, then " + kind(b) + " at " + b.time()
          + " ms");
    }

    private void noAnswer() {
      if (!request()) {
        return;
      }
      long deadline = arrived + TIMEOUT;
      expectText("by its deadline at " + deadline + " ms");
      if (deadline > horizon) {
        wrong.add("the deadline " + deadline + " ms is after the end of the run");
      }
      if (!answers.isEmpty() && events.get(answers.get(0)).time() <= deadline) {
        wrong.add("the trace shows an answer at " + events.get(answers.get(0)).time() + " ms");
      }
    }

    private void earlyFailure() {
      if (!request()) {
        return;
      }
      if (answers.isEmpty()) {
        wrong.add("the trace shows no answer");
        return;
      }
      TraceEvent a = events.get(answers.get(0));
      if (!kind(a).endsWith("Failed") || a.time() >= arrived + TIMEOUT) {
        wrong.add("the first answer is " + kind(a) + " at " + a.time() + " ms");
      }
      expectText(kind(a) + " at " + a.time() + " ms, before its deadline at "
          + (arrived + TIMEOUT) + " ms");
    }

    private void notNewest() {
      if (!request()) {
        return;
      }
      Integer ok = firstAnswer("Ok");
      if (ok == null) {
        wrong.add("the trace shows no GetOk");
        return;
      }
      long best = Long.MIN_VALUE;
      Set<String> newest = new TreeSet<>();
      for (int i : deliveries) {
        Object v = i < ok ? get(events.get(i).detail(), "versioned") : null;
        if (v == null) {
          continue;
        }
        long version = (Long) get(v, "version");
        if (version > best) {
          best = version;
          newest.clear();
        }
        if (version == best) {
          newest.add((String) get(v, "value"));
        }
      }
      String answered = (String) get(events.get(ok).detail(), "value");
      if (newest.isEmpty() ? answered == null : newest.contains(answered)) {
        wrong.add("GetOk(" + answered + ") is the newest of the answers in the trace");
      }
      expectText("The newest of them is " + (newest.isEmpty() ? "null"
          : newest.iterator().next() + " (version " + best + ")"));
    }

    // -- replicas --

    private static final Pattern OLD = Pattern.compile("(n\\d+) answered Read\\((\\d+), (k\\d+)\\)"
        + " at (\\d+) ms with (.+?), but the newest version of k\\d+ it had received is "
        + "Versioned\\((.+?), (\\d+)\\), received at (\\d+) ms");
    private static final Pattern UNACKED = Pattern.compile("(n\\d+) received Write\\((\\d+), "
        + "(k\\d+), .+?\\) from coord at (\\d+) ms and sent no WriteAck");

    private void oldVersion() {
      Matcher m = OLD.matcher(message);
      if (!m.find()) {
        wrong.add("the message does not name the Read and the version held");
        return;
      }
      String node = m.group(1);
      long op = Long.parseLong(m.group(2));
      long version = Long.parseLong(m.group(7));
      boolean received = false;
      for (TraceEvent e : events) {
        if (e.type() == TraceEvent.Type.DELIVER && e.node().equals(node)
            && e.time() == Long.parseLong(m.group(8)) && kind(e).equals("Write")
            && get(e.detail(), "key").equals(m.group(3))) {
          Object v = get(e.detail(), "versioned");
          received |= Objects.equals(get(v, "version"), version)
              && Objects.equals(get(v, "value"), m.group(6));
        }
        if (e.type() == TraceEvent.Type.SEND && e.node().equals(node)
            && kind(e).equals("ReadReply") && get(e.detail(), "opId").equals(op)) {
          if (!received) {
            wrong.add(node + " had not received version " + version + " when it answered");
          }
          Object v = get(e.detail(), "versioned");
          if (v != null && (Long) get(v, "version") >= version) {
            wrong.add(node + " answered version " + get(v, "version"));
          }
          return;
        }
      }
      wrong.add("the trace shows no ReadReply(" + op + ", ...) from " + node);
    }

    private void notAcknowledged() {
      Matcher m = UNACKED.matcher(message);
      if (!m.find()) {
        wrong.add("the message does not name the Write");
        return;
      }
      String node = m.group(1);
      long op = Long.parseLong(m.group(2));
      boolean delivered = false;
      for (TraceEvent e : events) {
        if (e.type() == TraceEvent.Type.DELIVER && e.node().equals(node)
            && e.time() == Long.parseLong(m.group(4)) && kind(e).equals("Write")
            && get(e.detail(), "opId").equals(op)) {
          delivered = true;
        } else if (e.type() == TraceEvent.Type.SEND && e.node().equals(node)
            && kind(e).equals("WriteAck") && get(e.detail(), "opId").equals(op)
            && e.time() == Long.parseLong(m.group(4))) {
          wrong.add(node + " did acknowledge Write(" + op + ") at " + e.time() + " ms");
        }
      }
      if (!delivered) {
        wrong.add("the trace shows no Write(" + op + ") delivered to " + node);
      }
    }

    // -- client histories --

    private static final Pattern STALE = Pattern.compile("get\\((k\\d+)\\) by (c\\d+) at (\\d+) "
        + "ms returned (\\S+?): STALE: put\\(k\\d+, (\\S+?)\\) completed at (\\d+) ms");

    private void staleRead() {
      Matcher m = STALE.matcher(message);
      if (!m.find()) {
        wrong.add("the message does not name the read and the write");
        return;
      }
      String key = m.group(1);
      long readAt = Long.parseLong(m.group(3));
      String returned = m.group(4);
      String written = m.group(5);
      long completed = Long.parseLong(m.group(6));
      Map<Integer, String> calls = new HashMap<>();
      boolean writeDone = false;
      boolean readSeen = false;
      for (TraceEvent e : events) {
        if (e.type() == TraceEvent.Type.CALL) {
          calls.put(e.op(), String.valueOf(e.detail()));
          if (e.node().equals(m.group(2)) && e.time() == readAt
              && e.detail().equals("get(" + key + ")")) {
            readSeen = true;
            if (!writeDone) {
              wrong.add("the read started before put(" + key + ", " + written + ") completed");
            }
          }
        } else if (e.type() == TraceEvent.Type.RETURN && e.time() == completed
            && ("put(" + key + ", " + written + ")").equals(calls.get(e.op()))
            && e.detail().equals("put ok")) {
          writeDone = true;
        } else if (e.type() == TraceEvent.Type.RETURN && readSeen
            && ("get(" + key + ")").equals(calls.get(e.op()))
            && e.node().equals(m.group(2))) {
          String got = String.valueOf(e.detail()).replace("get = ", "");
          if (!got.equals(returned.equals("nothing") ? "(none)" : returned)
              || got.equals(written)) {
            wrong.add("the read returned " + got);
          }
          return;
        }
      }
      wrong.add("the trace shows no completed read get(" + key + ") by " + m.group(2) + " at "
          + readAt + " ms after the write");
    }

    // -- helpers --

    private Integer firstAnswer(String suffix) {
      for (int i : answers) {
        if (kind(events.get(i)).endsWith(suffix)) {
          return i;
        }
      }
      return null;
    }

    private void expectText(String text) {
      if (!message.contains(text)) {
        wrong.add("the message should say '" + text + "'");
      }
    }

    private static String kind(TraceEvent e) {
      return e.detail() == null ? "" : e.detail().getClass().getSimpleName();
    }

    private static Object get(Object record, String component) {
      try {
        Method m = record.getClass().getMethod(component);
        m.setAccessible(true);
        return m.invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(record + " has no " + component, e);
      }
    }
  }
}
