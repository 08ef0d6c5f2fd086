package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dstutor.course.Exercise;
import dstutor.sim.Outcome;
import dstutor.sim.RunPlan;
import dstutor.sim.Scenario;
import dstutor.sim.Shrinker;
import dstutor.sim.TraceEvent;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The leader-follower suite's commit-rule failures are the failures their messages describe. For
 * known-wrong variants, the first failing run of property 3 is shrunk; the shrunk run must fail
 * for the same reason, replay to the same message, and the message's facts (how many replicas
 * had acknowledged the entry when its Put was answered, or when it became committed) must hold
 * in the shrunk run's own trace, read here from the messages delivered to the leader and sent by
 * it, not from the suite's bookkeeping. Also: a replica that draws its own randomness is caught.
 */
class LeaderFollowerSuiteTest {
  private static final Map<String, Class<?>> SUITES = new HashMap<>();
  private static final Pattern SHAPE = Pattern.compile(
      "With N=(\\d+) \\(.*?a majority is (\\d+)\\), leader (n\\d+)");
  private static final Pattern EARLY = Pattern.compile(
      "answered PutOk for put\\((k\\d+), ([^)]*)\\) from (c\\d+) \\(request (\\d+), sent to "
      + "n\\d+\\) at (\\d+) ms; its entry (\\d+) was held only by (.+?) \\(");
  private static final Pattern LATE = Pattern.compile(
      "put\\((k\\d+), ([^)]*)\\) from (c\\d+) \\(request (\\d+), sent to n\\d+\\) was answered "
      + "PutOk only at (\\d+) ms, but its entry (\\d+) was committed at (\\d+) ms");

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "ack-before-commit, answered before commit",
    "majority-n-over-2, answered before commit",
    "majority-half-rounded-up, answered before commit",
    "counts-duplicate-acks, answered before commit",
    "answers-on-the-timer, committed but answered late",
  })
  void aShrunkCommitFailureIsTheFailureItsMessageDescribes(String variant, String reason)
      throws Exception {
    Class<?> suite = suite(variant);
    Method scenarioOf = suite.getDeclaredMethod("scenario", int.class, long.class);
    scenarioOf.setAccessible(true);
    for (long seed = 1; seed <= 60; seed++) {
      Scenario s = (Scenario) scenarioOf.invoke(null, 3, seed);
      RunPlan plan = RunPlan.of(seed, 600);
      Outcome first = s.run(plan);
      if (!first.failed()) {
        continue;
      }
      assertEquals(reason, first.reason(), "seed " + seed + ": " + first.problem());
      Shrinker.Result r = Shrinker.shrink(s, plan, first, Shrinker.DEFAULT_BUDGET);
      Outcome shrunk = r.outcome();
      String where = variant + ", seed " + seed + ":\n" + r.report();
      assertEquals(reason, shrunk.reason(), where);
      assertEquals(shrunk.problem(), s.run(r.plan()).problem(), "replay differs: " + where);
      assertNotNull(shrunk.trace(), where);
      checkFacts(shrunk.problem(), shrunk.trace().events(), reason, where);
      return;
    }
    fail(variant + " passed property 3 on seeds 1..60");
  }

  /** The message's facts, from the trace: acknowledgements the leader had received. */
  private static void checkFacts(String message, List<TraceEvent> events, String reason,
      String where) {
    Matcher shape = SHAPE.matcher(message);
    assertTrue(shape.find(), "no shape in: " + where);
    int majority = Integer.parseInt(shape.group(2));
    String leader = shape.group(3);
    boolean early = reason.equals("answered before commit");
    Matcher m = (early ? EARLY : LATE).matcher(message);
    assertTrue(m.find(), "the message does not name the Put and its entry: " + where);
    String client = m.group(3);
    long request = Long.parseLong(m.group(4));
    long answeredAt = Long.parseLong(m.group(5));
    long index = Long.parseLong(m.group(6));
    // Walk the trace in order: which followers' AppendAcks covering the entry reached the
    // leader, and when the leader sent the PutOk.
    Set<String> acked = new TreeSet<>();
    long majorityAt = -1;
    boolean answered = false;
    for (TraceEvent e : events) {
      if (e.type() == TraceEvent.Type.DELIVER && e.node().equals(leader)
          && name(e.detail()).equals("AppendAck") && number(e.detail(), "logEnd") >= index) {
        acked.add(e.peer());
        if (majorityAt < 0 && acked.size() + 1 >= majority) {
          majorityAt = e.time();
        }
      } else if (e.type() == TraceEvent.Type.SEND && e.node().equals(leader)
          && e.peer().equals(client) && name(e.detail()).equals("PutOk")
          && number(e.detail(), "requestId") == request) {
        assertEquals(answeredAt, e.time(), "the PutOk's time: " + where);
        answered = true;
        if (early) {
          assertTrue(acked.size() + 1 < majority, "the message says entry " + index
              + " was held by fewer than a majority, but " + acked + " had acknowledged it "
              + "by then: " + where);
          Set<String> named = new TreeSet<>(List.of(m.group(7).split(", | and ")));
          Set<String> holders = new TreeSet<>(acked);
          holders.add(leader);
          assertEquals(holders, named, "the holders named: " + where);
        }
        break;
      }
    }
    assertTrue(answered, "no PutOk in the trace: " + where);
    if (!early) {
      long committedAt = Long.parseLong(m.group(7));
      assertEquals(committedAt, majorityAt, "the moment a majority had acknowledged entry "
          + index + ": " + where);
      assertTrue(answeredAt > committedAt, where);
    }
  }

  private static String name(Object detail) {
    return detail == null ? "" : detail.getClass().getSimpleName();
  }

  /** A record's long component, by name (the records come from the suite's own loader). */
  private static long number(Object record, String component) {
    try {
      return ((Number) record.getClass().getMethod(component).invoke(record)).longValue();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"no-catch-up", "next-index-only-grows"})
  void aShrunkCatchUpFailureNamesTheRunsOwnLastFault(String variant) throws Exception {
    Class<?> suite = suite(variant);
    Method scenarioOf = suite.getDeclaredMethod("scenario", int.class, long.class);
    scenarioOf.setAccessible(true);
    Pattern ended = Pattern.compile("The last fault ended at (\\d+) ms");
    for (long seed = 1; seed <= 60; seed++) {
      Scenario s = (Scenario) scenarioOf.invoke(null, 4, seed);
      RunPlan plan = RunPlan.of(seed, 650);
      Outcome first = s.run(plan);
      if (!first.failed() || !first.reason().equals("follower did not catch up in time")) {
        continue;
      }
      Shrinker.Result r = Shrinker.shrink(s, plan, first, Shrinker.DEFAULT_BUDGET);
      Outcome shrunk = r.outcome();
      String where = variant + ", seed " + seed + ":\n" + r.report();
      assertEquals(first.reason(), shrunk.reason(), where);
      Matcher m = ended.matcher(shrunk.problem());
      assertTrue(m.find(), where);
      long last = 0;
      boolean cut = false;
      for (TraceEvent e : shrunk.trace().events()) {
        if (e.type() == TraceEvent.Type.NETWORK) {
          cut = !e.detail().getClass().getSimpleName().equals("Heal");
          if (!cut) {
            last = Math.max(last, e.time());
          }
        } else if (e.type() == TraceEvent.Type.RESTART) {
          last = Math.max(last, e.time());
        }
      }
      assertTrue(!cut, "the shrunk run ends partitioned, yet fails catch-up: " + where);
      assertEquals(last, Long.parseLong(m.group(1)), "the last fault's end: " + where);
      return;
    }
    fail(variant + " caught up in time on seeds 1..60");
  }

  @Test
  void aReplicaWithItsOwnRandomIsCaught() throws Exception {
    Exercise e = Shipped.exercise("leader-follower");
    Map<String, String> files = new HashMap<>();
    for (String g : e.given()) {
      files.put(g, SuiteHarness.read("exercises/patterns/leader-follower/" + g));
    }
    files.putAll(Shipped.learnerTexts(e, "wrong/random-interval"));
    files.put(e.suite(), SuiteHarness.read("solutions/patterns/leader-follower/" + e.suite()));
    List<SuiteHarness.Failure> failed = SuiteHarness.run(SuiteHarness.compile(files),
        "LeaderFollowerSuite", "runsAreAFunctionOfTheirSeed");
    assertEquals(1, failed.size(), failed.toString());
    assertEquals("determinism", failed.get(0).hint());
    assertTrue(failed.get(0).message().contains("The same seed gave two different runs"),
        failed.get(0).message());
    assertTrue(failed.get(0).message().contains("ctx.random()"), failed.get(0).message());
  }

  /** The suite compiled with the reference patched by {@code variant}, in a loader of its own. */
  private static synchronized Class<?> suite(String variant) throws Exception {
    Class<?> known = SUITES.get(variant);
    if (known != null) {
      return known;
    }
    Exercise e = Shipped.exercise("leader-follower");
    Class<?> c = Shipped.suite(e, Shipped.learnerTexts(e, "wrong/" + variant));
    SUITES.put(variant, c);
    return c;
  }
}
