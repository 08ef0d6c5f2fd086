package dstutor.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The fixture course (with its drill tiny-kv) copied into a test's folder. */
final class Fixture {
  private Fixture() {}

  static Path copyCourse(Path tmp) {
    Path root = tmp.resolve("course");
    Path from = Path.of("src/test/resources/fixture-course");
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = root.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  static Drill drill() {
    try {
      return DrillLoader.one(Path.of("src/test/resources/fixture-course").toAbsolutePath(),
          "tiny-kv");
    } catch (dstutor.yaml.ProblemsException e) {
      throw new IllegalStateException(e.problems().toString());
    }
  }
}
