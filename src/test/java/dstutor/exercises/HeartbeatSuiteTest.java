package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.CourseLoader;
import dstutor.course.Exercise;
import dstutor.grade.GradeJob;
import dstutor.grade.Grader;
import dstutor.grade.Variant;
import dstutor.grade.Verdict;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the heartbeat suite tells a learner, pinned on the shipped known-wrong variants: the
 * property that breaks, the hint rung about the cause, and expected values taken from the
 * suite's own model of the run (the setup it states), never from the learner's answers.
 */
class HeartbeatSuiteTest {
  private static Grader grader;
  private static Exercise heartbeat;

  @BeforeAll
  static void load() throws Exception {
    heartbeat = CourseLoader.load(Path.of("").toAbsolutePath()).find("heartbeat").orElseThrow();
    grader = Grader.forThisJvm();
  }

  @AfterAll
  static void close() {
    grader.close();
  }

  private static Verdict grade(String wrong) throws Exception {
    Variant v = Variant.read(heartbeat.solutionDir().resolve("wrong/" + wrong + ".diff"));
    Map<String, Path> files = new LinkedHashMap<>();
    for (String f : heartbeat.files()) {
      files.put(f, heartbeat.solutionDir().resolve(f));
    }
    Map<String, String> texts = v.apply(heartbeat.solutionDir(), heartbeat.files());
    return grader.grade(GradeJob.of(heartbeat, files, texts, wrong + ": ", null));
  }

  private static Verdict.TestResult failed(Verdict verdict, String property) {
    Verdict.TestResult t = verdict.tests().stream().filter(r -> r.name().startsWith(property))
        .findFirst().orElse(null);
    assertNotNull(t, "no property '" + property + "' in " + verdict.tests());
    assertTrue(!t.ok(), property + " held, but the variant breaks it");
    return t;
  }

  @Test
  void aDetectorWithItsOwnRandomIsToldToUseTheContext() throws Exception {
    Verdict.TestResult t = failed(grade("own-random-jitter"), "the same seed gives the same run");
    assertTrue(t.message().contains("The same seed gave two different runs"), t.message());
    assertTrue(t.message().contains("Use ctx.random() and ctx.now() instead"), t.message());
    assertEquals("timers-not-wall-clocks", t.hint());
  }

  @Test
  void theBoundaryMessageStatesTheTimeoutOfTheRunItShows() throws Exception {
    Verdict.TestResult t = failed(grade("boundary-inclusive"), "a peer silent for exactly");
    // The setup line names the detector's settings; the verdict's numbers must be those.
    Matcher m = Pattern.compile("new HeartbeatDetector\\(peers, (\\d+), (\\d+)\\)")
        .matcher(t.message());
    assertTrue(m.find(), t.message());
    long timeout = Long.parseLong(m.group(2));
    assertTrue(t.message().contains("silent for " + timeout + " ms on"), t.message());
    assertTrue(t.message().contains("at exactly " + timeout + " ms of silence it is still "
        + "trusted, from " + (timeout + 1) + " ms on it is suspected"), t.message());
    assertEquals("choosing-the-timeout", t.hint());
  }

  @Test
  void aSuspectNotClearedByItsFirstHeartbeatIsNamedWithThatHeartbeat() throws Exception {
    Verdict.TestResult t = failed(grade("clears-after-two"), "the first heartbeat from a");
    Matcher m = Pattern.compile("At (\\d+) ms (n\\d) still suspects (n\\d), although a heartbeat "
        + "from \\3 arrived at (\\d+) ms").matcher(t.message());
    assertTrue(m.find(), t.message());
    assertTrue(Long.parseLong(m.group(4)) <= Long.parseLong(m.group(1)), t.message());
    assertEquals("suspecting-and-clearing", t.hint());
  }

  @Test
  void anExceptionIsReportedWithTheScenarioItHappenedIn() throws Exception {
    Verdict.TestResult t = failed(grade("non-peer-crashes"), "a peer never heard from");
    assertTrue(t.message().contains("Setup: 5 nodes"), t.message());
    assertTrue(t.message().contains("x1 is nobody's peer"), t.message());
    assertTrue(t.message().contains("Your code threw NullPointerException"), t.message());
    assertTrue(t.message().contains("at HeartbeatDetector.java:"), t.message());
    assertTrue(t.message().contains("in onMessage(x1, "), t.message());
    assertEquals("only-your-peers", t.hint());
  }

  @Test
  void aDetectorThatStopsTalkingToSuspectsIsToldWhy() throws Exception {
    Verdict.TestResult t = failed(grade("no-beats-to-suspects"), "each node sends every peer");
    assertTrue(t.message().contains("heartbeats go to every peer, suspected or not"),
        t.message());
    assertEquals("timers-not-wall-clocks", t.hint());
  }
}
