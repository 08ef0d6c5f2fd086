package dstutor.drill;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One timed mock design drill as its {@code content/drills/<id>.yaml} defines it (the format is
 * in spec/formats.md, "Drills"). Minutes are the planned ones; a run may rescale them.
 */
public record Drill(
    String id,
    String title,
    int minutes,
    List<String> systems,
    String prompt,
    List<Phase> phases,
    List<Curveball> curveballs,
    List<Concept> rubric,
    List<String> checklist,
    String outline,
    List<String> sources,
    Path file) {

  public Drill {
    systems = List.copyOf(systems);
    phases = List.copyOf(phases);
    curveballs = List.copyOf(curveballs);
    rubric = List.copyOf(rubric);
    checklist = List.copyOf(checklist);
    sources = List.copyOf(sources);
  }

  public Optional<Concept> concept(String id) {
    return rubric.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The sum of the rubric's weights: what full coverage is worth. */
  public int totalWeight() {
    return rubric.stream().mapToInt(Concept::weight).sum();
  }
}
