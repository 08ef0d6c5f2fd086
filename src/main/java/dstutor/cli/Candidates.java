package dstutor.cli;

import dstutor.session.Session;
import dstutor.content.Pages;
import dstutor.drill.DrillLoader;
import java.util.Iterator;
import java.util.List;

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
      try {
        return List.copyOf(new Pages(session.courseRoot().resolve("content")).files().keySet())
            .iterator();
      } catch (RuntimeException e) {
        return List.<String>of().iterator();
      }
    }
  }

  /** Pattern page ids. */
  static final class PatternIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return ofKind(dstutor.content.Kind.PATTERN).iterator();
    }
  }

  /** System page ids. */
  static final class SystemIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return ofKind(dstutor.content.Kind.SYSTEM).iterator();
    }
  }

  private static List<String> ofKind(dstutor.content.Kind kind) {
    try {
      Pages pages = new Pages(session.courseRoot().resolve("content"));
      return pages.files().keySet().stream()
          .filter(id -> pages.kindOf(id).orElse(null) == kind).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** Drill ids: the file names in content/drills. */
  static final class DrillIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      try {
        return DrillLoader.ids(session.courseRoot()).iterator();
      } catch (RuntimeException e) {
        return List.<String>of().iterator();
      }
    }
  }
}
