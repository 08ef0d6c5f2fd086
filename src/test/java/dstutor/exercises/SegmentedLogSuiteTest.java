package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Because;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The segmented-log hidden suite's messages: the model's arithmetic for the roll rule and
 * retention, the byte count of a read against the index bound, and the rung each cause names
 * (a recovery mistake is named as one even when it shows as a costly read). The suite runs in
 * this JVM, compiled in memory with the reference or a variant, one test method at a time.
 */
class SegmentedLogSuiteTest {
  private static final Path SOLUTION = Path.of("solutions/patterns/segmented-log");
  private static final Path EXERCISE = Path.of("exercises/patterns/segmented-log");

  @Test
  void rollingAfterTheFactIsShownWithTheModelsArithmetic() throws Exception {
    Because b = failure("wrong/roll-after-exceeding",
        "segmentsRollBeforeTheRecordThatWouldOverflow");
    assertEquals("roll-before-overflow", b.hint());
    // The brief's example: 30 + 4 and 60 + 4 bytes fill segment 0 to 98; the empty record rolls.
    assertTrue(b.getMessage().startsWith("new SegmentedLog(disk, 100, 4096) after 3 appends"
        + " (offsets 0 to 2): after append(0 bytes) as offset 2, the segment files (name: bytes)"
        + " are 00000000000000000000.log: 102; the model has 00000000000000000000.log: 98,"
        + " 00000000000000000002.log: 4."), b.getMessage());
    assertTrue(b.getMessage().contains("98 + 4 = 102 > segmentBytes = 100, so the log rolls"
        + " first: offset 2 starts the new segment 00000000000000000002.log"), b.getMessage());
  }

  @Test
  void retentionCountsComeFromKafkasRule() throws Exception {
    Because b = failure("wrong/retention-strict", "retentionDeletesWholeOldSegments");
    assertEquals("whole-segment-retention", b.hint());
    assertTrue(b.getMessage().contains("deleteOldSegments(1900) on segments (name: bytes)"),
        b.getMessage());
    assertTrue(b.getMessage().contains("2000 bytes in all returned 0; expected 1. Without"
        + " segment 0 the log holds 2000 - 100 = 1900 >= 1900 bytes: delete it."),
        b.getMessage());
  }

  @Test
  void aScanFromTheSegmentStartIsCaughtByTheBytesItReads() throws Exception {
    Because b = failure("wrong/linear-scan", "readsUseTheIndex");
    assertEquals("sparse-index", b.hint());
    // Records of 0 to 96 bytes: the longest in a 1 MiB segment is 96 bytes.
    assertTrue(b.getMessage().contains("a sparse index with an entry every 4,096 bytes allows at"
        + " most 2 × 4,096 + 2 × (4 + 96) = 8,392."), b.getMessage());
    assertTrue(b.getMessage().matches("(?s).*read\\([0-9]+\\), a record of [0-9]+ bytes? at byte"
        + " [0-9,]+ of 00000000000000000000\\.log .* read [0-9,]+ bytes of \\.log files.*"),
        b.getMessage());
  }

  @Test
  void anIndexLostOnOpeningIsNamedAsARecoveryMistake() throws Exception {
    Because b = failure("wrong/reopen-without-index", "readsUseTheIndex");
    assertEquals("recover-on-open", b.hint());
    assertTrue(b.getMessage().contains("closed and opened again 1 time"), b.getMessage());
    assertTrue(b.getMessage().contains("rebuild (or load) every segment's index when opening"),
        b.getMessage());
  }

  @Test
  void aRetentionMistakeSeenAfterReopeningIsStillNamedAsRetention() throws Exception {
    // The suite replays the steps on a log that is never reopened: it fails the same way.
    Because b = failure("wrong/retention-at-most", "aReopenedLogContinues");
    assertEquals("whole-segment-retention", b.hint());
    assertTrue(b.getMessage().contains("closed and opened again"), b.getMessage());
    Because open = failure("wrong/reopen-forgets-size", "aReopenedLogContinues");
    assertEquals("recover-on-open", open.hint());
    assertTrue(open.getMessage().endsWith("without being closed and opened again passes them:"
        + " the difference comes from opening it again."), open.getMessage());
  }

  @Test
  void aStaticSettingIsNamedWhenTwoLogsShareIt() throws Exception {
    Because b = failure("wrong/static-segment-size", "theLogKeepsItsOwnBytes");
    assertEquals("own-your-bytes", b.hint());
    assertTrue(b.getMessage().startsWith("log a = new SegmentedLog(disk a, 40, 8)"),
        b.getMessage());
    assertTrue(b.getMessage().contains("each log rolls by its own segmentBytes"),
        b.getMessage());
  }

  @Test
  void aReadOutsideTheLogNamesTheRange() throws Exception {
    Because b = failure("wrong/read-past-end-null", "readsOutsideTheLogAreErrors");
    assertEquals("out-of-range", b.hint());
    assertEquals("new SegmentedLog(disk, 100, 16), nothing appended: read(0) returned null;"
        + " expected LogOffsetOutOfRangeException: 0 is the end offset itself, the next one to"
        + " be written, and the log holds no records (start = end = 0).", b.getMessage());
  }

  @Test
  void theUntouchedStubStillSaysWhatIsNotImplemented() throws Exception {
    Class<?> suite = compile(Files.readString(EXERCISE.resolve("SegmentedLog.java")));
    for (String test : List.of("recordsReadBackAcrossSegments", "argumentsAreChecked",
        "segmentsRollBeforeTheRecordThatWouldOverflow")) {
      Throwable t = run(suite, test);
      while (t != null && !(t instanceof UnsupportedOperationException)) {
        t = t.getCause();
      }
      assertInstanceOf(UnsupportedOperationException.class, t, test);
      assertTrue(t.getMessage().contains("TODO"), test);
    }
  }

  @Test
  void theReferenceAndTheRightVariantsPassEveryProperty() throws Exception {
    for (String variant : new String[] {null, "right/dense-index-files",
        "right/kafka-strict-interval-whole-records"}) {
      Class<?> suite = compile(learner(variant));
      for (Method m : suite.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Test.class)) {
          assertNull(run(suite, m.getName()), variant + ": " + m.getName());
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static Because failure(String variant, String test) throws Exception {
    Throwable t = run(compile(learner(variant)), test);
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof Because b) {
        return b;
      }
    }
    throw new AssertionError(variant + " did not fail " + test + " with a hint: " + t, t);
  }

  private static String learner(String variant) throws Exception {
    return Shipped.learnerTexts(Shipped.exercise("segmented-log"), variant)
        .get("SegmentedLog.java");
  }

  /** The suite class, compiled with {@code log} as the learner's SegmentedLog.java. */
  private static Class<?> compile(String log) throws Exception {
    return Shipped.suite(Shipped.exercise("segmented-log"), Map.of("SegmentedLog.java", log));
  }

  /** Runs one test method of the suite; the failure it threw, or null when it passed. */
  private static Throwable run(Class<?> suite, String test) throws Exception {
    return Shipped.invoke(suite, test);
  }
}
