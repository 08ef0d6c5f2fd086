package dstutor.session;

import dstutor.course.Course;
import dstutor.course.Exercise;
import dstutor.progress.Progress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One line of mastery per pattern and per system, from the four things the learner does: exercises
 * passed (and hints used on them), recall cards answered right on their last review, and the drill
 * concepts that link the topic's page and were covered. The weakest topics get the one step that
 * helps most next. Pure: the faces gather the inputs.
 */
public final class Mastery {
  private Mastery() {}

  /** Recall of one topic's cards: how many, how many reviewed, right on the last review, due. */
  public record Recall(int cards, int reviewed, int rightLast, int due) {
    public static final Recall NONE = new Recall(0, 0, 0, 0);
  }

  /** Drill concepts whose reading is the topic's page, over all past drills, and how many covered. */
  public record Drills(int concepts, int covered) {
    public static final Drills NONE = new Drills(0, 0);
  }

  /** A topic: a pattern or a system page id, and which of the two it is. */
  public record Topic(String id, boolean system) {}

  /** The mastery of one topic; {@code score} from 0 to 1 is the mean of the parts it has. */
  public record Line(Topic topic, List<String> exercises, List<String> passed, int hints,
      Recall recall, Drills drills, double score) {
    /** Whether the learner has done anything at all on this topic. */
    public boolean started() {
      return !passed.isEmpty() || hints > 0 || recall.reviewed() > 0 || drills.concepts() > 0;
    }

    /** The one step that helps this topic most now, as a command to type. */
    public String next() {
      for (String e : exercises) {
        if (!passed.contains(e)) {
          return "dstutor show " + e;
        }
      }
      if (recall.due() > 0 || (recall.cards() > 0 && recall.rightLast() < recall.cards())) {
        return "dstutor quiz " + topic.id();
      }
      return "dstutor read " + topic.id();
    }
  }

  /**
   * The lines for {@code topics}, in their order. {@code recall} and {@code drills} are by topic
   * id; a missing topic has none.
   */
  public static List<Line> of(Course course, Progress progress, List<Topic> topics,
      Map<String, Recall> recall, Map<String, Drills> drills) {
    List<Line> out = new ArrayList<>();
    for (Topic t : topics) {
      List<String> exercises = new ArrayList<>();
      List<String> passed = new ArrayList<>();
      int hints = 0;
      for (Exercise e : course.ordered()) {
        if ((t.system() ? e.systems() : e.patterns()).contains(t.id())) {
          exercises.add(e.id());
          if (progress.passed(e.id())) {
            passed.add(e.id());
          }
          hints += progress.peek(e.id()).hintsShown();
        }
      }
      Recall r = recall.getOrDefault(t.id(), Recall.NONE);
      Drills d = drills.getOrDefault(t.id(), Drills.NONE);
      double sum = 0;
      int parts = 0;
      if (!exercises.isEmpty()) {
        sum += (double) passed.size() / exercises.size();
        parts++;
      }
      if (r.cards() > 0) {
        sum += (double) r.rightLast() / r.cards();
        parts++;
      }
      if (d.concepts() > 0) {
        sum += (double) d.covered() / d.concepts();
        parts++;
      }
      out.add(new Line(t, List.copyOf(exercises), List.copyOf(passed), hints, r, d,
          parts == 0 ? 0 : sum / parts));
    }
    return out;
  }

  /**
   * The {@code n} weakest lines, lowest score first; topics with nothing to practise yet (no
   * exercise, no card) are left out, and ties keep the course's order.
   */
  public static List<Line> weakest(List<Line> lines, int n) {
    return lines.stream()
        .filter(l -> !l.exercises().isEmpty() || l.recall().cards() > 0)
        .sorted(Comparator.comparingDouble(Line::score))
        .limit(n)
        .toList();
  }
}
