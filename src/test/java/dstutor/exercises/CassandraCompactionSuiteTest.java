package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Exercise;
import dstutor.grade.Because;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The cassandra-compaction hidden suite's messages: each names the key where output and model
 * part, the rule's numbers from the model (deletedAt + grace against now, the blocking table and
 * its minimum timestamp), and the rung about that cause.
 */
class CassandraCompactionSuiteTest {
  private static final String ID = "cassandra-compaction";

  @Test
  void aStrictMinimumTimestampIsShownWithTheBlockingTable() throws Exception {
    Because b = failure("wrong/other-min-strict", "otherTables");
    assertEquals("older-data-outside", b.hint());
    assertTrue(b.getMessage().contains("At key \"c\" the output has nothing; the model has"
        + " c tombstone@100"), b.getMessage());
    assertTrue(b.getMessage().contains("other table o3 may hold \"c\" (its filter says maybe)"
        + " and its oldest cell has timestamp 100 <= 100"), b.getMessage());
  }

  @Test
  void theGraceBoundaryIsShownWithTheModelsArithmetic() throws Exception {
    Because b = failure("wrong/grace-boundary-inclusive", "gracePeriod");
    assertEquals("grace-period", b.hint());
    assertTrue(b.getMessage().startsWith("gcGraceSeconds 0, now 4320000"), b.getMessage());
    assertTrue(b.getMessage().contains("deletedAt 4320000 + gcGraceSeconds 0 = 4320000, not"
        + " before now = 4320000"), b.getMessage());
  }

  @Test
  void aZombieIsNamedAsSuch() throws Exception {
    Because b = failure("wrong/purge-falls-back", "shadowedStaysDeadAndRandom");
    assertEquals("shadowed-stays-dead", b.hint());
    assertTrue(b.getMessage().contains("was deleted by it and must not come back"),
        b.getMessage());
  }

  @Test
  void theReferenceAndTheRightVariantPassEveryProperty() throws Exception {
    Exercise e = Shipped.exercise(ID);
    for (String variant : new String[] {null, "right/k-way-merge-priority-queue"}) {
      Class<?> suite = Shipped.suite(e, Shipped.learnerTexts(e, variant));
      for (Method m : suite.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Test.class)) {
          assertNull(Shipped.invoke(suite, m.getName()), variant + ": " + m.getName());
        }
      }
    }
  }

  private static Because failure(String variant, String test) throws Exception {
    Exercise e = Shipped.exercise(ID);
    Throwable t = Shipped.invoke(Shipped.suite(e, Shipped.learnerTexts(e, variant)), test);
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof Because b) {
        return b;
      }
    }
    throw new AssertionError(variant + " did not fail " + test + " with a hint: " + t, t);
  }
}
