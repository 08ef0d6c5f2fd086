package dstutor.quiz;

import dstutor.quiz.Card.Choice;
import dstutor.quiz.Card.Estimate;
import dstutor.quiz.Card.Order;
import dstutor.quiz.Card.Terms;
import dstutor.term.Wrap;
import dstutor.yaml.Problem;
import dstutor.yaml.ProblemsException;
import dstutor.yaml.Suggest;
import dstutor.yaml.YNode;
import dstutor.yaml.YNode.YList;
import dstutor.yaml.YNode.YMap;
import dstutor.yaml.YNode.YScalar;
import dstutor.yaml.YamlReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quiz exercise's {@code answers.yaml}: written for the learner with every question as a
 * comment and an empty answer after its id, and read back with the place of each answer. The
 * letters of choices and items are fixed per question id ({@link #shown}), so that a sheet keeps
 * its meaning between submits.
 */
public final class AnswerSheet {
  private static final int WIDTH = 96;

  /** One answer as written, and where. */
  public record Answer(String text, YNode.Loc loc) {}

  /** The answers by question id; {@code problems} when the sheet cannot be read as a whole. */
  public record Sheet(Map<String, Answer> answers, List<Problem> problems) {}

  private AnswerSheet() {}

  /** How a quiz question is lettered, the same on every run. */
  public static Shown shown(Card question) {
    return Shown.of(question, Shown.seed(question.id(), 0));
  }

  /**
   * The sheet for the learner: a header that says how to answer, each question as a comment and
   * {@code id:} with an empty value; with {@code key}, the right answers filled in instead.
   */
  public static String write(String id, String title, int pass, List<Card> questions,
      boolean key) {
    StringBuilder b = new StringBuilder();
    comment(b, title + " (" + id + "): write each answer after its question's id, then run"
        + " `dstutor submit " + id + "`. You pass with " + pass + "% of the answers right; each"
        + " wrong one is explained, with the section to read.", "");
    b.append("#   choose:        the letter, or letters, like  b  or  a, c\n");
    b.append("#   put in order:  all the letters in order, like  c a b d\n");
    b.append("#   explain:       a sentence or two; for several lines, write  |  and indent the"
        + " lines below\n");
    b.append("#   estimate:      a number, like 5800, 5.8k, 2.5e6 or 3 million\n");
    int n = 0;
    for (Card q : questions) {
      n++;
      Shown s = shown(q);
      b.append("\n");
      comment(b, n + ". " + q.ask(), "   ");
      for (String item : s.lettered()) {
        comment(b, "   " + item, "      ");
      }
      comment(b, "   (" + QuizSession.kindName(q) + ": " + s.howToAnswer()
          .replace("; end with an empty line", "") + ")", "");
      b.append(q.id()).append(':');
      if (key) {
        b.append(keyAnswer(s));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static void comment(StringBuilder b, String text, String continuation) {
    List<String> lines = Wrap.line(text, WIDTH - 2);
    for (int i = 0; i < lines.size(); i++) {
      String l = i == 0 ? lines.get(i) : continuation + lines.get(i).strip();
      b.append(l.isEmpty() ? "#" : "# " + l).append('\n');
    }
  }

  /** The right answer as the learner would write it after the id (with its leading space). */
  private static String keyAnswer(Shown s) {
    Card.Answer a = s.card().answer();
    if (a instanceof Choice c) {
      List<String> letters = new ArrayList<>();
      for (int i = 0; i < c.options().size(); i++) {
        if (c.options().get(s.at(i)).correct()) {
          letters.add(String.valueOf(Shown.letter(i)));
        }
      }
      return " " + String.join(", ", letters);
    }
    if (a instanceof Order o) {
      List<String> letters = new ArrayList<>();
      for (int k = 0; k < o.items().size(); k++) {
        letters.add(String.valueOf(s.letterOf(k)));
      }
      return " " + String.join(" ", letters);
    }
    if (a instanceof Terms t) {
      StringBuilder b = new StringBuilder(" |");
      for (String line : Wrap.line(t.model().replace('\n', ' '), WIDTH - 2)) {
        b.append("\n  ").append(line.strip());
      }
      return b.toString();
    }
    return " " + BigDecimal.valueOf(((Estimate) a).answer()).stripTrailingZeros()
        .toPlainString();
  }

  /** Reads the learner's sheet: answers by id, or the problems that stop it being read. */
  public static Sheet read(Path file, String text, List<Card> questions) {
    Map<String, Answer> answers = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    if (text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
      return new Sheet(answers, problems);
    }
    YNode doc;
    try {
      doc = YamlReader.parseYaml(file, text);
    } catch (ProblemsException e) {
      return new Sheet(answers, e.problems());
    }
    if (!(doc instanceof YMap map)) {
      problems.add(Problem.at(doc.loc(), "answers.yaml must hold one 'question-id: answer' line"
          + " per question, as it was written for you"));
      return new Sheet(answers, problems);
    }
    Map<String, Card> byId = new LinkedHashMap<>();
    questions.forEach(q -> byId.put(q.id(), q));
    map.entries().forEach((id, e) -> {
      if (!byId.containsKey(id)) {
        String close = Suggest.closest(id, byId.keySet());
        problems.add(Problem.at(e.keyLoc(), "no question '" + id + "' in this quiz"
            + (close != null ? "; did you mean '" + close + "'?" : "; the ids are the names"
                + " before ':' in the sheet as it was written for you")));
        return;
      }
      String value = value(e.value());
      if (value == null && !(e.value() instanceof YScalar)) {
        problems.add(Problem.at(e.value().loc(), "the answer to '" + id + "' must be one value"
            + " on its line (or an indented text after |), not a mapping"));
      } else if (value != null && !value.isBlank()) {
        answers.put(id, new Answer(value, e.value().loc()));
      }
    });
    return new Sheet(answers, problems);
  }

  /** A scalar's text, or a list of scalars joined by spaces ([a, c]); null for anything else. */
  private static String value(YNode n) {
    if (n instanceof YScalar s) {
      return s.text();
    }
    if (n instanceof YList l && l.items().stream().allMatch(i -> i instanceof YScalar s
        && s.text() != null)) {
      return String.join(" ", l.items().stream().map(i -> ((YScalar) i).text()).toList());
    }
    return null;
  }
}
