package dstutor.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.commonmark.node.Heading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every page of the real course against the page format: front matter, sections, links. */
class ContentPagesTest {

  static Stream<String> ids() {
    return RealContent.ids();
  }

  @Test
  void allTwentySevenPagesExistAndNoOthers() {
    Set<String> expected = new LinkedHashSet<>();
    RealContent.SYSTEMS.forEach(s -> expected.add("systems/" + s + ".md"));
    RealContent.PATTERNS.forEach(p -> expected.add("patterns/" + p + ".md"));
    Set<String> found = new LinkedHashSet<>();
    for (Path p : RealContent.pages().files().values()) {
      found.add(RealContent.CONTENT.relativize(p).toString().replace('\\', '/'));
    }
    Set<String> missing = new LinkedHashSet<>(expected);
    missing.removeAll(found);
    Set<String> extra = new LinkedHashSet<>(found);
    extra.removeAll(expected);
    assertEquals(Set.of(), missing, "pages not written yet");
    assertEquals(Set.of(), extra, "pages the course does not list");
    assertEquals(List.of(), ContentCheck.duplicates(RealContent.pages()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void frontMatterParsesWithEveryKey(String id) {
    Page p = RealContent.page(id);
    assertEquals(id, p.id());
    assertFalse(p.title().isBlank());
    assertFalse(p.sources().isEmpty(), "sources");
    boolean system = RealContent.SYSTEMS.contains(id);
    assertEquals(system ? Kind.SYSTEM : Kind.PATTERN, p.kind());
    assertEquals(system ? FrontMatter.COMPARE_KEYS : List.of(),
        new ArrayList<>(p.compare().keySet()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void opensWithItsSummary(String id) {
    assertEquals(List.of(), ContentCheck.opensWithSummary(RealContent.page(id)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void hasTheRequiredSectionsInOrder(String id) {
    assertEquals(List.of(), ContentCheck.requiredSections(RealContent.page(id)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void everyLinkAndAnchorResolves(String id) {
    Page p = RealContent.page(id);
    assertEquals(List.of(), ContentCheck.links(p, RealContent.pages()));
    assertFalse(p.links().isEmpty(), id + " links nowhere");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void compareClaimsPointAtHeadingsOfThePage(String id) {
    assertEquals(List.of(), ContentCheck.compareAnchors(RealContent.page(id)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void sourcesSectionListsTheFrontMatterSources(String id) {
    assertEquals(List.of(), ContentCheck.sourcesListed(RealContent.page(id)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ids")
  void practiseItNamesOnlyExercisesOfTheCourse(String id) {
    Set<String> known = new LinkedHashSet<>(RealContent.EXERCISES);
    known.addAll(exerciseIds());
    assertEquals(List.of(), ContentCheck.practise(RealContent.page(id), known));
  }

  /** Each exercise is named on its patterns' pages, so `related` and the pages lead to it. */
  @Test
  void everyPatternPageNamesTheExercisesOfItsPattern() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path file : exerciseFiles()) {
      String id = file.getParent().getFileName().toString();
      String yaml = Files.readString(file);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^patterns: \\[(.*)\\]")
          .matcher(yaml);
      if (!m.find()) {
        continue;
      }
      for (String pattern : m.group(1).split(",\\s*")) {
        if (pattern.isBlank()) {
          continue; // patterns: []
        }
        Path page = RealContent.ROOT.resolve("content/patterns/" + pattern.trim() + ".md");
        String text = Files.readString(page);
        int at = text.indexOf("## Practise it");
        String section = at < 0 ? "" : text.substring(at, text.indexOf("\n## ", at + 3) < 0
            ? text.length() : text.indexOf("\n## ", at + 3));
        if (!section.contains("dstutor show " + id + "`")) {
          missing.add(pattern.trim() + ".md does not name `dstutor show " + id + "`");
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void requiredSubHeadingsExist() {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : RealContent.SUB_HEADINGS.entrySet()) {
      if (!RealContent.pages().files().containsKey(e.getKey())) {
        missing.add(e.getKey() + ".md (no page)");
        continue;
      }
      Set<String> h3 = new LinkedHashSet<>();
      for (Heading h : RealContent.page(e.getKey()).headings().keySet()) {
        if (h.getLevel() == 3) {
          h3.add(Anchors.textOf(h));
        }
      }
      for (String want : e.getValue()) {
        if (!h3.contains(want)) {
          missing.add(e.getKey() + ": ### " + want);
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void everyHintSeeLinkResolves() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path def : exerciseFiles()) {
      JsonNode hints = yaml.readTree(def.toFile()).path("hints");
      for (JsonNode h : hints) {
        String see = h.path("see").asText(null);
        if (see == null) {
          continue;
        }
        checked++;
        String bad = ContentCheck.seeProblem(RealContent.ROOT, see);
        if (bad != null) {
          problems.add(RealContent.ROOT.relativize(def) + ": hint " + h.path("id").asText()
              + ": " + bad);
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(checked > 0, "no hint has a see: link; are the exercises there?");
  }

  @Test
  void everyPageRendersWithinOneHundredColumnsWithoutColourCodes() {
    for (Page p : RealContent.pages().all()) {
      String text = TerminalRenderer.forPage(p, 100, false).render(p.document());
      assertFalse(text.contains("\u001b"), p.id());
      String[] lines = text.split("\n");
      for (int i = 0; i < lines.length; i++) {
        assertTrue(lines[i].codePointCount(0, lines[i].length()) <= 100,
            p.id() + " line " + (i + 1) + " is wider than 100: " + lines[i]);
      }
    }
  }

  static List<Path> exerciseFiles() throws IOException {
    Path dir = RealContent.ROOT.resolve("exercises");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().equals("exercise.yaml")).sorted().toList();
    }
  }

  static List<String> exerciseIds() {
    try {
      return exerciseFiles().stream().map(p -> p.getParent().getFileName().toString()).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
