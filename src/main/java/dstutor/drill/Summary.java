package dstutor.drill;

import java.util.List;

/**
 * A run's result as saved with its state, so that history, mastery and recall cards can read it
 * without the drill's definition: overall coverage, time, and every rubric concept with its link.
 */
public record Summary(int coverage, long plannedMillis, long usedMillis,
    List<ConceptResult> concepts) {

  public Summary {
    concepts = List.copyOf(concepts);
  }

  /** One rubric concept: whether the answers mentioned it, and where to read and practise it. */
  public record ConceptResult(String id, String concept, int weight, String read, String exercise,
      boolean covered) {
    /**
     * The page the {@code read} link leads to, as a page id: {@code quorum} for {@code
     * content/patterns/quorum.md#sloppy-quorums}.
     */
    public String page() {
      int hash = read.indexOf('#');
      String path = hash < 0 ? read : read.substring(0, hash);
      String name = path.substring(path.lastIndexOf('/') + 1);
      return name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    }
  }

  /** The summary of {@code state} against {@code drill}'s rubric, measured now. */
  public static Summary of(Drill drill, RunState state) {
    Coverage c = Coverage.of(drill, state.answers());
    List<ConceptResult> concepts = c.concepts().stream().map(cc -> new ConceptResult(
        cc.concept().id(), cc.concept().concept(), cc.concept().weight(), cc.concept().read(),
        cc.concept().exercise(), cc.mentioned())).toList();
    return new Summary(c.percent(), new Plan(drill, state.minutes).plannedEnd(), state.elapsed,
        concepts);
  }

  public List<ConceptResult> missed() {
    return concepts.stream().filter(r -> !r.covered()).toList();
  }
}
