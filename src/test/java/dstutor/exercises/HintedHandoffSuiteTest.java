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
 * The hinted-handoff hidden suite judged as issue 7 asks: every expected count, delivery and
 * return value comes from its own model of the brief, a failure names the call, the replica and
 * the rule, and shows the run that led there; a replay in another order passes.
 */
class HintedHandoffSuiteTest {
  private static final Map<String, Class<?>> COMPILED = new HashMap<>();

  @Test
  void aSecondDeliveryIsBlamedOnTheReplayNotTheWrite() throws Exception {
    Throwable t = run(suiteWith("wrong/delivers-twice"), "downReplicaGetsItsWriteOnce");
    assertNotNull(t);
    assertEquals("deliver-once-then-drop", Because.hintOf(t));
    String m = t.getMessage();
    assertTrue(m.startsWith("after at 11: replay(), pendingHints(\"r1\") = 2; expected 0: r1 is"
        + " up, so each of its hints was delivered and must be dropped."), m);
    assertTrue(m.contains("r1 comes back"), m);
  }

  @Test
  void anOlderWriteReplacingTheHintNamesTheNewestVersion() throws Exception {
    Throwable t = run(suiteWith("wrong/older-hint-replaces"), "newestHintWins");
    assertNotNull(t);
    assertEquals("newest-hint-wins", Because.hintOf(t));
    assertTrue(t.getMessage().startsWith("at 1: replay() delivered [k@30=\"k-v30\","
        + " j@20=\"j-v20\"] to r2; expected [j@20=\"j-v20\", k@50=\"k-v50\"]. The newest hint for"
        + " r2 and \"k\" was version 50"), t.getMessage());
  }

  @Test
  void aWallClockIsCaughtAtTheWindow() throws Exception {
    Throwable t = run(suiteWith("wrong/wall-clock"), "windowBoundary");
    assertNotNull(t);
    assertEquals("hint-window", Because.hintOf(t));
    String m = t.getMessage();
    assertTrue(m.contains("pendingHints(\"r0\") = 3; expected 2: r0 has been down since 1, 1 ms"
        + " > window 0, so it gets no hint."), m);
  }

  @Test
  void theCallersArrayIsComparedWithTheValueWritten() throws Exception {
    Throwable t = run(suiteWith("wrong/keeps-callers-array"), "hintCopiesTheValue");
    assertNotNull(t);
    assertEquals("own-your-bytes", Because.hintOf(t));
    assertTrue(t.getMessage().contains("the value written was \"k-v1002\""), t.getMessage());
  }

  @Test
  void aReplayInAnotherOrderPasses() throws Exception {
    Class<?> suite = suiteWith("right/flat-table");
    for (String test : new String[] {"downReplicaGetsItsWriteOnce",
        "everyDownReplicaGetsItsOwnHint", "newestHintWins", "windowBoundary", "randomSchedules"}) {
      Throwable t = run(suite, test);
      assertNull(t, test + ": " + (t == null ? "" : t.getMessage()));
    }
  }

  private static synchronized Class<?> suiteWith(String name) throws Exception {
    Class<?> suite = COMPILED.get(name);
    if (suite == null) {
      String text = Shipped.learnerTexts(Shipped.exercise("hinted-handoff"), name)
          .get("HintedHandoff.java");
      suite = Shipped.suite(Shipped.exercise("hinted-handoff"), Map.of("HintedHandoff.java", text));
      COMPILED.put(name, suite);
    }
    return suite;
  }

  private static Throwable run(Class<?> suite, String test) throws Exception {
    return Shipped.invoke(suite, test);
  }
}
