package dstutor.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a history checker found.
 *
 * @param verdict the answer
 * @param marks the operations it objects to, by history id, each with the reason (for {@link
 *     Timeline#marks(Map)}); empty unless a violation
 * @param explanation one sentence for the learner: what went wrong, or why the answer is unknown
 */
public record CheckResult(Verdict verdict, Map<Integer, String> marks, String explanation) {
  /** The three answers a checker can give. */
  public enum Verdict {
    /** The history satisfies the property. */
    OK,
    /** The history breaks the property; {@link CheckResult#marks()} says where. */
    VIOLATION,
    /** The checker ran out of budget before it could decide. Never a guess. */
    UNKNOWN
  }

  public CheckResult {
    marks = Collections.unmodifiableMap(new LinkedHashMap<>(marks));
  }

  public static CheckResult ok() {
    return new CheckResult(Verdict.OK, Map.of(), "");
  }

  public boolean isOk() {
    return verdict == Verdict.OK;
  }

  public boolean isViolation() {
    return verdict == Verdict.VIOLATION;
  }
}
