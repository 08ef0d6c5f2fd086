package dstutor.yaml;

import java.util.List;

/** A course folder that cannot be used as it is: every problem found, each with its place. */
public final class ProblemsException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public ProblemsException(List<Problem> problems) {
    super(problems.isEmpty() ? "course is invalid" : problems.get(0).toString());
    this.problems = List.copyOf(problems);
  }

  public ProblemsException(Problem problem) {
    this(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }
}
