package dstutor.grade;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messages between the tutor and its grading worker, over the worker's stdin and stdout in the
 * {@link Wire} format (never Java serialization: the worker runs learner code, which could write
 * crafted bytes to its standard output).
 */
final class WorkerProtocol {
  private WorkerProtocol() {}

  /** Run {@code suiteClass} against the compiled {@code classes}. */
  record Request(
      String exercise,
      String suiteClass,
      Map<String, byte[]> classes,
      Set<String> learnerFiles,
      Set<String> learnerClasses,
      Long seed,
      int testSeconds,
      int memoryMb,
      boolean full,
      boolean oneAtATime) {
    /** This request with every test run one at a time, whatever the suite allows. */
    Request withOneAtATime() {
      return new Request(exercise, suiteClass, classes, learnerFiles, learnerClasses, seed,
          testSeconds, memoryMb, full, true);
    }
  }

  /**
   * The worker began a test; lets the tutor name it if the worker dies. {@code sideBySide}: the
   * suite's tests run two at a time in this run.
   */
  record Started(String test, String hint, boolean sideBySide) {}

  /** The end of one request. {@code reusable} is false when the worker must not be used again. */
  record Result(
      Verdict.Status status,
      List<Verdict.TestResult> tests,
      String message,
      Long seed,
      boolean reusable) {}
}
