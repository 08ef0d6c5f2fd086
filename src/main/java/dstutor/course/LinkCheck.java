package dstutor.course;

import java.nio.file.Path;

/**
 * Whether a link from the course (a hint's {@code see}, a card's {@code read}) resolves: a path from
 * the course root with an optional {@code #anchor}. The content package answers it; the course
 * model only asks, so that neither package depends on the other.
 */
@FunctionalInterface
public interface LinkCheck {
  /** Null when {@code link} resolves; otherwise what is wrong, phrased for the author. */
  String problem(Path courseRoot, String link);
}
