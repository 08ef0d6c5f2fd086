package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Variant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the gossip suite tells a learner, pinned on shipped variants run in this JVM: a node that
 * draws its own randomness is caught by the replay property and told to use its Context, and the
 * down-timer's messages carry the facts of the run they show (when the node first heard of the
 * member, failAfter), taken from the suite's observation of the run, not from the learner's
 * answers.
 */
class GossipSuiteTest {
  private static final String SUITE = "GossipSuite";
  private static final Path SOLUTION = SuiteHarness.course().resolve("solutions/patterns/gossip");

  private static Map<String, byte[]> variant(String name) throws Exception {
    Variant v = Variant.read(SOLUTION.resolve(name + ".diff"));
    String node = v.apply(SOLUTION, List.of("GossipNode.java")).get("GossipNode.java");
    return SuiteHarness.compile(GossipCalibrationTest.sources(node));
  }

  private static SuiteHarness.Failure onlyFailure(List<SuiteHarness.Failure> failures) {
    assertEquals(1, failures.size(), String.valueOf(failures));
    return failures.get(0);
  }

  @Test
  void theReferenceReplaysFromItsSeed() {
    String reference = SuiteHarness.read("solutions/patterns/gossip/GossipNode.java");
    var classes = SuiteHarness.compile(GossipCalibrationTest.sources(reference));
    assertEquals(List.of(), SuiteHarness.run(classes, SUITE, "runsReplayFromTheirSeed"));
  }

  @Test
  void aNodeWithItsOwnRandomIsCaughtAndToldToUseTheContext() throws Exception {
    SuiteHarness.Failure f = onlyFailure(SuiteHarness.run(variant("wrong/own-random"), SUITE,
        "runsReplayFromTheirSeed"));
    assertTrue(f.message().contains("The same seed gave two different runs: the first run had"),
        f.message());
    assertTrue(f.message().contains("Use ctx.random() and ctx.now() instead"), f.message());
    assertTrue(f.message().contains("replay: dstutor submit"), f.message());
    assertEquals("push-pull-rounds", f.hint());
  }

  @Test
  void aDownTimerOneMillisecondEarlyIsShownAtExactlyFailAfter() throws Exception {
    SuiteHarness.Failure f = onlyFailure(SuiteHarness.run(variant("wrong/down-at-boundary"),
        SUITE, "theDownTimerBoundary"));
    Matcher m = Pattern.compile("failAfter \\((\\d+) ms\\)").matcher(f.message());
    assertTrue(m.find(), f.message());
    long failAfter = Long.parseLong(m.group(1));
    Matcher at = Pattern.compile("first heard of (n\\d) at (\\d+) ms, [^.]*\\. At (\\d+) ms, "
        + "(\\d+) ms later, \\S+ already lists \\1").matcher(f.message());
    assertTrue(at.find(), f.message());
    long heard = Long.parseLong(at.group(2));
    long shown = Long.parseLong(at.group(3));
    assertEquals(failAfter, shown - heard, f.message());
    assertEquals(failAfter, Long.parseLong(at.group(4)), f.message());
    assertEquals("detecting-failed-members", f.hint());
  }

  @Test
  void aMemberFirstHeardOfInAMessageIsCheckedForItsDownTimer() throws Exception {
    SuiteHarness.Failure f = onlyFailure(SuiteHarness.run(
        variant("wrong/gossip-learned-never-down"), SUITE, "theDownTimerBoundary"));
    // n2 hears of n3 from n3's own push, n1 only through n2: neither from its seeds.
    Matcher m = Pattern.compile("(n[12]) first heard of n3 at (\\d+) ms, (through gossip \\(from "
        + "n2\\)|from n3's own push)[^.]*\\. At (\\d+) ms, (\\d+) ms later, \\1\\.down\\(\\) is "
        + "\\[[^]]*], without n3").matcher(f.message());
    assertTrue(m.find(), f.message());
    assertEquals(Long.parseLong(m.group(4)) - Long.parseLong(m.group(2)),
        Long.parseLong(m.group(5)), f.message());
    assertTrue(f.message().contains("more than failAfter (167 ms)"), f.message());
    assertEquals("detecting-failed-members", f.hint());
  }
}
