package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.quiz.AnswerSheet;
import dstutor.quiz.Card;
import dstutor.quiz.QuizFile;
import dstutor.quiz.Shown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture's quiz exercise, sums-quiz, through show, submit, solution and course check. */
class QuizExerciseTest {
  private static final String REL = "quizzes/sums-quiz";
  private static final Map<String, Card> QUESTIONS = questions();

  private static Map<String, Card> questions() {
    Path root = CliHarness.fixtureCourse();
    QuizFile.Result r = QuizFile.load(root.resolve("solutions/" + REL + "/quiz.yaml"), root, null);
    assertEquals(List.of(), r.problems());
    Map<String, Card> out = new java.util.LinkedHashMap<>();
    r.questions().forEach(q -> out.put(q.id(), q));
    return out;
  }

  private static Shown shown(String id) {
    return AnswerSheet.shown(QUESTIONS.get(id));
  }

  /** The sheet as generated with {@code answers} filled in after their ids. */
  private static void answer(CliHarness cli, Map<String, String> answers) throws IOException {
    Path sheet = cli.workspace.resolve(REL).resolve("answers.yaml");
    String text = Files.readString(sheet);
    for (Map.Entry<String, String> a : answers.entrySet()) {
      assertTrue(text.contains("\n" + a.getKey() + ":\n"), a.getKey());
      text = text.replace("\n" + a.getKey() + ":\n", "\n" + a.getKey() + ": " + a.getValue()
          + "\n");
    }
    Files.writeString(sheet, text);
  }

  @Test
  void theSheetIsWrittenWithoutAnswersAndNeverOverwritten(@TempDir Path tmp) throws IOException {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result r = cli.run("show", "sums-quiz");
    assertEquals(0, r.code(), r.err());
    Path sheet = cli.workspace.resolve(REL).resolve("answers.yaml");
    assertTrue(r.out().contains("Edit:\n  " + sheet), r.out());
    String text = Files.readString(sheet);
    Shown zero = shown("zero");
    assertTrue(text.contains("# 1. What does adding zero to a number give?\n#    a) "
        + zero.lettered().get(0).substring(3) + "\n"), text);
    assertTrue(text.contains("#    (choose: one letter)\nzero:\n"), text);
    assertTrue(text.contains("\ncounter:\n"), text);
    for (String secret : new String[] {"correct", "why", "multiplying", "21600000", "working"}) {
      assertFalse(text.contains(secret), "the sheet gives away '" + secret + "': " + text);
    }
    Files.writeString(sheet, "zero: b\n");
    cli.run("show", "sums-quiz");
    assertEquals("zero: b\n", Files.readString(sheet), "the learner's sheet is kept");
  }

