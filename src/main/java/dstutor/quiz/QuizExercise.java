package dstutor.quiz;

import dstutor.course.Exercise;
import dstutor.course.LinkCheck;
import dstutor.yaml.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A quiz exercise on the card engine: its questions, the answer sheet the learner starts from,
 * grading a sheet against the pass mark, and what {@code course check} verifies. Grading runs in
 * the calling process: there is no learner code to contain.
 */
public final class QuizExercise {
  /** The outcome for one question: right, wrong, unanswered or unreadable, and what to show. */
  public record Graded(Card question, boolean right, String message) {}

  /**
   * A graded sheet. {@code problems}: the sheet could not be read as a whole (then nothing was
   * graded); otherwise one {@link Graded} per question, and the score against the pass mark.
   */
  public record Result(List<Graded> questions, List<Problem> problems, int right, int percent,
      int pass) {
    public boolean passed() {
      return problems.isEmpty() && percent >= pass;
    }

    /** Whether no question has an answer yet. */
    public boolean untouched() {
      return problems.isEmpty() && questions.stream().allMatch(g -> g.message() != null
          && g.message().startsWith(NOT_ANSWERED));
    }
  }

  /** One thing {@code course check} verified about a quiz exercise. */
  public record Finding(boolean ok, String text) {}

  static final String NOT_ANSWERED = "not answered yet";

  private QuizExercise() {}

  /** The questions of {@code e}; a problem in its quiz file is an IOException saying where. */
  public static List<Card> questions(Exercise e) throws IOException {
    QuizFile.Result r = QuizFile.load(e.quizFile(), courseRoot(e), null);
    if (!r.problems().isEmpty()) {
      throw new IOException("the questions of " + e.id() + " have " + r.problems().size()
          + " problem(s); the first:\n  " + r.problems().get(0) + "\n`dstutor course check`"
          + " lists them all");
    }
    return r.questions();
  }

  /** The answer sheet a learner starts from: every question, no answer. */
  public static String stub(Exercise e) throws IOException {
    return AnswerSheet.write(e.id(), e.title(), e.pass(), questions(e), false);
  }

  /** The sheet with every right answer: what {@code dstutor solution} shows once passed. */
  public static String key(Exercise e) throws IOException {
    return AnswerSheet.write(e.id(), e.title(), e.pass(), questions(e), true);
  }

  /** Grades the learner's sheet {@code answers}. */
  public static Result grade(Exercise e, Path answers) throws IOException {
    return grade(questions(e), answers, Files.readString(answers), e.pass());
  }

  static Result grade(List<Card> questions, Path file, String text, int pass) {
    AnswerSheet.Sheet sheet = AnswerSheet.read(file, text, questions);
    if (!sheet.problems().isEmpty()) {
      return new Result(List.of(), sheet.problems(), 0, 0, pass);
    }
    List<Graded> out = new ArrayList<>();
    int right = 0;
    for (Card q : questions) {
      AnswerSheet.Answer a = sheet.answers().get(q.id());
      if (a == null) {
        out.add(new Graded(q, false, NOT_ANSWERED + ": write your answer after '" + q.id()
            + ":' in " + file.getFileName()));
        continue;
      }
      Outcome o = AnswerCheck.check(AnswerSheet.shown(q), a.text());
      if (!o.readable()) {
        out.add(new Graded(q, false, "line " + a.loc().line() + " of " + file.getFileName()
            + ": " + o.problem()));
      } else if (o.right()) {
        right++;
        out.add(new Graded(q, true, null));
      } else {
        out.add(new Graded(q, false, String.join("\n", o.lines())));
      }
    }
    int percent = questions.isEmpty() ? 0 : right * 100 / questions.size();
    return new Result(out, List.of(), right, percent, pass);
  }

  /**
   * What {@code course check} verifies: the questions load (links resolved by {@code links}),
   * the untouched sheet fails and the key passes with every answer right.
   */
  public static List<Finding> check(Exercise e, LinkCheck links) {
    List<Finding> out = new ArrayList<>();
    QuizFile.Result r = QuizFile.load(e.quizFile(), courseRoot(e), links);
    for (Problem p : r.problems()) {
      out.add(new Finding(false, p.toString()));
    }
    if (!r.problems().isEmpty() || r.questions().isEmpty()) {
      return out;
    }
    List<Card> qs = r.questions();
    out.add(new Finding(true, qs.size() + " questions load, with their links"));
    Path sheet = e.dir().resolve(Exercise.ANSWERS);
    Result stub = grade(qs, sheet, AnswerSheet.write(e.id(), e.title(), e.pass(), qs, false),
        e.pass());
    out.add(stub.passed() || !stub.problems().isEmpty()
        ? new Finding(false, "the answer sheet as generated must fail, but: " + describe(stub))
        : new Finding(true, "the answer sheet as generated fails (" + stub.right() + " of "
            + qs.size() + " right)"));
    Result key = grade(qs, sheet, AnswerSheet.write(e.id(), e.title(), e.pass(), qs, true),
        e.pass());
    if (key.problems().isEmpty() && key.right() == qs.size()) {
      out.add(new Finding(true, "the key passes (" + key.right() + " of " + qs.size()
          + " right, pass mark " + e.pass() + "%)"));
    } else {
      out.add(new Finding(false, "the key must answer every question right, but: "
          + describe(key)));
    }
    return out;
  }

  private static String describe(Result r) {
    if (!r.problems().isEmpty()) {
      return r.problems().get(0).toString();
    }
    StringBuilder b = new StringBuilder(r.right() + " of " + r.questions().size() + " right");
    r.questions().stream().filter(g -> !g.right()).forEach(g -> b.append("\n  ")
        .append(g.question().id()).append(": ").append(g.message().replace("\n", "\n    ")));
    return b.toString();
  }

  /** The course root: exercises/<relDir>/ is the exercise's folder. */
  private static Path courseRoot(Exercise e) {
    Path dir = e.dir();
    for (String ignored : e.relDir().split("/")) {
      dir = dir.getParent();
    }
    return dir.getParent();
  }
}
