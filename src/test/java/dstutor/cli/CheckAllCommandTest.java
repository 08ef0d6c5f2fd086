package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dstutor check-all}: every started exercise graded, one row each. */
class CheckAllCommandTest {
  @Test
  void gradesEveryStartedExerciseAndSaysWhichFails(@TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result badJobs = cli.run("check-all", "--jobs", "0");
    assertEquals(2, badJobs.code());
    assertTrue(badJobs.err().contains("--jobs 0 is out of range; give 1 to 64"), badJobs.err());
    CliHarness.Result none = cli.run("check-all");
    assertEquals(0, none.code());
    assertTrue(none.out().contains("No exercise started"), none.out());

    cli.write("basics/adder", "SimpleAdder.java", SubmitTest.adder("return a + b;"));
    CliHarness.Result ok = cli.run("check-all", "--jobs", "2");
    assertEquals(0, ok.code(), ok.out() + ok.err());
    assertTrue(ok.out().matches("(?s)exercise +status +time +first failing property\n"
        + "adder +passed +\\d+\\.\\d s *\n.*"), ok.out());
    assertTrue(ok.out().contains("1 of 1 started exercises pass; 1 not started"), ok.out());

    cli.write("basics/adder", "SimpleAdder.java", SubmitTest.adder("return a - b;"));
    CliHarness.Result bad = cli.run("check-all");
    assertEquals(1, bad.code(), bad.out());
    assertTrue(bad.out().contains("failed 1/2") || bad.out().contains("failed 2/2"), bad.out());
    assertTrue(bad.out().contains("(hint: sum)"), bad.out());

    cli.write("basics/adder", "SimpleAdder.java", "public class SimpleAdder {");
    CliHarness.Result broken = cli.run("check-all");
    assertEquals(1, broken.code());
    assertTrue(broken.out().contains("compile_error") && broken.out().contains("SimpleAdder.java:"),
        broken.out());
    assertTrue(!Files.exists(cli.home.resolve("progress.json"))
        || !Files.readString(cli.home.resolve("progress.json")).matches(
            "(?s).*\"submits\"\\s*:\\s*[1-9].*"), "check-all records nothing");
  }
}
