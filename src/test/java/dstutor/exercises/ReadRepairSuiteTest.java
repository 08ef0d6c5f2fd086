package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Because;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The read-repair hidden suite judged as issue 7 asks: its messages give the model's expectations
 * (which replicas must be asked, the newest of the answers, which replicas must be written), never
 * the learner's own answer; each names the rung of its cause; and the reference passes. The suite
 * runs in this JVM, compiled in memory with the reference or a variant, one test method at a time.
 */
class ReadRepairSuiteTest {
  private static final String ID = "read-repair";
  private static final Map<String, Class<?>> COMPILED = new HashMap<>();

  @Test
  void theReferencePassesEveryProperty() throws Exception {
    for (String test : new String[] {"arguments", "workedExample", "tiesAndMissing",
        "randomStates", "concurrentNewerWrite", "manyReplicas"}) {
      assertNull(run(suiteWith(null), test), test);
    }
  }

  @Test
  void aWrongNewestIsNamedWithTheAnswersAndTheModelsNewest() throws Exception {
    Throwable t = run(suiteWith("wrong/tie-by-first"), "tiesAndMissing");
    assertNotNull(t);
    assertEquals("newest-wins", Because.hintOf(t));
    assertEquals("ties: replicas [r0 (\"apple\", 7), r1 (\"banana\", 7)], read(\"k\", 2) returned"
        + " (\"apple\", 7); the answers were r0 (\"apple\", 7), r1 (\"banana\", 7), and the newest"
        + " of them is (\"banana\", 7) (larger timestamp, then larger value; any version is newer"
        + " than nothing).", t.getMessage());
  }

  @Test
  void aWastedWriteIsNamedWithItsReason() throws Exception {
    Throwable t = run(suiteWith("wrong/repairs-everyone"), "workedExample");
    assertNotNull(t);
    assertEquals("repair-stale", Because.hintOf(t));
    assertEquals("worked example: replicas [r0 (\"v2\", 200), r1 (\"v1\", 100), r2 (\"v1\","
        + " 100)], read(\"k\", 2) wrote (\"v2\", 200) to r0, but it answered the newest version;"
        + " write only to replicas that answered something other than the newest version.",
        t.getMessage());
  }

  @Test
  void askingTooManyIsNamedWithTheModelsReplicas() throws Exception {
    Throwable t = run(suiteWith("wrong/contacts-all"), "workedExample");
    assertNotNull(t);
    assertEquals("contact-r", Because.hintOf(t));
    assertTrue(t.getMessage().contains("read(\"k\", 2) asked [r0, r1, r2]; expected [r0, r1]"),
        t.getMessage());
  }

  @Test
  void aBumpedTimestampLosesTheConcurrentWrite() throws Exception {
    Throwable t = run(suiteWith("wrong/bumped-timestamp"), "concurrentNewerWrite");
    assertNotNull(t);
    assertEquals("keep-timestamp", Because.hintOf(t));
    assertTrue(t.getMessage().contains("after read(\"k\", 3) r0 holds (\"mid\", 201); the repair"
        + " overwrote the newer write (\"\", 201)."), t.getMessage());
  }

  @Test
  void aBackgroundRepairIsCaughtByItsThread() throws Exception {
    Throwable t = run(suiteWith("wrong/async-repair"), "workedExample");
    assertNotNull(t);
    assertEquals("blocking", Because.hintOf(t));
    assertTrue(t.getMessage().contains("from another thread"), t.getMessage());
  }

  @Test
  void aRandomFailureNamesItsSeedAndReplay() throws Exception {
    Throwable t = run(suiteWith("wrong/skips-missing"), "randomStates");
    assertNotNull(t);
    assertEquals("repair-stale", Because.hintOf(t));
    assertTrue(t.getMessage().contains("replay: dstutor submit"),
        t.getMessage());
    assertTrue(t.getMessage().contains("which answered nothing"), t.getMessage());
  }

  private static synchronized Class<?> suiteWith(String name) throws Exception {
    String key = String.valueOf(name);
    Class<?> suite = COMPILED.get(key);
    if (suite == null) {
      suite = Shipped.suite(Shipped.exercise(ID),
          Shipped.learnerTexts(Shipped.exercise(ID), name));
      COMPILED.put(key, suite);
    }
    return suite;
  }

  /** Runs one test method of the suite; the failure it threw, or null when it passed. */
  private static Throwable run(Class<?> suite, String test) throws Exception {
    return Shipped.invoke(suite, test);
  }
}
