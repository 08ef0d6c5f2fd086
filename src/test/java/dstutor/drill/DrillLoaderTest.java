package dstutor.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.content.ContentCheck;
import dstutor.yaml.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillLoaderTest {
  Path root;
  Path file;

  @BeforeEach
  void copyFixture(@TempDir Path tmp) throws IOException {
    root = Fixture.copyCourse(tmp);
    file = root.resolve("content/drills/tiny-kv.yaml");
  }

  private DrillLoader.Loaded check() {
    return DrillLoader.check(root, ContentCheck::seeProblem, Set.of("adder"));
  }

  /** Replaces the first {@code from} and returns "file:line:column" of where {@code to} is. */
  private String edit(String from, String to, String at) throws IOException {
    String text = Files.readString(file);
    int start = text.indexOf(from);
    assertTrue(start >= 0, "fixture lacks: " + from);
    text = text.substring(0, start) + to + text.substring(start + from.length());
    Files.writeString(file, text);
    int i = start + to.indexOf(at);
    int line = (int) text.substring(0, i).chars().filter(c -> c == '\n').count() + 1;
    int col = i - text.lastIndexOf('\n', i - 1);
    return file + ":" + line + ":" + col + ": ";
  }

  private String problems() {
    return check().problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  @Test
  void loadsTheFixtureDrill() {
    DrillLoader.Loaded l = check();
    assertEquals(List.of(), l.problems());
    Drill d = l.drills().get(0);
    assertEquals("tiny-kv", d.id());
    assertEquals(7, d.phases().size());
    assertEquals(List.of("requirements", "estimates", "api", "data-model", "high-level-design",
        "deep-dives", "failures"), d.phases().stream().map(Phase::id).toList());
    EstimateQuestion q = d.phases().get(1).estimates().get(1);
    assertEquals(new EstimateQuestion("storage", q.ask(), 100, "GB", 1.5,
        "50e6 × 2 KB = 100e9 bytes = 100 GB."), q);
    assertEquals(3, d.curveballs().size());
    assertEquals("adder", d.concept("partitioning").orElseThrow().exercise());
    assertEquals(23, d.totalWeight());
  }

  @Test
  void titlesOverTheirCapAreShownCutAndReportedByACheck() throws IOException {
    String title = "T".repeat(300);
    String at = edit("title: A tiny replicated key-value store", "title: " + title, title);
    String phase = edit("title: Requirements", "title: R" + title, "R" + title);
    Drill d = DrillLoader.load(root).drills().get(0);
    assertEquals("T".repeat(159) + "…", d.title());
    assertEquals("R" + "T".repeat(158) + "…", d.phases().get(0).title());
    assertEquals(at + "the title '" + "T".repeat(80) + "... (300 characters)' is over 160"
        + " characters, and shown cut; shorten it\n" + phase + "the title 'R" + "T".repeat(79)
        + "... (301 characters)' is over 160 characters, and shown cut; shorten it", problems());
  }

  @Test
  void anUnknownKeyIsReportedWithItsPlaceAndTheClosestKey() throws IOException {
    String at = edit("minutes: 45\n", "minutes: 45\nminuets: 3\n", "minuets");
    assertTrue(problems().contains(at + "unknown key 'minuets' in a drill; did you mean"
        + " 'minutes'?"), problems());
  }

  @Test
  void anUnknownKeyInAPhaseToo() throws IOException {
    String at = edit("    prompt: Sketch the calls.", "    promt: Sketch the calls.", "promt");
    assertTrue(problems().contains(at + "unknown key 'promt' in a phase; did you mean"
        + " 'prompt'?"), problems());
  }

  @Test
  void aRubricLinkThatDoesNotResolveIsReportedWithItsPlace() throws IOException {
    String at = edit("content/patterns/addition.md#the-identity",
        "content/patterns/addition.md#the-identty", "content");
    assertTrue(problems().contains(at + "read: 'content/patterns/addition.md#the-identty':"
        + " content/patterns/addition.md has no heading #the-identty; did you mean"
        + " #the-identity?"), problems());
  }

  @Test
  void aLinkToAMissingPageToo() throws IOException {
    String at = edit("content/patterns/addition.md#summary", "content/patterns/sum.md#summary",
        "content");
    assertTrue(problems().contains(at + "read: 'content/patterns/sum.md#summary' leads to"
        + " content/patterns/sum.md, which does not exist"), problems());
  }

  @Test
  void overlappingPhasesNameBothAndTheMinutes() throws IOException {
    String at = edit("    at: 10\n", "    at: 8\n", "8");
    assertTrue(problems().contains(at + "phase 'api' starts at minute 8, but phase 'estimates'"
        + " runs from minute 5 to 10; phases must not overlap"), problems());
  }

  @Test
  void aPhaseEndingAfterTheDrillSaysBoth() throws IOException {
    String at = edit("    at: 38\n    minutes: 7\n", "    at: 38\n    minutes: 9\n", "38");
    assertTrue(problems().contains(at + "phase 'failures' runs from minute 38 to 47, past the"
        + " drill's 45 minutes"), problems());
  }

  @Test
  void curveballsOutsideTheDrillOrNamingUnknownConcepts() throws IOException {
    String late = edit("  - at: 40\n", "  - at: 45\n", "45");
    String unknown = edit("concepts: [vector-clock]", "concepts: [vector-clocks]",
        "vector-clocks");
    String p = problems();
    assertTrue(p.contains(late + "curveball at minute 45 is outside the drill's 45 minutes"), p);
    assertTrue(p.contains(unknown + "curveball names concept 'vector-clocks', which is not in the"
        + " rubric; did you mean 'vector-clock'?"), p);
  }

  @Test
  void rubricPhasesWeightsDuplicatesPhrasesAndExercises() throws IOException {
    String phase = edit("phases: [deep-dives]", "phases: [deep-dive]", "deep-dive");
    String weight = edit("    weight: 4\n", "    weight: 6\n", "6");
    String dup = edit("  - id: gossip\n", "  - id: quorum\n", "quorum");
    String empty = edit("phrases: [read repair]", "phrases: [read repair, '-']", "'-'");
    String exercise = edit("exercise: adder", "exercise: addr", "addr");
    String p = problems();
    assertTrue(p.contains(phase + "concept 'read-repair' names phase 'deep-dive', which is not a"
        + " phase of this drill; did you mean 'deep-dives'?"), p);
    assertTrue(p.contains(weight + "'weight' must be from 1 to 5, not 6"), p);
    assertTrue(p.contains(dup + "rubric concept id 'quorum' is used twice"), p);
    assertTrue(p.contains(empty + "an empty phrase in concept 'read-repair'"), p);
    assertTrue(p.contains(exercise + "exercise 'addr' is not in the course; did you mean"
        + " 'adder'?"), p);
  }

  @Test
  void theOutlineMustEarnFullCoverage() throws IOException {
    String at = edit("outline: |", "outline: |", "|");
    edit("  - Gossip spreads membership and failure news.", "  - Membership spreads.", "M");
    assertTrue(problems().contains(at + "the outline mentions no phrase of concept 'gossip'"
        + " (gossip, failure detector); the model outline covers every rubric concept"),
        problems());
  }

  @Test
  void theIdMustBeTheFileName() throws IOException {
    String at = edit("id: tiny-kv", "id: tiny-kvs", "tiny-kvs");
    assertTrue(problems().contains(at + "id 'tiny-kvs' differs from the file name"
        + " 'tiny-kv.yaml'; make them equal"), problems());
  }

  @Test
  void phaseIdsComeFromTheListInOrder() throws IOException {
    String unknown = edit("  - id: api\n", "  - id: apis\n", "apis");
    String p = problems();
    assertTrue(p.contains(unknown + "phase id 'apis' is not one of requirements, estimates, api,"
        + " data-model, high-level-design, deep-dives, failures; did you mean 'api'?"), p);
  }

  @Test
  void estimatesNeedANumberAndASensibleFactor() throws IOException {
    String answer = edit("answer: 5800", "answer: lots", "lots");
    String within = edit("within: 1.5", "within: 1", "1");
    String p = problems();
    assertTrue(p.contains(answer + "'answer' must be a number, not 'lots'"), p);
    assertTrue(p.contains(within + "'within' is a factor above 1 and at most 10"), p);
  }

  @Test
  void missingKeysAndBadYamlAreReportedNotThrown() throws IOException {
    edit("title: A tiny replicated key-value store\n", "", "");
    Files.writeString(root.resolve("content/drills/broken.yaml"), "id: broken\n  title: x\n");
    String p = problems();
    assertTrue(p.contains(file + ":1:1: a drill has no 'title'; add 'title: ...'"), p);
    assertTrue(p.contains(root.resolve("content/drills/broken.yaml") + ":"), p);
    assertTrue(p.contains("not valid YAML"), p);
  }

  @Test
  void aRunLoadsOneDrillWithoutFollowingLinks() throws Exception {
    edit("addition.md#the-identity", "addition.md#the-identty", "content");
    assertEquals("tiny-kv", DrillLoader.one(root, "tiny-kv").id());
    assertEquals(List.of("tiny-kv"), DrillLoader.ids(root));
  }
}
