package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Exercise;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the kafka-isr-replication suite's one-fetch-in-flight property tells a learner, pinned on
 * the shipped variants: the hint rung, a message whose numbers are those of the fetches it names
 * (the retry bound from the run's fetchIntervalMs), and the right variants left alone.
 */
class KafkaIsrReplicationSuiteTest {
  private static final String TEST = "aFollowerKeepsOneFetchInFlight";

  /** What the property threw for variant {@code variant} (run alone: the other nine are slow). */
  private static Throwable failure(String variant) throws Exception {
    Exercise e = Shipped.exercise("kafka-isr-replication");
    Throwable t = Shipped.invoke(Shipped.suite(e, Shipped.learnerTexts(e, variant)), TEST);
    assertNotNull(t, variant + " keeps one fetch in flight, but it should not");
    return t;
  }

  @Test
  void aFollowerThatAlsoFetchesOnEveryTickIsToldTheFetchesItSent() throws Exception {
    Throwable t = failure("wrong/fetch-every-tick");
    assertEquals("follower-fetch", SuiteHarness.hintOf(t));
    String message = t.getMessage();
    Matcher m = Pattern.compile("(\\d+) ms: (r\\d) sent Fetch\\(epoch \\d+, fetchOffset \\d+,"
        + " lastFetchedEpoch -?\\d+\\) to r\\d on its timer \\(tick\\), (\\d+) ms after its"
        + " previous Fetch\\(epoch \\d+, fetchOffset \\d+, lastFetchedEpoch -?\\d+\\) \\(at"
        + " (\\d+) ms\\), and no answer to that one had arrived since: 2 fetches in flight\\."
        + " Until then \\2 had sent (\\d+) fetch(es)? and received (\\d+) answers? to them\\.")
        .matcher(message);
    assertTrue(m.find(), message);
    long at = Long.parseLong(m.group(1));
    long gap = Long.parseLong(m.group(3));
    assertEquals(at, Long.parseLong(m.group(4)) + gap, message);
    assertTrue(gap < 30, message);
    assertTrue(Long.parseLong(m.group(7)) < Long.parseLong(m.group(5)), message);
    assertTrue(message.contains("fetch every 10 ms"), message);
    assertTrue(message.contains("only when it has sent none for 3 x fetchIntervalMs = 30 ms"),
        message);
  }

  @Test
  void aFetchOnAnIgnoredAnswerIsNamedAsSuch() throws Exception {
    Throwable t = failure("wrong/fetch-after-ignored-answer");
    assertEquals("follower-fetch", SuiteHarness.hintOf(t));
    assertTrue(t.getMessage().contains("an answer neither to its last Fetch nor to the one it"
        + " would send now: a late or duplicated one, to be ignored"), t.getMessage());
    assertTrue(t.getMessage().contains("2 fetches in flight"), t.getMessage());
  }

  @Test
  void correctFollowersWrittenDifferentlyKeepOneFetchInFlight() throws Exception {
    Exercise e = Shipped.exercise("kafka-isr-replication");
    for (String right : List.of("right/blind-from-brief", "right/epoch-cache-jittered-ticks",
        "right/blind-role-objects-one-shot-retry")) {
      Throwable t = Shipped.invoke(Shipped.suite(e, Shipped.learnerTexts(e, right)), TEST);
      assertNull(t, right + ": " + (t == null ? "" : t.getMessage()));
    }
  }
}
