package dstutor.content;

import java.util.List;

/** A page that cannot be loaded, with every problem found as {@code file:line: message}. */
public final class ContentException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ContentException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
