package dstutor.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pages of a course's {@code content/} folder. Finding a page only lists two folders, so that
 * {@code dstutor read} parses the one page it shows; {@link #all()} parses every page.
 */
public final class Pages {
  private final Path dir;
  private Map<String, Path> files;
  private final Map<String, Page> parsed = new LinkedHashMap<>();

  public Pages(Path contentDir) {
    this.dir = contentDir;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Every page file by id: systems first, then patterns, each sorted by name. An id found in both
   * folders keeps the system page ({@link ContentCheck#duplicates} reports it).
   */
  public Map<String, Path> files() {
    if (files == null) {
      Map<String, Path> found = new LinkedHashMap<>();
      for (Kind k : Kind.values()) {
        for (Path p : list(dir.resolve(k.folder()))) {
          found.putIfAbsent(idOf(p), p);
        }
      }
      files = found;
    }
    return files;
  }

  /** The page files of one folder, sorted. */
  static List<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  static String idOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - 3);
  }

  /** The kind of page {@code id} by its folder, without parsing it. */
  public Optional<Kind> kindOf(String id) {
    Path p = files().get(id);
    return p == null ? Optional.empty()
        : Optional.ofNullable(Kind.ofFolder(p.getParent().getFileName().toString()));
  }

  /** The parsed page {@code id}, or empty when there is no such file. Throws if it is broken. */
  public Optional<Page> find(String id) {
    Page p = parsed.get(id);
    if (p != null) {
      return Optional.of(p);
    }
    Path file = files().get(id);
    if (file == null) {
      return Optional.empty();
    }
    p = Page.load(file);
    parsed.put(id, p);
    return Optional.of(p);
  }

  /** Every page, parsed, in {@link #files()} order. Throws with the problems of every broken one. */
  public List<Page> all() {
    List<String> problems = new ArrayList<>();
    List<Page> out = loadable(problems);
    if (!problems.isEmpty()) {
      throw new ContentException(problems);
    }
    return out;
  }

  /** Every page that loads, in {@link #files()} order; the problems of the others go to {@code problems}. */
  public List<Page> loadable(List<String> problems) {
    List<Page> out = new ArrayList<>();
    for (String id : files().keySet()) {
      try {
        find(id).ifPresent(out::add);
      } catch (ContentException e) {
        problems.addAll(e.problems());
      }
    }
    return out;
  }

  /**
   * Normalises what a learner types to {@code read}: {@code Quorum}, {@code quorum.md},
   * {@code content/patterns/quorum.md#x} and {@code quorum#x} all become {@code quorum} plus the
   * anchor. Returns {id, anchor}; the anchor is empty when none was given.
   */
  public static String[] splitTarget(String typed) {
    String t = typed.strip();
    int hash = t.indexOf('#');
    String path = hash < 0 ? t : t.substring(0, hash);
    String anchor = hash < 0 ? "" : t.substring(hash + 1);
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.endsWith(".md")) {
      name = name.substring(0, name.length() - 3);
    }
    return new String[] {name.toLowerCase(Locale.ROOT), anchor.toLowerCase(Locale.ROOT)};
  }
}
