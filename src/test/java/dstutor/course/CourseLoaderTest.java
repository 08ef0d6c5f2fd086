package dstutor.course;

import dstutor.yaml.Problem;
import dstutor.yaml.ProblemsException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseLoaderTest {
  Path root;
  Path def;

  @BeforeEach
  void copyFixture(@TempDir Path tmp) throws IOException {
    root = tmp.resolve("course");
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
    }
    def = root.resolve("exercises/basics/adder/exercise.yaml");
  }

  private void edit(String from, String to) throws IOException {
    String text = Files.readString(def);
    assertTrue(text.contains(from), "fixture lacks: " + from);
    Files.writeString(def, text.replace(from, to));
  }

  private String problems(boolean strict) {
    ProblemsException e = assertThrows(ProblemsException.class,
        () -> { if (strict) { CourseLoader.check(root, dstutor.content.ContentCheck::seeProblem); } else { CourseLoader.load(root); } });
    return e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  @Test
  void aByteThatIsNotUtf8IsNamedWithItsLineAndColumn() throws IOException {
    byte[] text = Files.readAllBytes(def);
    String s = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("Add two", "Add\u00FF two");
    Files.write(def, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertEquals(def + ":2:11: byte 0xFF is not UTF-8; save the file as UTF-8 and retype the"
        + " character here", problems(false).lines().findFirst().orElseThrow());
  }

  @Test
  void aBriefThatIsNotUtf8IsACheckProblem() throws IOException {
    Files.write(def.resolveSibling("brief.md"), new byte[] {'H', 'i', '\n', (byte) 0xE2, 0x28});
    assertEquals(def.resolveSibling("brief.md") + ":2:1: byte 0xE2 is not UTF-8; save the file as"
        + " UTF-8 and retype the character here", problems(true).lines().findFirst().orElseThrow());
  }

  @Test
  void yamlErrorsAreWhereSnakeYamlFoundThemAndDeepNestingIsOne() throws IOException {
    edit("kind: code\n", "kind: code\n\tdifficulty: 1\n");
    assertTrue(problems(false).startsWith(def + ":4:1: not valid YAML: while scanning for the"
        + " next token, found character '\\t(TAB)'"), problems(false));
    Files.writeString(def, "id: adder\nfiles: " + "[".repeat(10_000) + "\n");
    assertEquals(def + ":2:1008: Document nesting depth (1001) exceeds the maximum allowed (1000);"
        + " no course file needs that much: simplify it",
        problems(false).lines().findFirst().orElseThrow());
  }

  @Test
  void hugeValuesAreQuotedShort() throws IOException {
    edit("requires: []", "requires: [" + "r".repeat(30_000) + "]");
    String p = problems(false);
    assertTrue(p.contains("'" + "r".repeat(80) + "... (30000 characters)'"), p.substring(0,
        Math.min(p.length(), 500)));
    assertTrue(p.length() < 1000, "a problem of " + p.length() + " characters");
  }

  @Test
  void aValueOverTheCapIsABrokenFile() throws IOException {
    edit("requires: []", "requires: [" + "r".repeat(2_000_000) + "]");
    String p = problems(false);
    assertTrue(p.contains(def + ":6:12: a value of 2000000 characters; values in a course file"
        + " are at most 40000 (did the file lose its line breaks?)"), p.substring(0,
        Math.min(p.length(), 500)));
    assertTrue(p.length() < 1000, "a problem of " + p.length() + " characters");
  }

  @Test
  void aTitleOverItsCapIsShownCutAndCheckReportsIt() throws Exception {
    String title = "Add ".repeat(100).strip();
    edit("title: Add two numbers", "title: " + title);
    Course c = CourseLoader.load(root);
    assertEquals(title.substring(0, 159) + "…", c.exercises().get("adder").title());
    assertEquals(def + ":2:8: the title '" + title.substring(0, 80) + "... (399 characters)' is"
        + " over 160 characters, and shown cut; shorten it", problems(true),
        "the only problem: the exercise still loads, and the quiz that requires it finds it");
  }

  @Test
  void aBriefHeadingOverItsCapIsReportedByCheck() throws Exception {
    Path brief = def.resolveSibling("brief.md");
    Files.writeString(brief, Files.readString(brief) + "\n## " + "h".repeat(2000) + "\n\n```\n# "
        + "c".repeat(2000) + "\n```\n");
    int line = (int) Files.readString(brief).lines().takeWhile(l -> !l.startsWith("## hhh"))
        .count() + 1;
    String p = problems(true);
    assertTrue(p.contains(brief + ":" + line + ":1: the heading '" + "h".repeat(80)
        + "... (2000 characters)' is over 160 characters, and shown cut; shorten it (or give it"
        + " the line break it lost)"), p);
    assertTrue(!p.contains("ccc"), "a line in fenced code is no heading: " + p);
  }

  @Test
  void loadsTheFixture() throws Exception {
    Course c = CourseLoader.check(root, dstutor.content.ContentCheck::seeProblem);
    assertEquals(List.of("adder", "sums-quiz"), List.copyOf(c.exercises().keySet()));
    Exercise e = c.exercises().get("adder");
    assertEquals("basics/adder", e.relDir());
    assertEquals(2, e.limits().testSeconds());
    assertEquals("sum", e.hints().get(0).id());
  }

  @Test
  void unknownKeyNamesFileLineColumnAndTheClosestKey() throws Exception {
    edit("minutes: 5", "minutes: 5\nhnits: []");
    String p = problems(false);
    assertTrue(p.contains(def + ":6:1: unknown key 'hnits' in exercise.yaml; did you mean"
        + " 'hints'?"), p);
  }

  @Test
  void brokenIndentationIsASyntaxErrorWithItsPlace() throws Exception {
    edit("  - id: zero", "   - id: zero");
    String p = problems(false);
    assertTrue(p.startsWith(def + ":"), p);
    assertTrue(p.contains("not valid YAML"), p);
    assertTrue(p.matches("(?s).*exercise\\.yaml:\\d+:\\d+: .*"), p);
  }

  @Test
  void missingRequiredKeySaysWhatToAdd() throws Exception {
    edit("title: Add two numbers\n", "");
    assertTrue(problems(false).contains("exercise.yaml has no 'title'; add 'title: ...'"));
  }

  @Test
  void badValueTypeIsNamed() throws Exception {
    edit("difficulty: 1", "difficulty: hard");
    assertTrue(problems(false).contains(def + ":4:13: 'difficulty' must be a whole number, not"
        + " 'hard'"), problems(false));
  }

  @Test
  void unknownPrerequisiteSuggestsTheClosestId() throws Exception {
    edit("requires: []", "requires: [addr]");
    assertTrue(problems(false).contains("requires 'addr', which is not an exercise of this"
        + " course; did you mean 'adder'?"), problems(false));
  }

  @Test
  void prerequisiteCycleIsFound() throws Exception {
    edit("requires: []", "requires: [adder]");
    assertTrue(problems(false).contains("prerequisites form a cycle: adder -> adder"),
        problems(false));
  }

  @Test
  void listedFileThatDoesNotExist() throws Exception {
    edit("files: [SimpleAdder.java]", "files: [SimpleAdder.java, Missing.java]");
    assertTrue(problems(false).contains("'Missing.java' is listed in 'files' but there is no"),
        problems(false));
  }

  @Test
  void hintWithoutSeeLink() throws Exception {
    edit("    see: content/patterns/addition.md#the-identity\n", "");
    assertTrue(problems(false).contains("a hint has no 'see'"), problems(false));
  }

  @Test
  void seeLinkToAMissingHeadingIsCaughtByTheStrictCheck() throws Exception {
    edit("addition.md#the-identity", "addition.md#the-identiti");
    CourseLoader.load(root);
    assertTrue(problems(true).contains("has no heading #the-identiti; did you mean"
        + " #the-identity?"), problems(true));
  }

  @Test
  void seeLinkToAMissingPage() throws Exception {
    edit("addition.md#the-identity", "subtraction.md#x");
    assertTrue(problems(true).contains("leads to content/patterns/subtraction.md, which does not"
        + " exist"), problems(true));
  }

  @Test
  void duplicateExerciseOnTheTrack() throws Exception {
    Path course = root.resolve("exercises/course.yaml");
    Files.writeString(course, Files.readString(course).replace("[adder]", "[adder, adder]"));
    assertTrue(problems(false).contains("exercise 'adder' is listed twice"), problems(false));
  }

  @Test
  void exerciseOnNoTrackAndUnknownId() throws Exception {
    Path course = root.resolve("exercises/course.yaml");
    Files.writeString(course, Files.readString(course).replace("[adder]", "[addre]"));
    String p = problems(false);
    assertTrue(p.contains("no exercise 'addre'"), p);
    assertTrue(p.contains("did you mean 'adder'?"), p);
    assertTrue(p.contains("exercise 'adder' is on no track"), p);
  }

  @Test
  void idMustMatchItsFolder() throws Exception {
    edit("id: adder", "id: summer");
    assertTrue(problems(false).contains("id 'summer' differs from its folder name 'adder'"));
  }

  @Test
  void twoExercisesWithAClassOfTheSameNameClash() throws Exception {
    Path copy = root.resolve("exercises/basics/adder2");
    Files.createDirectories(copy);
    for (String f : new String[] {"Adder.java", "SimpleAdder.java", "brief.md"}) {
      Files.copy(def.resolveSibling(f), copy.resolve(f));
    }
    // Its own learner file, the same given interface.
    Files.move(copy.resolve("SimpleAdder.java"), copy.resolve("OtherAdder.java"));
    Files.writeString(copy.resolve("exercise.yaml"), Files.readString(def)
        .replace("id: adder", "id: adder2").replace("[SimpleAdder.java]", "[OtherAdder.java]"));
    Path solutions = root.resolve("solutions/basics/adder2");
    Files.createDirectories(solutions);
    Files.copy(root.resolve("solutions/basics/adder/SimpleAdder.java"),
        solutions.resolve("OtherAdder.java"));
    Files.copy(root.resolve("solutions/basics/adder/AdderSuite.java"),
        solutions.resolve("AdderSuite.java"));
    Path course = root.resolve("exercises/course.yaml");
    Files.writeString(course, Files.readString(course).replace("[adder]", "[adder, adder2]"));
    String p = problems(false);
    assertTrue(p.contains("adder2/exercise.yaml") && p.contains("class Adder (Adder.java) is also"
        + " in exercise 'adder'"), p);
    assertFalse(p.contains("SimpleAdder") || p.contains("OtherAdder"), p);
  }
}
