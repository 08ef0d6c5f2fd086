package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped course is tested like code: it loads, every stub compiles and fails its suite,
 * every reference solution passes, every known-wrong variant fails with the hint it declares.
 */
class CourseCheckTest {
  static Path repoCourse(Path tmp) {
    Path copy = tmp.resolve("course");
    for (String dir : new String[] {"exercises", "solutions", "content"}) {
      CliHarness.copyTree(Path.of(dir).toAbsolutePath(), copy.resolve(dir));
    }
    return copy;
  }

  @Test
  void theShippedCoursePassesItsOwnCheck(@TempDir Path tmp) {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result r = cli.run("course", "check", Path.of("").toAbsolutePath().toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("all checks passed"), r.out());
  }

  @Test
  void theFixtureCoursePassesAndCountsItsChecks(@TempDir Path tmp) {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result r = cli.run("course", "check");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("✓ solution passes (2 properties"), r.out());
    assertTrue(r.out().contains("✓ stub fails (2 of 2 properties fail)"), r.out());
    assertTrue(r.out().contains("✓ wrong/subtracts.diff fails with hint sum"), r.out());
    assertTrue(r.out().contains("✓ right/commuted.diff passes (adds b to a)"), r.out());
  }

  @Test
  void aCorrectVariantThatFailsIsAFailedCheck(@TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    Path v = cli.course.resolve("solutions/basics/adder/right/commuted.diff");
    Files.writeString(v, Files.readString(v).replace("+    return b + a;", "+    return b * a;"));
    CliHarness.Result r = cli.run("course", "check", "--exercise", "adder");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("✗ right/commuted.diff is correct but does not pass"), r.out());
  }

  @Test
  void aVariantThatPassesIsAFailedCheck(@TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    Path v = cli.course.resolve("solutions/basics/adder/wrong/subtracts.diff");
    Files.writeString(v, Files.readString(v).replace("+    return a - b;", "+    return b + a;"));
    CliHarness.Result r = cli.run("course", "check");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("✗ wrong/subtracts.diff passes; the suite must catch it"),
        r.out());
  }

  @Test
  void aVariantThatNoLongerAppliesSaysSo(@TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    Path ref = cli.course.resolve("solutions/basics/adder/SimpleAdder.java");
    Files.writeString(ref, Files.readString(ref).replace("return a + b;", "return b + a;"));
    CliHarness.Result r = cli.run("course", "check");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("subtracts.diff no longer applies to the reference"
        + " SimpleAdder.java"), r.out());
  }

  @Test
  void aVariantWithoutItsHintLineIsReportedWithItsPlace(@TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    Path v = cli.course.resolve("solutions/basics/adder/wrong/subtracts.diff");
    Files.writeString(v, Files.readString(v).replace("hint: sum", "hnt: sum"));
    CliHarness.Result r = cli.run("course", "check");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains(v + ":2: expected 'description: ...' or 'hint: ...'"), r.out());
  }

  @Test
  void aVariantNamingAnUnknownHintIsReportedWithItsLine(@TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    Path v = cli.course.resolve("solutions/basics/adder/wrong/subtracts.diff");
    Files.writeString(v, Files.readString(v).replace("hint: sum", "hint: summ"));
    CliHarness.Result r = cli.run("course", "check");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains(v + ":2: hint 'summ' is not a hint id of adder"), r.out());
  }

  @Test
  void unknownKeyInACopyOfTheRealCourseExitsTwoWithItsPlace(@TempDir Path tmp) throws Exception {
    Path course = repoCourse(tmp);
    Path def = course.resolve("exercises/patterns/bloom-filter/exercise.yaml");
    Files.writeString(def, Files.readString(def).replace("minutes:", "minuets: 3\nminutes:"));
    CliHarness cli = new CliHarness(tmp.resolve("h"), CliHarness.fixtureCourse());
    CliHarness.Result r = cli.run("course", "check", course.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(def + ":5:1: unknown key 'minuets'"), r.err());
  }

  @Test
  void brokenIndentationInACopyOfTheRealCourseExitsTwoWithItsPlace(@TempDir Path tmp)
      throws Exception {
    Path course = repoCourse(tmp);
    Path def = course.resolve("exercises/patterns/bloom-filter/exercise.yaml");
    Files.writeString(def, Files.readString(def).replace("\nkind: code", "\n  kind: code"));
    CliHarness cli = new CliHarness(tmp.resolve("h"), CliHarness.fixtureCourse());
    CliHarness.Result r = cli.run("course", "check", course.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().matches("(?s).*" + java.util.regex.Pattern.quote(def.toString())
        + ":\\d+:\\d+: not valid YAML.*"), r.err());
  }
}
