package dstutor.quiz;

import dstutor.course.LinkCheck;
import dstutor.yaml.Fields;
import dstutor.yaml.Problem;
import dstutor.yaml.ProblemsException;
import dstutor.yaml.YNode;
import dstutor.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The questions of a quiz exercise, with their answers: a YAML file in the exercise's solutions
 * folder whose {@code questions} are cards in the recall-card format (without a topic), checked
 * exactly as cards are.
 */
public final class QuizFile {
  static final Set<String> KEYS = new LinkedHashSet<>(List.of("questions", "sources"));

  /** The questions, in file order, and every problem found; questions with a problem are left out. */
  public record Result(List<Card> questions, List<Problem> problems) {
    public Result {
      questions = List.copyOf(questions);
      problems = List.copyOf(problems);
    }
  }

  private QuizFile() {}

  /** Reads {@code file}; {@code links} (may be null) says whether a {@code read:} link resolves. */
  public static Result load(Path file, Path courseRoot, LinkCheck links) {
    List<Problem> problems = new ArrayList<>();
    YNode doc;
    try {
      doc = YamlReader.readYaml(file);
    } catch (ProblemsException e) {
      return new Result(List.of(), e.problems());
    }
    Fields f = new Fields(doc, "a quiz file", problems);
    f.rejectUnknown(KEYS);
    f.strings("sources", false);
    List<YNode> nodes = f.nodes("questions", true);
    if (nodes.isEmpty() && f.map().get("questions") != null) {
      problems.add(Problem.at(f.locOf("questions"), "'questions' is empty; a quiz needs at"
          + " least one"));
    }
    CardReader reader = new CardReader(problems, courseRoot.toAbsolutePath().normalize(), links);
    Map<String, YNode.Loc> ids = new HashMap<>();
    List<Card> questions = new ArrayList<>();
    for (YNode n : nodes) {
      Card c = reader.read(n, null);
      if (c == null) {
        continue;
      }
      YNode.Loc first = ids.putIfAbsent(c.id(), c.loc());
      if (first != null) {
        problems.add(Problem.at(c.loc(), "question id '" + c.id() + "' is also used at line "
            + first.line() + "; ids must be unique in a quiz"));
        continue;
      }
      questions.add(c);
    }
    return new Result(questions, problems);
  }
}
