package dstutor.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.yaml.Problem;
import dstutor.yaml.ProblemsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kind: quiz} in exercise.yaml: its own keys, and none of a code exercise's. */
class QuizKindTest {
  Path root;
  Path def;

  @BeforeEach
  void copyFixture(@TempDir Path tmp) throws IOException {
    root = tmp.resolve("course");
    Path from = Path.of("src/test/resources/fixture-course");
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = root.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    def = root.resolve("exercises/quizzes/sums-quiz/exercise.yaml");
  }

  private void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), "fixture lacks: " + from);
    Files.writeString(file, text.replace(from, to));
  }

  private String problems() {
    ProblemsException e = assertThrows(ProblemsException.class, () -> CourseLoader.load(root));
    return e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  @Test
  void aQuizExerciseHasItsQuizFileAndPassMark() throws Exception {
    Exercise e = CourseLoader.load(root).exercises().get("sums-quiz");
    assertTrue(e.isQuiz());
    assertEquals(75, e.pass());
    assertEquals(root.resolve("solutions/quizzes/sums-quiz/quiz.yaml"), e.quizFile());
    assertEquals(List.of(Exercise.ANSWERS), e.files());
    assertEquals(List.of(), e.given());
    assertEquals(null, e.suite());
    assertEquals(List.of("identity", "overflow"), e.hints().stream().map(Exercise.HintRung::id)
        .toList());
  }

  @Test
  void codeKeysOnAQuizAndQuizKeysOnCodeAreNamed() throws Exception {
    edit(def, "pass: 75", "pass: 75\nsuite: QuizSuite.java");
    edit(root.resolve("exercises/basics/adder/exercise.yaml"), "kind: code", "kind: code\n"
        + "pass: 80");
    String out = problems();
    assertTrue(out.contains(def + ":10:1: 'suite' is only for kind: code; a quiz exercise's"
        + " questions are in its 'quiz' file, and the learner writes answers.yaml; remove it"),
        out);
    assertTrue(out.contains("adder/exercise.yaml:4:1: 'pass' is only for kind: quiz; remove it"),
        out);
  }

  @Test
  void theQuizFileMustExistAndThePassMarkBeAPercentage() throws Exception {
    edit(def, "quiz: quiz.yaml", "quiz: questions.yaml");
    edit(def, "pass: 75", "pass: 120");
    String out = problems();
    assertTrue(out.contains(def + ":8:7: 'questions.yaml' is listed in 'quiz' but there is no "
        + root.resolve("solutions/quizzes/sums-quiz/questions.yaml") + " in the solutions"
        + " folder (the questions with their answers)"), out);
    assertTrue(out.contains(def + ":9:7: 'pass' must be from 1 to 100, not 120"), out);
  }

  @Test
  void anUnknownKindNamesBoth() throws Exception {
    edit(def, "kind: quiz", "kind: quizz");
    assertTrue(problems().contains("kind 'quizz' is not supported; this dstutor grades kind: code"
        + " and kind: quiz"));
  }
}
