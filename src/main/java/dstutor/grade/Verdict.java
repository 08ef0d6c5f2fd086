package dstutor.grade;

import java.util.List;

/**
 * The outcome of grading one submission, as a value: what the learner sees and what {@code --json}
 * prints. {@code seed} is the seed of the first failing seeded property, if any.
 */
public record Verdict(
    String exercise,
    Status status,
    List<TestResult> tests,
    List<CompileError> compileErrors,
    String message,
    Long seed,
    long millis) {

  public Verdict {
    tests = List.copyOf(tests);
    compileErrors = List.copyOf(compileErrors);
  }

  /** The kinds of outcome. */
  public enum Status {
    PASSED,
    FAILED,
    COMPILE_ERROR,
    TIMEOUT,
    CRASHED;

    /** The lower-case name used in JSON. */
    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One property of the hidden suite. {@code status}: passed, failed, timeout, crashed, skipped. */
  public record TestResult(String name, String status, String message, String hint) {

    public boolean ok() {
      return status.equals("passed") || status.equals("skipped");
    }
  }

  /** A compile error in a learner's file, with its path as the learner knows it. */
  public record CompileError(String file, long line, long column, String sourceLine,
      String message) {
  }

  public long passed() {
    return tests.stream().filter(t -> t.status().equals("passed")).count();
  }

  public long failed() {
    return tests.stream().filter(t -> !t.ok()).count();
  }

  /** The hint id of the first property that did not hold, or null. */
  public String firstHint() {
    return tests.stream().filter(t -> !t.ok() && t.hint() != null).map(TestResult::hint)
        .findFirst().orElse(null);
  }

  public boolean isPassed() {
    return status == Status.PASSED;
  }
}
