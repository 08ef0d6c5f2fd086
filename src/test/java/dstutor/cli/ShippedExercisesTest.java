package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Course;
import dstutor.course.CourseLoader;
import dstutor.course.Exercise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The learner's path through every shipped exercise, as the issue states it: the untouched stub
 * fails, the reference solution copied over the workspace file passes, and the solution unlocks.
 */
class ShippedExercisesTest {
  static Stream<String> exercises() throws Exception {
    Course course = CourseLoader.load(Path.of("").toAbsolutePath());
    return course.ordered().stream().map(Exercise::id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exercises")
  void stubFailsSolutionPassesAndUnlocks(String id, @TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, Path.of("").toAbsolutePath());
    CliHarness.Result show = cli.run("show", id);
    assertEquals(0, show.code(), show.err());
    CliHarness.Result stub = cli.run("submit", id, "--json");
    assertEquals(1, stub.code(), stub.out() + stub.err());
    assertTrue(stub.out().contains("\"status\":\"failed\""), stub.out());

    Exercise e = CourseLoader.load(cli.course).find(id).orElseThrow();
    for (String f : e.files()) {
      Path target = cli.workspace.resolve(e.relDir()).resolve(f);
      if (e.isQuiz()) {
        // A quiz's key is made from its questions; there is no file of answers to copy.
        Files.writeString(target, dstutor.quiz.QuizExercise.key(e));
      } else {
        Files.copy(e.solutionDir().resolve(f), target,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    CliHarness.Result solved = cli.run("submit", id, "--json");
    assertEquals(0, solved.code(), solved.out() + solved.err());
    assertTrue(solved.out().contains("\"status\":\"passed\""), solved.out());
    CliHarness.Result solution = cli.run("solution", id);
    assertEquals(0, solution.code(), solution.err());
    assertTrue(solution.out().contains("(reference)"), solution.out());
  }
}
