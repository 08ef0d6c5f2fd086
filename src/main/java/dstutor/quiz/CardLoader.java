package dstutor.quiz;

import dstutor.course.LinkCheck;
import dstutor.yaml.Fields;
import dstutor.yaml.Problem;
import dstutor.yaml.ProblemsException;
import dstutor.yaml.YNode;
import dstutor.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads the recall cards of a course, {@code content/cards/<topic>.yaml}, into a {@link Deck},
 * collecting every problem with file, line and column. A card with a problem is left out of the
 * deck and the others are kept, so that one bad card does not stop a learner's review.
 */
public final class CardLoader {
  static final Set<String> FILE_KEYS = new LinkedHashSet<>(List.of("topic", "sources", "cards"));
  /** Every pattern and system page should have at least this many cards. */
  public static final int MIN_CARDS_PER_PAGE = 5;

  /** The deck and every problem found while loading it. */
  public record Result(Deck deck, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  private final Path root;
  private final boolean strict;
  private final List<Problem> problems = new ArrayList<>();
  private final CardReader reader;
  private Map<String, Path> pages;
  // Where each card id was first seen, checked before the card itself so that a duplicate is
  // reported even on a card with other problems.
  private final Map<String, YNode.Loc> ids = new HashMap<>();

  private CardLoader(Path root, LinkCheck links) {
    this.root = root.toAbsolutePath().normalize();
    this.strict = links != null;
    this.reader = new CardReader(problems, this.root, links);
  }

  /**
   * The cards of the course in {@code courseRoot}, checked for their format; links are checked
   * only for their form (resolving them parses pages, which {@link #check} does).
   */
  public static Result load(Path courseRoot) {
    return new CardLoader(courseRoot, null).run();
  }

  /**
   * Everything {@link #load} checks, plus: every {@code read:} link resolves ({@code links} says
   * whether one does), every card file has a choice card, and every pattern and system page has
   * at least {@value #MIN_CARDS_PER_PAGE} cards once the course has a cards folder.
   */
  public static Result check(Path courseRoot, LinkCheck links) {
    return new CardLoader(courseRoot, links).run();
  }

  /** The cards folder of the course in {@code courseRoot}. */
  public static Path folder(Path courseRoot) {
    return courseRoot.resolve("content").resolve("cards");
  }

  private Result run() {
    Path dir = folder(root);
    List<Card> cards = new ArrayList<>();
    Map<String, Integer> perTopic = new HashMap<>();
    for (Path file : files(dir)) {
      String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      List<Card> read = readFile(file, stem);
      cards.addAll(read);
      perTopic.merge(stem, read.size(), Integer::sum);
    }
    if (strict && Files.isDirectory(dir)) {
      for (String page : pages().keySet()) {
        int n = perTopic.getOrDefault(page, 0);
        Path file = dir.resolve(page + ".yaml");
        if (n < MIN_CARDS_PER_PAGE && !Files.exists(file)) {
          problems.add(Problem.inFile(file, "page '" + page + "' has no recall cards; write at"
              + " least " + MIN_CARDS_PER_PAGE + " in this file"));
        }
      }
    }
    return new Result(new Deck(cards), problems);
  }

  private List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out = new ArrayList<>();
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".yaml")) {
          out.add(p);
        } else if (name.endsWith(".yml")) {
          problems.add(Problem.inFile(p, "card files end in .yaml; rename it to "
              + name.replaceFirst("\\.yml$", ".yaml")));
        }
      }
      return out;
    } catch (IOException e) {
      problems.add(Problem.inFile(dir, "cannot list the card files: " + e.getMessage()));
      return List.of();
    }
  }

  /** Pattern and system page ids, with their files; read from the folders, not parsed. */
  private Map<String, Path> pages() {
    if (pages != null) {
      return pages;
    }
    Map<String, Path> out = new TreeMap<>();
    for (String folder : new String[] {"patterns", "systems"}) {
      Path d = root.resolve("content").resolve(folder);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> s = Files.list(d)) {
        s.filter(p -> p.getFileName().toString().endsWith(".md")).forEach(p -> out.put(
            p.getFileName().toString().replaceFirst("\\.md$", ""), p));
      } catch (IOException e) {
        problems.add(Problem.inFile(d, "cannot list the pages: " + e.getMessage()));
      }
    }
    pages = out;
    return out;
  }

  private List<Card> readFile(Path file, String stem) {
    YNode doc;
    try {
      doc = YamlReader.readYaml(file);
    } catch (ProblemsException e) {
      problems.addAll(e.problems());
      return List.of();
    }
    Fields f = new Fields(doc, "a card file", problems);
    f.rejectUnknown(FILE_KEYS);
    String topic = f.string("topic", true);
    if (topic != null && !topic.equals(stem)) {
      problems.add(Problem.at(f.locOf("topic"), "topic '" + topic + "' differs from the file"
          + " name '" + stem + "'; a card file is content/cards/<topic>.yaml, make them equal"));
    }
    if (!pages().containsKey(stem)) {
      problems.add(Problem.at(topic != null ? f.locOf("topic") : f.map().loc(), "'" + stem
          + "' is not a page of the course: cards are about a pattern or system, so there must"
          + " be content/patterns/" + stem + ".md or content/systems/" + stem + ".md"));
    }
    List<String> sources = f.strings("sources", true);
    if (sources.isEmpty() && f.map().get("sources") != null) {
      problems.add(Problem.at(f.locOf("sources"), "'sources' is empty; list what the cards"
          + " were checked against"));
    }
    List<YNode> nodes = f.nodes("cards", true);
    if (nodes.isEmpty() && f.map().get("cards") != null) {
      problems.add(Problem.at(f.locOf("cards"), "'cards' is empty; write at least "
          + MIN_CARDS_PER_PAGE));
    }
    List<Card> out = new ArrayList<>();
    for (YNode n : nodes) {
      if (n instanceof YNode.YMap m && m.get("id") instanceof YNode.YScalar id
          && id.text() != null) {
        YNode.Loc first = ids.putIfAbsent(id.text(), n.loc());
        if (first != null) {
          problems.add(Problem.at(n.loc(), "card id '" + id.text() + "' is also used at "
              + first + "; card ids must be unique across all card files"));
          continue;
        }
      }
      Card c = reader.read(n, stem);
      if (c != null) {
        out.add(c);
      }
    }
    if (strict && !nodes.isEmpty()) {
      if (nodes.size() < MIN_CARDS_PER_PAGE) {
        problems.add(Problem.at(f.locOf("cards"), "'" + stem + "' has " + nodes.size()
            + " card(s); every pattern and system page needs at least " + MIN_CARDS_PER_PAGE));
      }
      if (out.size() == nodes.size()
          && out.stream().noneMatch(c -> c.answer() instanceof Card.Choice)) {
        problems.add(Problem.at(f.locOf("cards"), "'" + stem + "' has no choice card; mix"
            + " kinds, with at least one 'choices' card"));
      }
    }
    return out;
  }
}