  @Test
  void anUntouchedSheetFailsAndSaysWhatToDo(@TempDir Path tmp) {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result r = cli.run("submit", "sums-quiz");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("created " + cli.workspace.resolve(REL).resolve("answers.yaml")),
        r.err());
    assertTrue(r.out().startsWith("✗ sums-quiz: no question answered yet"), r.out());
  }

  @Test
  void everyWrongAnswerIsExplainedWithTheRightOneAndTheLink(@TempDir Path tmp)
      throws IOException {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.run("show", "sums-quiz");
    Shown zero = shown("zero");
    Shown increasing = shown("increasing");
    char wrongChoice = zero.letterOf(1);
    String reversed = increasing.letterOf(2) + " " + increasing.letterOf(1) + " "
        + increasing.letterOf(0);
    answer(cli, Map.of("zero", String.valueOf(wrongChoice), "increasing", reversed,
        "overflow", "it stays positive", "counter", "5000"));
    CliHarness.Result r = cli.run("submit", "sums-quiz");
    assertEquals(1, r.code(), r.out() + r.err());
    String out = r.out();
    assertTrue(out.startsWith("✗ sums-quiz: 0 of 4 right (0%; the pass mark is 75%)"), out);
    assertTrue(out.contains("  ✗ zero: What does adding zero to a number give?\n"
        + "    you answered: " + wrongChoice + ") Zero\n"
        + "    why not " + wrongChoice + "): That is what multiplying by zero gives.\n"
        + "    the answer: " + zero.letterOf(0) + ") The number itself\n"
        + "    Zero is the identity of addition.\n"
        + "    read: dstutor read addition#the-identity\n"), out);
    assertTrue(out.contains("  ✗ increasing: Put these sums in increasing order.\n"
        + "    you answered: " + reversed + "\n    1 of 3 in the right place\n"
        + "    the answer: " + increasing.letterOf(0) + " " + increasing.letterOf(1) + " "
        + increasing.letterOf(2) + "\n"), out);
    assertTrue(out.contains("    read: dstutor read addition#adding-numbers\n"), out);
    assertTrue(out.contains("    not named: overflow\n"), out);
    assertTrue(out.contains("    a model answer: It overflows and wraps around to a negative"
        + " number.\n    read: dstutor read addition#trade-offs-and-failure-modes\n"), out);
    assertTrue(out.contains("    the answer: about 21.6 million increments (accepted: 10.8"
        + " million to 43.2 million)\n    working: 2,000 a second × 3 h × 3,600 s/h = 21.6"
        + " million increments.\n    read: dstutor read addition#a-worked-example\n"), out);
    assertTrue(out.contains("next hint (1 of 2): dstutor hint"), out);
  }

  @Test
  void theScoreMeetsThePassMarkAndTheWrongOneIsStillShown(@TempDir Path tmp)
      throws IOException {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.run("show", "sums-quiz");
    Shown increasing = shown("increasing");
    answer(cli, Map.of("zero", String.valueOf(shown("zero").letterOf(0)),
        "increasing", "" + increasing.letterOf(0) + increasing.letterOf(1)
            + increasing.letterOf(2),
        "overflow", "|\n  It overflows,\n  then wraps around.",
        "counter", "3 million"));
    CliHarness.Result r = cli.run("submit", "sums-quiz");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().startsWith("✓ sums-quiz: 3 of 4 right (75%; the pass mark is 75%)"),
        r.out());
    assertTrue(r.out().contains("  ✗ counter: A counter gains"), r.out());
    assertTrue(r.out().contains("Compare with the key: dstutor solution sums-quiz"), r.out());
    assertTrue(cli.run("progress").out().contains("Quizzes      1 of 1 done"));
    CliHarness.Result key = cli.run("solution", "sums-quiz");
    assertTrue(key.out().contains("\ncounter: 21600000\n"), key.out());
    assertTrue(key.out().contains("\nzero: " + shown("zero").letterOf(0) + "\n"), key.out());
  }

  @Test
  void aBrokenSheetSaysWhereWithLineAndColumn(@TempDir Path tmp) throws IOException {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.run("show", "sums-quiz");
    answer(cli, Map.of("zero", "[b"));
    Path sheet = cli.workspace.resolve(REL).resolve("answers.yaml");
    int line = Files.readAllLines(sheet).indexOf("zero: [b") + 1;
    CliHarness.Result r = cli.run("submit", "sums-quiz");
    assertEquals(1, r.code());
    assertTrue(r.out().startsWith("✗ sums-quiz: answers.yaml cannot be read"), r.out());
    assertTrue(r.out().contains("  " + sheet + ":" + line + ":"), r.out());
    assertTrue(r.out().contains("not valid YAML"), r.out());

    Files.writeString(sheet, Files.readString(sheet).replace("zero: [b", "zeros: b"));
    r = cli.run("submit", "sums-quiz");
    assertTrue(r.out().contains("  " + sheet + ":" + line + ":1: no question 'zeros' in this"
        + " quiz; did you mean 'zero'?\n    zeros: b\n    ^\n"), r.out());
    Files.writeString(sheet, Files.readString(sheet).replace("zeros: b", "zero: z"));
    r = cli.run("submit", "sums-quiz");
    assertTrue(r.out().contains("    line " + line + " of answers.yaml: 'z' is not one of the"
        + " letters a to c\n"), r.out());
  }

  @Test
  void aQuizHasNoSeedToReplay(@TempDir Path tmp) {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result r = cli.run("submit", "sums-quiz", "--seed", "3");
    assertEquals(2, r.code());
    assertEquals("error: sums-quiz is a quiz: it has no seeds to replay; submit it without"
        + " --seed\n", r.err());
  }

  @Test
  void courseCheckReportsABrokenQuestionWithItsPlace(@TempDir Path tmp) throws IOException {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    Path quiz = cli.course.resolve("solutions/" + REL + "/quiz.yaml");
    Files.writeString(quiz, Files.readString(quiz).replace(
        "        why: That is what multiplying by zero gives.\n", ""));
    CliHarness.Result r = cli.run("course", "check", "--exercise", "sums-quiz");
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("sums-quiz\n  ✗ " + quiz + ":9:9: the wrong choice 'Zero' has no"
        + " 'why'; say why it is wrong, the learner who picks it reads that\n"), r.out());
  }
}
