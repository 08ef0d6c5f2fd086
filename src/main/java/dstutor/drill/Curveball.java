package dstutor.drill;

import java.util.List;

/** A change of circumstances announced at minute {@code at}; {@code concepts} are rubric ids. */
public record Curveball(int at, String text, List<String> concepts) {
  public Curveball {
    concepts = List.copyOf(concepts);
  }
}
