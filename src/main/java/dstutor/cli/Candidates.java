package dstutor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Completion candidates for the shell: exercise ids and page ids of the course in use. Read only
 * when completion asks, so they cost a plain command nothing.
 */
final class Candidates {
  /** The session of the running shell; completion happens only there. */
  static volatile Session session;

  private Candidates() {}

  /** Exercise ids, in path order. */
  static final class ExerciseIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      try {
        return List.copyOf(session.course().exercises().keySet()).iterator();
      } catch (RuntimeException e) {
        return List.<String>of().iterator();
      }
    }
  }

  /** Page ids: systems, then patterns. */
  static final class PageIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> ids = new ArrayList<>();
      try {
        Path content = session.courseRoot().resolve("content");
        for (String kind : new String[] {"systems", "patterns"}) {
          if (!Files.isDirectory(content.resolve(kind))) {
            continue;
          }
          try (Stream<Path> s = Files.list(content.resolve(kind))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted()
                .forEach(n -> ids.add(n.substring(0, n.length() - 3)));
          }
        }
      } catch (IOException | RuntimeException e) {
        // No completion then.
      }
      return ids.iterator();
    }
  }
}
