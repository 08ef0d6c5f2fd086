package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Because;
import org.junit.jupiter.api.Test;

/**
 * The write-ahead-log hidden suite judged where its verdicts depend on its own machinery: its
 * per-cause diagnoses must name the cause. (The disk it crashes, dstutor.sim.CrashDisk, is tested
 * on its own: CrashDiskTest.) The suite runs in this JVM, compiled in memory with the reference or
 * a variant.
 */
class WriteAheadLogSuiteTest {
  private static final String ID = "write-ahead-log";

  @Test
  void anAcknowledgementBeforeItsFsyncIsShownWithTheCallsInOrder() throws Exception {
    Throwable t = run(compile("wrong/ack-before-fsync"), "acknowledgedOnlyAfterFsync");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("fsync-before-ack", b.hint());
    assertTrue(b.getMessage().startsWith("Batch 1: append(#0), then sync(): acknowledge(0) came"
        + " before an fsync of the last change made before it. Your calls, in order:"
        + " append(wal, 16 bytes), acknowledge(0), fsync()."), b.getMessage());
  }

  @Test
  void aTornTailLeftInPlaceIsBlamedOnTheMissingCut() throws Exception {
    Throwable t = run(compile("wrong/no-cut"), "tornTailIsCutAndAppendsFollow");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("cut-the-torn-tail", b.hint());
    assertTrue(b.getMessage().contains("log 2: recover() -> #0 \"alpha\", #1"), b.getMessage());
    assertTrue(b.getMessage().contains("recover() returned 2 records; expected at least 3."
        + " Record #2 was acknowledged, so it must survive. It was appended by log 2, whose"
        + " recover() left the file as the crash had left it"), b.getMessage());
  }

  @Test
  void aRecoveryCutThatIsNotFsyncedIsBlamedOnThatWhenThePowerGoesRightAfter() throws Exception {
    Throwable t = run(compile("wrong/cut-not-synced"), "tornTailIsCutAndAppendsFollow");
    Because b = assertInstanceOf(Because.class, t);
    assertEquals("cut-the-torn-tail", b.hint());
    assertTrue(b.getMessage().contains("the power went off between calls; left unsynced:"
        + " write(wal, "), b.getMessage());
    assertTrue(b.getMessage().contains("But recover() changed the disk and returned without an"
        + " fsync"), b.getMessage());
  }

  // ---------------------------------------------------------------------------------------------

  /** The suite compiled with the reference (null) or variant {@code variant}. */
  private static Class<?> compile(String variant) throws Exception {
    return Shipped.suite(Shipped.exercise(ID), Shipped.learnerTexts(Shipped.exercise(ID),
        variant));
  }

  /** Runs one test method of the suite; the failure it threw, or null when it passed. */
  private static Throwable run(Class<?> suite, String test) throws Exception {
    return Shipped.invoke(suite, test);
  }
}
