package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.drill.DrillLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code course check} validates drills: the shipped ones load, and a broken copy (an unknown key,
 * a rubric link that does not resolve, overlapping phases) fails with file:line:column.
 */
class CourseCheckDrillsTest {
  @Test
  void theShippedDrillsLoadAndValidate() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    DrillLoader.Loaded drills = DrillLoader.check(root, dstutor.content.ContentCheck::seeProblem,
        dstutor.course.CourseLoader.load(root).exercises().keySet());
    assertEquals("[]", drills.problems().toString());
    assertTrue(drills.drills().size() >= 10, "only " + drills.drills().size() + " drills");
  }

  @Test
  void aBrokenDrillFailsCourseCheckWithItsPlace(@TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result ok = cli.run("course", "check", "--exercise", "sums-quiz");
    assertEquals(0, ok.code(), ok.out() + ok.err());
    assertTrue(ok.out().contains("drills\n  ✓ 1 drill(s)"), ok.out());

    Path drill = cli.course.resolve("content/drills/tiny-kv.yaml");
    String text = Files.readString(drill)
        .replace("title: A tiny replicated key-value store", "titel: A tiny key-value store")
        .replace("    at: 5\n", "    at: 4\n")
        .replace("read: content/patterns/addition.md#summary", "read: content/patterns/addition.md#sumary");
    Files.writeString(drill, text);
    CliHarness.Result bad = cli.run("course", "check", "--exercise", "sums-quiz");
    assertEquals(1, bad.code(), bad.out());
    String out = bad.out();
    assertTrue(out.contains(drill + ":2:1: unknown key 'titel'"), out);
    assertTrue(out.matches("(?s).*" + java.util.regex.Pattern.quote(drill.toString())
        + ":1[0-9]:\\d+: [^\\n]*overlap[^\\n]*\\n.*"), out);
    assertTrue(out.contains(drill + ":89:11: "), out);
    assertTrue(out.contains("#sumary"), out);
  }
}
