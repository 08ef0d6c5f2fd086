package dstutor.cli;

import dstutor.session.Session;
import dstutor.content.Screen;
import dstutor.course.Exercise;
import dstutor.course.Exercise.HintRung;
import dstutor.progress.Progress;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import dstutor.term.Wrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dstutor hint}: the next rung of the hint ladder, remembered across sessions. */
@Command(name = "hint", mixinStandardHelpOptions = true,
    description = "Show the next hint for an exercise (a nudge first, the technique last),"
        + " with a link into the reading.")
final class HintCommand extends BaseCommand {
  @Parameters(completionCandidates = Candidates.ExerciseIds.class, paramLabel = "ID", arity = "0..1",
      description = "The exercise (default: the current one).")
  String id;

  @Option(names = "--all", description = "Repeat every hint revealed so far, revealing none.")
  boolean all;

  @Override
  int run(Session session) {
    Exercise e = session.exerciseOrCurrent(id);
    Progress progress = session.progress();
    Progress.ExerciseState state = progress.of(e.id());
    int total = e.hints().size();
    Console c = session.console();
    if (all) {
      if (state.hintsShown() == 0) {
        c.println("No hints revealed yet for " + e.id() + "; `dstutor hint " + e.id()
            + "` shows the first.");
        return 0;
      }
      for (int i = 0; i < Math.min(state.hintsShown(), total); i++) {
        print(c, e, i);
      }
      return 0;
    }
    if (state.hintsShown() >= total) {
      c.println("All " + total + " hints for " + e.id() + " are shown (`dstutor hint --all`"
          + " repeats them). Next step: the reading they link to, or, once you pass,"
          + " `dstutor solution " + e.id() + "`.");
      return 0;
    }
    int i = state.hintsShown();
    state.setHintsShown(i + 1);
    session.saveProgress();
    print(c, e, i);
    return 0;
  }

  private static void print(Console c, Exercise e, int i) {
    HintRung h = e.hints().get(i);
    c.println(c.paint(Style.BOLD, "Hint " + (i + 1) + " of " + e.hints().size()) + " ("
        + e.id() + ")");
    int width = Console.interactive() ? Screen.textWidth(Screen.size()) : Integer.MAX_VALUE;
    for (String line : Wrap.text("  " + h.text().strip().replace("\n", "\n  "), width)) {
      c.println(line);
    }
    c.println(c.paint(Style.DIM, "  read: dstutor read " + Links.readTarget(h.see())));
  }
}
