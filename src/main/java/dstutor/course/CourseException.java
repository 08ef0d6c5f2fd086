package dstutor.course;

import java.util.List;

/** A course folder that cannot be used as it is: every problem found, each with its place. */
public final class CourseException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public CourseException(List<Problem> problems) {
    super(problems.isEmpty() ? "course is invalid" : problems.get(0).toString());
    this.problems = List.copyOf(problems);
  }

  public CourseException(Problem problem) {
    this(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }
}
