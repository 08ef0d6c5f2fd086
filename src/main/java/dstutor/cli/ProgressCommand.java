package dstutor.cli;

import dstutor.session.Session;
import dstutor.course.Course;
import dstutor.content.Kind;
import dstutor.content.Pages;
import dstutor.course.Track;
import dstutor.session.Mastery;
import dstutor.progress.Progress;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import dstutor.drill.DrillHistory;
import dstutor.drill.Summary.ConceptResult;
import dstutor.quiz.Quiz;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code dstutor progress}: done per track, hints used, first-submit passes. */
@Command(name = "progress", mixinStandardHelpOptions = true,
    description = {"Show your progress: exercises done per track, hints used, first-try passes,",
        "and one line of mastery per pattern and per system: exercises passed, hints used,",
        "recall cards right on their last review, and drill concepts covered; then the",
        "weakest topics with the next step for each."})
final class ProgressCommand extends BaseCommand {
  @Override
  int run(Session session) {
    Course course = session.course();
    Progress p = session.progress();
    Console c = session.console();
    int done = 0;
    int hints = 0;
    int firstTry = 0;
    for (Track t : course.tracks()) {
      int d = (int) t.exercises().stream().filter(p::passed).count();
      done += d;
      c.println(String.format("%-12s %d of %d done", t.title(), d, t.exercises().size()));
    }
    for (String id : course.exercises().keySet()) {
      Progress.ExerciseState s = p.peek(id);
      hints += s.hintsShown();
      if (s.passed() && s.firstPassSubmit() == 1) {
        firstTry++;
      }
    }
    c.println("");
    c.println("done:               " + done + " of " + course.exercises().size());
    c.println("hints used:         " + hints);
    c.println("passed first try:   " + firstTry);
    if (p.current() != null) {
      c.println("current exercise:   " + p.current());
    }
    List<Mastery.Line> lines = Mastery.of(course, p, topics(course), recall(session),
        drills(session));
    printMastery(c, lines);
    return 0;
  }

  /** Recall per topic from the card reviews; a damaged reviews file is reported, not fatal. */
  static Map<String, Mastery.Recall> recall(Session session) {
    Map<String, Mastery.Recall> out = new HashMap<>();
    try {
      Quiz.recall(session.course().root(), session.home(), session.clock()).forEach((topic, r) ->
          out.put(topic, new Mastery.Recall(r.cards(), r.reviewed(), r.rightLast(), r.due())));
    } catch (IOException | RuntimeException e) {
      session.console().warn("recall cards left out: " + e.getMessage()
          + " (`dstutor quiz` says how to repair the reviews file)");
    }
    return out;
  }

  /**
   * Drill coverage per topic: the concepts of each drill's newest finished run, grouped by the
   * page their reading leads to.
   */
  static Map<String, Mastery.Drills> drills(Session session) {
    Map<String, Mastery.Drills> out = new HashMap<>();
    DrillHistory.load(session.home()).conceptsByPage().forEach((page, concepts) -> out.put(page,
        new Mastery.Drills(concepts.size(),
            (int) concepts.stream().filter(ConceptResult::covered).count())));
    return out;
  }

  /** Every pattern and system page of the course, patterns first. */
  static List<Mastery.Topic> topics(Course course) {
    List<Mastery.Topic> patterns = new ArrayList<>();
    List<Mastery.Topic> systems = new ArrayList<>();
    new Pages(course.contentDir()).files().forEach((id, file) -> {
      boolean system = file.getParent().getFileName().toString().equals(Kind.SYSTEM.folder());
      (system ? systems : patterns).add(new Mastery.Topic(id, system));
    });
    patterns.addAll(systems);
    return patterns;
  }

  static void printMastery(Console c, List<Mastery.Line> lines) {
    int width = lines.stream().mapToInt(l -> l.topic().id().length()).max().orElse(8) + 2;
    String format = "%-" + width + "s %-11s %-6s %-22s %s";
    boolean systems = false;
    c.println("");
    c.println(c.paint(Style.BOLD, String.format(format, "patterns", "exercises", "hints",
        "recall cards", "drill concepts")));
    for (Mastery.Line l : lines) {
      if (l.topic().system() && !systems) {
        systems = true;
        c.println(c.paint(Style.BOLD, String.format(format, "systems", "", "", "", "")));
      }
      Mastery.Recall r = l.recall();
      Mastery.Drills d = l.drills();
      c.println(String.format(format, l.topic().id(),
          l.exercises().isEmpty() ? "-" : l.passed().size() + " of " + l.exercises().size(),
          l.exercises().isEmpty() ? "-" : String.valueOf(l.hints()),
          r.cards() == 0 ? "-" : r.rightLast() + " of " + r.cards() + " right"
              + (r.due() > 0 ? ", " + r.due() + " due" : ""),
          d.concepts() == 0 ? "-" : d.covered() + " of " + d.concepts() + " covered"));
    }
    List<Mastery.Line> weakest = Mastery.weakest(lines, 3);
    if (!weakest.isEmpty()) {
      c.println("");
      c.println("weakest, and the next step for each:");
      for (Mastery.Line l : weakest) {
        c.println(String.format("  %-" + width + "s %3d%%  %s", l.topic().id(),
            Math.round(l.score() * 100), l.next()));
      }
    }
  }
}
