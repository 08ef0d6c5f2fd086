package dstutor.drill;

import java.util.List;

/**
 * One rubric concept: mentioned when any of its {@code phrases} appears in an answer (see {@link
 * Phrases}); expected in {@code phases}; {@code read} is a course-relative link such as {@code
 * content/patterns/quorum.md#sloppy-quorums}; {@code exercise} is optional (null when none).
 */
public record Concept(
    String id,
    String concept,
    List<String> phases,
    int weight,
    List<String> phrases,
    String read,
    String exercise) {

  public Concept {
    phases = List.copyOf(phases);
    phrases = List.copyOf(phrases);
  }

  /** The command that opens {@code read}: {@code dstutor read quorum#sloppy-quorums}. */
  public String readCommand() {
    return readCommand(read);
  }

  /** {@code content/patterns/quorum.md#x} becomes {@code dstutor read quorum#x}. */
  public static String readCommand(String read) {
    if (read == null) {
      return null;
    }
    int hash = read.indexOf('#');
    String path = hash < 0 ? read : read.substring(0, hash);
    String page = path.substring(path.lastIndexOf('/') + 1);
    if (page.endsWith(".md")) {
      page = page.substring(0, page.length() - 3);
    }
    return "dstutor read " + page + (hash < 0 ? "" : read.substring(hash));
  }
}
