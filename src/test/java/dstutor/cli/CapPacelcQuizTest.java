package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.quiz.AnswerCheck;
import dstutor.quiz.Card;
import dstutor.quiz.QuizFile;
import dstutor.quiz.Shown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped classification quizzes, cap and pacelc, through show, submit and progress on a copy
 * of the real course: every wrong choice is explained with its link, the key passes, and the pass
 * mark is applied at its edge.
 */
class CapPacelcQuizTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  private static List<Card> questions(String id) {
    QuizFile.Result r = QuizFile.load(ROOT.resolve("solutions/patterns/" + id + "/quiz.yaml"),
        ROOT, null);
    assertEquals(List.of(), r.problems());
    return r.questions();
  }

  private static int passMark(String id) throws IOException {
    Matcher m = Pattern.compile("(?m)^pass: (\\d+)$").matcher(Files.readString(
        ROOT.resolve("exercises/patterns/" + id + "/exercise.yaml")));
    assertTrue(m.find(), id + " states no pass mark");
    return Integer.parseInt(m.group(1));
  }

  private static List<Integer> wrongOptions(Card q) {
    List<Integer> out = new ArrayList<>();
    List<Card.Option> options = ((Card.Choice) q.answer()).options();
    for (int i = 0; i < options.size(); i++) {
      if (!options.get(i).correct()) {
        out.add(i);
      }
    }
    return out;
  }

  /** The letters of the right answer to a choice or order question, as a learner types them. */
  private static String right(Card q) {
    Shown s = AnswerSheet.shown(q);
    StringBuilder out = new StringBuilder();
    if (q.answer() instanceof Card.Choice c) {
      for (int i = 0; i < c.options().size(); i++) {
        if (c.options().get(i).correct()) {
          out.append(out.length() == 0 ? "" : " ").append(s.letterOf(i));
        }
      }
    } else {
      Card.Order o = (Card.Order) q.answer();
      for (int i = 0; i < o.items().size(); i++) {
        out.append(out.length() == 0 ? "" : " ").append(s.letterOf(i));
      }
    }
    return out.toString();
  }

  /** The sheet as generated, with every question answered by {@code answer}. */
  private static void answerAll(CliHarness cli, String id, List<Card> qs,
      Function<Card, String> answer) throws IOException {
    Path sheet = cli.workspace.resolve("patterns/" + id + "/answers.yaml");
    String text = Files.readString(sheet);
    for (Card q : qs) {
      assertTrue(text.contains("\n" + q.id() + ":\n"), q.id());
      text = text.replace("\n" + q.id() + ":\n", "\n" + q.id() + ": " + answer.apply(q) + "\n");
    }
    Files.writeString(sheet, text);
  }

  private static CliHarness shown(Path tmp, String id) {
    CliHarness cli = new CliHarness(tmp, ROOT);
    CliHarness.Result r = cli.run("show", id);
    assertEquals(0, r.code(), r.err());
    return cli;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cap", "pacelc"})
  void everyWrongChoiceIsExplainedWithTheSectionToRead(String id, @TempDir Path tmp)
      throws IOException {
    List<Card> qs = questions(id);
    assertTrue(qs.size() >= 10 && qs.size() <= 14, id + " has " + qs.size() + " questions");
    int rounds = qs.stream().filter(q -> q.answer() instanceof Card.Choice)
        .mapToInt(q -> wrongOptions(q).size()).max().orElseThrow();
    CliHarness cli = shown(tmp, id);
    // Round k answers every choice question with its k-th wrong choice (cycling), so that every
    // wrong choice of every question is submitted once at least; order questions are reversed.
    for (int round = 0; round < rounds; round++) {
      final int k = round;
      Path sheet = cli.workspace.resolve("patterns/" + id + "/answers.yaml");
      Files.delete(sheet);
      cli.run("show", id);
      Map<String, Character> picked = new LinkedHashMap<>();
      answerAll(cli, id, qs, q -> {
        Shown s = AnswerSheet.shown(q);
        if (q.answer() instanceof Card.Order o) {
          StringBuilder rev = new StringBuilder();
          for (int i = o.items().size() - 1; i >= 0; i--) {
            rev.append(rev.length() == 0 ? "" : " ").append(s.letterOf(i));
          }
          return rev.toString();
        }
        List<Integer> wrong = wrongOptions(q);
        char letter = s.letterOf(wrong.get(k % wrong.size()));
        picked.put(q.id(), letter);
        return String.valueOf(letter);
      });
      CliHarness.Result r = cli.run("submit", id);
      assertEquals(1, r.code(), r.out() + r.err());
      String out = r.out();
      assertTrue(out.startsWith("✗ " + id + ": 0 of " + qs.size() + " right (0%; the pass mark is "
          + passMark(id) + "%)"), out);
      for (Card q : qs) {
        assertTrue(out.contains("  ✗ " + q.id() + ": "), q.id() + " not reported wrong: " + out);
        String read = "    read: " + AnswerCheck.readCommand(q.read()) + "\n";
        int at = out.indexOf("  ✗ " + q.id() + ": ");
        int next = out.indexOf("\n  ✗ ", at + 1);
        String block = out.substring(at, next < 0 ? out.length() : next + 1);
        assertTrue(block.contains(read), q.id() + " does not link " + read + ": " + block);
        if (q.answer() instanceof Card.Choice c) {
          char letter = picked.get(q.id());
          Card.Option o = c.options().get(AnswerSheet.shown(q).at(letter - 'a'));
          assertTrue(!o.correct(), q.id());
          assertTrue(block.contains("why not " + letter + "): " + o.why() + "\n"),
              q.id() + " does not explain " + letter + ") '" + o.text() + "': " + block);
          assertTrue(block.contains("    the answer: "), block);
        } else {
          assertTrue(block.contains("in the right place"), block);
          assertTrue(block.contains("    the answer: " + right(q) + "\n"), block);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cap", "pacelc"})
  void theKeyPassesAndThePassMarkIsAppliedAtItsEdge(String id, @TempDir Path tmp)
      throws IOException {
    List<Card> qs = questions(id);
    int pass = passMark(id);
    assertTrue(Files.readString(ROOT.resolve("exercises/patterns/" + id + "/brief.md"))
        .contains("**" + pass + "%**"), "the brief states the pass mark");
    int need = (pass * qs.size() + 99) / 100;
    // Below the mark: need - 1 right fails.
    CliHarness cli = shown(tmp.resolve("below"), id);
    answerAll(cli, id, qs, q -> qs.indexOf(q) < need - 1 ? right(q) : wrongFor(q));
    CliHarness.Result r = cli.run("submit", id);
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().startsWith("✗ " + id + ": " + (need - 1) + " of " + qs.size() + " right ("),
        r.out());
    assertTrue(r.out().contains("the pass mark is " + pass + "%)"), r.out());
    // At the mark: need right passes, and the wrong ones are still explained.
    Files.delete(cli.workspace.resolve("patterns/" + id + "/answers.yaml"));
    cli.run("show", id);
    answerAll(cli, id, qs, q -> qs.indexOf(q) < need ? right(q) : wrongFor(q));
    r = cli.run("submit", id);
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().startsWith("✓ " + id + ": " + need + " of " + qs.size() + " right ("),
        r.out());
    assertTrue(r.out().contains("  ✗ " + qs.get(qs.size() - 1).id() + ": "), r.out());
    // It counts in progress: on the patterns track, and on its pattern's line.
    String progress = cli.run("progress").out();
    assertTrue(Pattern.compile("(?m)^Patterns\\s+1 of \\d+ done$").matcher(progress).find(),
        progress);
    assertTrue(Pattern.compile("(?m)^" + id + "\\s+1 of 1\\s").matcher(progress).find(),
        progress);
    // The key, all right.
    CliHarness all = shown(tmp.resolve("key"), id);
    answerAll(all, id, qs, CapPacelcQuizTest::right);
    r = all.run("submit", id);
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().startsWith("✓ " + id + ": " + qs.size() + " of " + qs.size()
        + " right (100%; the pass mark is " + pass + "%)"), r.out());
    CliHarness.Result key = all.run("solution", id);
    assertEquals(0, key.code(), key.err());
    assertTrue(key.out().contains("── commentary ──"), key.out());
  }

  private static String wrongFor(Card q) {
    Shown s = AnswerSheet.shown(q);
    if (q.answer() instanceof Card.Order o) {
      StringBuilder rev = new StringBuilder();
      for (int i = o.items().size() - 1; i >= 0; i--) {
        rev.append(rev.length() == 0 ? "" : " ").append(s.letterOf(i));
      }
      return rev.toString();
    }
    return String.valueOf(s.letterOf(wrongOptions(q).get(0)));
  }

  /** Shorthand for the fixed lettering of a question. */
  private static final class AnswerSheet {
    static Shown shown(Card q) {
      return dstutor.quiz.AnswerSheet.shown(q);
    }
  }
}
