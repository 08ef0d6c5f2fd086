package dstutor.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cross-reference graph of the course: which systems use a pattern and which patterns a
 * system uses (from front matter {@code related}, read both ways), which pages link to which (from
 * the links in the text) and which exercises practise a pattern or draw on a system.
 */
public final class Graph {
  private final Map<String, Page> pages = new LinkedHashMap<>();
  private final Map<String, Set<String>> linksFrom = new LinkedHashMap<>();
  private final Map<String, Set<String>> linksTo = new LinkedHashMap<>();
  private final List<ExerciseRef> exercises;

  private Graph(List<Page> pages, List<ExerciseRef> exercises) {
    for (Page p : pages) {
      this.pages.put(p.id(), p);
    }
    for (Page p : pages) {
      for (Link l : p.links()) {
        Link.Target t = Link.resolve(p.kind(), p.id(), l.destination());
        if (t != null && t.isPage() && !t.pageId().equals(p.id())) {
          linksFrom.computeIfAbsent(p.id(), k -> new LinkedHashSet<>()).add(t.pageId());
          linksTo.computeIfAbsent(t.pageId(), k -> new LinkedHashSet<>()).add(p.id());
        }
      }
    }
    this.exercises = List.copyOf(exercises);
  }

  /** The graph of these pages and exercises. */
  public static Graph of(List<Page> pages, List<ExerciseRef> exercises) {
    return new Graph(pages, exercises);
  }

  public Optional<Page> page(String id) {
    return Optional.ofNullable(pages.get(id));
  }

  /** Every page id, systems first, in the order the pages were given. */
  public Set<String> ids() {
    return pages.keySet();
  }

  public boolean isSystem(String id) {
    return pages.containsKey(id) && pages.get(id).kind() == Kind.SYSTEM;
  }

  public boolean isPattern(String id) {
    return pages.containsKey(id) && pages.get(id).kind() == Kind.PATTERN;
  }

  /**
   * The systems that use {@code pattern}: those whose page lists it, then any the pattern page
   * lists that do not list it back (a gap {@link ContentCheck} reports).
   */
  public List<String> systemsUsing(String pattern) {
    Set<String> out = new LinkedHashSet<>();
    for (Page p : pages.values()) {
      if (p.kind() == Kind.SYSTEM && p.related().contains(pattern)) {
        out.add(p.id());
      }
    }
    Page self = pages.get(pattern);
    if (self != null) {
      for (String r : self.related()) {
        if (isSystem(r)) {
          out.add(r);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * The patterns {@code system} uses, in the order its page lists them; a pattern id without a
   * page yet is kept so that the gap shows.
   */
  public List<String> patternsOf(String system) {
    Page self = pages.get(system);
    return self == null ? List.of() : relatedNonSystems(self);
  }

  /** The patterns a pattern page lists as related (not the systems). */
  public List<String> relatedPatterns(String pattern) {
    Page self = pages.get(pattern);
    return self == null || self.kind() != Kind.PATTERN ? List.of() : relatedNonSystems(self);
  }

  private List<String> relatedNonSystems(Page self) {
    List<String> out = new ArrayList<>();
    for (String r : self.related()) {
      if (!isSystem(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Pages linked from {@code id}'s text, in order of first link. */
  public List<String> linksFrom(String id) {
    return new ArrayList<>(linksFrom.getOrDefault(id, Set.of()));
  }

  /** Pages whose text links to {@code id}. */
  public List<String> linksTo(String id) {
    return new ArrayList<>(linksTo.getOrDefault(id, Set.of()));
  }

  /**
   * The exercises for a page: for a pattern, those that practise it; for a system, those drawn
   * from it.
   */
  public List<ExerciseRef> exercisesFor(String id) {
    List<ExerciseRef> out = new ArrayList<>();
    for (ExerciseRef e : exercises) {
      if (isSystem(id) ? e.systems().contains(id) : e.patterns().contains(id)) {
        out.add(e);
      }
    }
    return out;
  }
}
