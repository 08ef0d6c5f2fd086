package dstutor.cli;

import dstutor.session.Session;
import dstutor.session.DstutorException;
import dstutor.content.ContentCheck;
import dstutor.content.Pages;
import dstutor.course.Course;
import dstutor.course.Exercise;
import dstutor.drill.DrillLoader;
import dstutor.grade.CourseCheck;
import dstutor.grade.Grader;
import dstutor.quiz.CardLoader;
import dstutor.quiz.QuizExercise;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import java.nio.file.Files;
import dstutor.yaml.Problem;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dstutor course ...}: tools for course authors and instructors. */
@Command(name = "course", mixinStandardHelpOptions = true,
    description = "Tools for course authors: check a course folder.",
    subcommands = CourseCommand.Check.class)
final class CourseCommand extends BaseCommand {
  @Override
  int run(Session session) {
    spec.commandLine().usage(session.console().out());
    return DstutorException.USAGE;
  }

  /** {@code dstutor course check [DIR]}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Validate a course folder and grade it through the real grader: every"
          + " reference solution must pass, every stub must compile and fail, every known-wrong"
          + " variant (solutions/<path>/wrong/*.diff) must fail with the hint it declares, and"
          + " every correct variant (right/*.diff) must pass.",
          "A quiz exercise's questions must load with their links, its answer sheet as"
          + " generated must fail, and its key must answer every question right.",
          "Recall cards (content/cards/*.yaml) must load, link to sections that exist, and"
          + " number at least five for every pattern and system page.",
          "Mutation testing of the suites is a separate script: src/mutants/mutants.sh.",
          "Exit code 0 when all holds, 1 when a check fails, 2 when the course does not load."})
  static final class Check extends BaseCommand {
    @Parameters(paramLabel = "DIR", arity = "0..1",
        description = "The course folder (holding exercises/, solutions/, content/); default:"
            + " the course in use.")
    Path dir;

    @Option(names = "--exercise", paramLabel = "ID",
        description = "Grade only this exercise (repeatable); the whole course is still"
            + " validated.")
    List<String> only;

    @Override
    int run(Session session) {
      if (dir != null) {
        session.setCourseOverride(dir.toAbsolutePath().normalize());
      }
      Course course = session.course(true);
      List<Exercise> chosen = only == null ? course.ordered()
          : only.stream().map(session::exercise).toList();
      Console c = session.console();
      c.println("checking " + course.exercises().size() + " exercises in " + course.root());
      List<String> pageProblems = ContentCheck.all(new Pages(course.contentDir()),
          course.exercises().keySet());
      c.println(c.paint(Style.BOLD, "content"));
      if (pageProblems.isEmpty()) {
        c.println("  " + c.paint(Style.GREEN, "✓") + " pages: sections, links, anchors and the"
            + " cross-reference graph");
      }
      for (String p : pageProblems) {
        c.println("  " + c.paint(Style.RED, "✗") + " " + p);
      }
      // Cards, drills and quizzes link into the same pages: each page is loaded once.
      ContentCheck.Links links = new ContentCheck.Links();
      CardLoader.Result cards = CardLoader.check(course.root(), links::seeProblem);
      c.println(c.paint(Style.BOLD, "cards"));
      if (!Files.isDirectory(CardLoader.folder(course.root()))) {
        c.println("  - no content/cards folder: no recall cards to check");
      } else if (cards.problems().isEmpty()) {
        c.println("  " + c.paint(Style.GREEN, "✓") + " " + cards.deck().cards().size()
            + " recall cards: format, answers, links and anchors, "
            + CardLoader.MIN_CARDS_PER_PAGE + " a page");
      }
      cards.problems().forEach(p -> c.println("  " + c.paint(Style.RED, "✗") + " " + p));
      DrillLoader.Loaded drills = DrillLoader.check(course.root(), links::seeProblem,
          course.exercises().keySet());
      c.println(c.paint(Style.BOLD, "drills"));
      if (drills.problems().isEmpty()) {
        c.println("  " + c.paint(Style.GREEN, "✓") + " " + drills.drills().size() + " drill(s):"
            + " keys, phases, curveballs, rubric links and exercises");
      }
      for (Problem p : drills.problems()) {
        c.println("  " + c.paint(Style.RED, "✗") + " " + p);
      }
      String[] last = {null};
      int failures;
      try (Grader grader = Grader.forThisJvm()) {
        failures = new CourseCheck(course, grader, f -> {
          if (!f.exercise().equals(last[0])) {
            c.println(c.paint(Style.BOLD, f.exercise()));
            last[0] = f.exercise();
          }
          c.println("  " + (f.ok() ? c.paint(Style.GREEN, "✓") : c.paint(Style.RED, "✗")) + " "
              + f.text().replace("\n", "\n    "));
        }).withQuizCheck(e -> QuizExercise.check(e, links::seeProblem).stream()
            .map(f -> new CourseCheck.Finding(e.id(), f.ok(), f.text())).toList()).run(chosen);
      }
      failures += pageProblems.size() + cards.problems().size() + drills.problems().size();
      if (failures > 0) {
        c.println(failures + " check(s) failed");
        return 1;
      }
      c.println("all checks passed");
      return 0;
    }
  }
}
