package dstutor.content;

import dstutor.yaml.Problem;
import java.util.List;

/** A page that cannot be loaded, with every problem found as {@code file:line: message}. */
public final class ContentException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The longest problem kept whole, its file and line included. */
  static final int MAX_PROBLEM = 300;
  private final List<String> problems;

  public ContentException(List<String> problems) {
    super(String.join("\n", clipped(problems)));
    this.problems = clipped(problems);
  }

  /** A page's text is quoted in places; a huge heading must not make a huge message. */
  private static List<String> clipped(List<String> problems) {
    return problems.stream().map(p -> Problem.clip(p, MAX_PROBLEM)).toList();
  }

  public List<String> problems() {
    return problems;
  }
}
