package dstutor.content;

import java.util.List;

/**
 * What the graph needs to know of an exercise: the patterns it practises and the systems it is
 * drawn from (its {@code exercise.yaml} {@code patterns:} and {@code systems:} lists).
 */
public record ExerciseRef(String id, String title, List<String> patterns, List<String> systems) {
  public ExerciseRef {
    patterns = List.copyOf(patterns);
    systems = List.copyOf(systems);
  }
}
