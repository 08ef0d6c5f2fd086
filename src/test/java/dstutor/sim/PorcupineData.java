package dstutor.sim;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds porcupine's histories for the tests: the system property {@code dstutor.porcupine}, else
 * the environment variable {@code DSTUTOR_PORCUPINE}, else {@code ../shared/peer-data/porcupine}
 * beside the repository (where CI clones it). Missing, they fail the test under CI and skip it
 * elsewhere.
 */
final class PorcupineData {
  private PorcupineData() {}

  static Path dir() {
    String named = System.getProperty("dstutor.porcupine", System.getenv("DSTUTOR_PORCUPINE"));
    Path dir = named != null ? Paths.get(named)
        : Paths.get(System.getProperty("dstutor.course", ".")).resolve(
            "../shared/peer-data/porcupine").normalize();
    if (!Files.isRegularFile(dir.resolve("expected.tsv"))) {
      String why = "porcupine's histories are not at " + dir.toAbsolutePath()
          + " (no expected.tsv): clone shared/ beside the repository, or set DSTUTOR_PORCUPINE"
          + " or -Ddstutor.porcupine to their folder";
      if (System.getenv("CI") != null) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    return dir;
  }
}
