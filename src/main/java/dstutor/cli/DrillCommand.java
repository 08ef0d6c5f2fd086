package dstutor.cli;

import dstutor.drill.Drill;
import dstutor.drill.DrillHistory;
import dstutor.drill.DrillIo;
import dstutor.drill.DrillLoader;
import dstutor.drill.DrillRun;
import dstutor.drill.DrillRunner;
import dstutor.drill.Editor;
import dstutor.drill.PlainIo;
import dstutor.drill.Report;
import dstutor.drill.StateFile;
import dstutor.drill.TerminalIo;
import dstutor.session.DstutorException;
import dstutor.quiz.CardLoader;
import dstutor.quiz.ReviewStore;
import dstutor.quiz.Reviews;
import dstutor.session.Session;
import dstutor.term.Console;
import dstutor.yaml.Problem;
import dstutor.yaml.ProblemsException;
import dstutor.yaml.Suggest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dstutor drill}: timed mock design interviews (the work is in {@code dstutor.drill}). */
@Command(name = "drill", mixinStandardHelpOptions = true,
    description = {"Timed mock system design interviews. A drill gives a prompt, then phases with"
        + " time boxes (requirements, estimates, API, data model, high-level design, deep dives,"
        + " failures), guiding questions, and curveballs at set minutes. You type your answers;"
        + " at the end a report shows which rubric concepts they mention, where to read about"
        + " the ones they miss, your estimates with the working, a checklist and a model"
        + " outline. It measures concept coverage, not the quality of the design.",
        "Without ID, lists the drills."},
    footer = {"", "While a drill runs: a blank line ends an answer; pause, resume, skip (next"
        + " phase), end (finish now), edit (this phase's answer in $VISUAL or $EDITOR) and help,"
        + " each alone on a line; an estimate question takes a number (5800, 5.8k, 2M).",
        "Ctrl-C or Ctrl-D saves and leaves. Runs are kept in DSTUTOR_HOME/drills/."})
final class DrillCommand extends BaseCommand {
  @Parameters(paramLabel = "ID", arity = "0..1", completionCandidates = Candidates.DrillIds.class,
      description = "The drill to run, such as dynamo-kv-store (`dstutor drill` lists them).")
  String id;

  @Option(names = "--minutes", paramLabel = "N",
      description = "Run the drill in N minutes instead of its own length; every phase and"
          + " curveball is rescaled with it.")
  Integer minutes;

  @Option(names = "--resume",
      description = "Go on with your most recent unfinished drill (of ID, if given) where it"
          + " stopped: phase, answers and time used. Time spent away does not count.")
  boolean resume;

  @Option(names = "--history",
      description = "List your past drills: when, which, coverage, time used of planned, and"
          + " whether finished.")
  boolean history;

  @Override
  int run(Session session) {
    if (history && (resume || id != null || minutes != null)) {
      throw DstutorException.usage("--history takes no drill id and no other option");
    }
    if (resume && minutes != null) {
      throw DstutorException.usage("a resumed drill keeps the length it began with; leave out"
          + " --minutes");
    }
    if (minutes != null && (minutes < 1 || minutes > 600)) {
      throw DstutorException.usage("--minutes must be from 1 to 600, not " + minutes);
    }
    if (history) {
      return history(session);
    }
    if (resume) {
      return resume(session);
    }
    if (id == null) {
      if (minutes != null) {
        throw DstutorException.usage("--minutes needs a drill id: dstutor drill <id> --minutes "
            + minutes);
      }
      return list(session);
    }
    Drill drill = drill(session, id);
    LocalDateTime started = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    Path dir;
    try {
      dir = StateFile.newRunDir(session.home(), drill.id(), started);
    } catch (IOException e) {
      throw new DstutorException(1, "cannot create a folder for this drill in "
          + StateFile.drillsDir(session.home()) + " (" + e.getMessage() + "); DSTUTOR_HOME must"
          + " be a folder you can write to");
    }
    int length = minutes != null ? minutes : drill.minutes();
    DrillRun run = DrillRun.start(drill, length, started.toString(), clock());
    try (DrillIo io = io(session)) {
      io.show(drill.title() + ": " + length + (length == 1 ? " minute, " : " minutes, ")
          + drill.phases().size() + " phases"
          + (length != drill.minutes() ? " (rescaled from " + drill.minutes() + " minutes)" : "")
          + ".\n\n" + drill.prompt().strip() + "\n\nA blank line ends an answer. Commands alone"
          + " on a line: pause, resume, skip, end, edit, help. Ctrl-C saves and leaves.\nYour"
          + " answers are saved as you type, in " + dir + "\n");
      reviewMisses(session, runner(session, run, dir, io).run());
      return 0;
    }
  }

  /**
   * A finished drill's missed concepts make the recall cards of their pages due now, so that what
   * was missed comes back in the next `dstutor quiz`.
   */
  static void reviewMisses(Session session, DrillRunner.Outcome outcome) {
    if (!outcome.finished()) {
      return;
    }
    Set<String> topics = new TreeSet<>();
    outcome.summary().missed().forEach(c -> topics.add(c.page()));
    if (topics.isEmpty()) {
      return;
    }
    try {
      ReviewStore store = new ReviewStore(session.home(), session.clock());
      Reviews reviews = store.load();
      store.warnings().forEach(session.console()::warn);
      Set<String> known = CardLoader.load(session.courseRoot()).deck().topics();
      topics.retainAll(known);
      if (topics.isEmpty()) {
        return;
      }
      reviews.bringForward(topics, session.clock().instant());
      store.save(reviews);
      session.console().println("The recall cards of " + String.join(", ", topics)
          + " are due now, for what this drill missed: dstutor quiz");
    } catch (IOException | RuntimeException e) {
      session.console().warn("could not make the cards of the missed concepts due ("
          + e.getMessage() + "); your drill is saved all the same");
    }
  }

  private int resume(Session session) {
    DrillHistory h = DrillHistory.load(session.home());
    DrillHistory.Entry chosen = null;
    for (DrillHistory.Entry e : h.entries()) {
      if (e.isDamaged()) {
        session.console().warn(e.damaged());
      } else if (!e.finished() && (id == null || id.equals(e.drillId()))) {
        chosen = e;
        break;
      }
    }
    if (chosen == null) {
      throw DstutorException.usage("no unfinished drill" + (id == null ? "" : " '" + id + "'")
          + " to resume; `dstutor drill --history` lists yours, `dstutor drill <id>` starts one");
    }
    Drill drill = drill(session, chosen.drillId());
    DrillRun run;
    try {
      run = DrillRun.resume(drill, chosen.state(), clock());
    } catch (IllegalArgumentException e) {
      throw DstutorException.usage("cannot resume " + chosen.dir() + ": " + e.getMessage()
          + ". Your answers are kept in " + chosen.dir().resolve(StateFile.STATE)
          + "; start the drill again with dstutor drill " + drill.id());
    }
    try (DrillIo io = io(session)) {
      io.show("Resuming " + drill.title() + " at " + Report.clock(chosen.state().elapsed)
          + " of the drill (begun " + chosen.state().started.replace('T', ' ') + ").\n");
      reviewMisses(session, runner(session, run, chosen.dir(), io).run());
      return 0;
    }
  }

  private DrillRunner runner(Session session, DrillRun run, Path dir, DrillIo io) {
    Console c = session.console();
    String editor = firstSet(session.env("VISUAL"), session.env("EDITOR"), "vi");
    return new DrillRunner(run, dir, io, c, Editor.external(editor), c::warn);
  }

  private static String firstSet(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /**
   * The shell's terminal when inside the shell; a terminal of our own when stdin and stdout are
   * one; plain lines from the session's input otherwise (a pipe, a test).
   */
  private static DrillIo io(Session session) {
    if (session.terminal().isPresent()) {
      return new TerminalIo(session.terminal().get(), false);
    }
    if (Console.interactive()) {
      try {
        Terminal t = TerminalBuilder.builder().system(true).dumb(true).build();
        return new TerminalIo(t, true);
      } catch (IOException e) {
        session.console().warn("no terminal (" + e.getMessage() + "); plain lines instead");
      }
    }
    return new PlainIo(new BufferedReader(new InputStreamReader(session.stdin(),
        StandardCharsets.UTF_8)), session.console().out());
  }

  /** Milliseconds that never jump with the wall clock. */
  private static LongSupplier clock() {
    return () -> System.nanoTime() / 1_000_000;
  }

  private static Drill drill(Session session, String id) {
    Path root = session.courseRoot();
    List<String> ids = DrillLoader.ids(root);
    if (!ids.contains(id)) {
      String close = Suggest.closest(id, ids);
      throw DstutorException.usage("no drill '" + id + "'" + (close != null ? "; did you mean '"
          + close + "'?" : "; `dstutor drill` lists them"));
    }
    try {
      return DrillLoader.one(root, id);
    } catch (ProblemsException e) {
      throw DstutorException.usage("the drill '" + id + "' has " + e.problems().size()
          + " problem(s); `dstutor course check` shows every one:" + Problem.listed(e.problems()));
    }
  }

  private static int list(Session session) {
    Console c = session.console();
    DrillLoader.Loaded loaded = DrillLoader.load(session.courseRoot());
    if (loaded.drills().isEmpty() && loaded.problems().isEmpty()) {
      c.println("This course has no drills (content/drills/*.yaml).");
      return 0;
    }
    Map<String, DrillHistory.Entry> last = DrillHistory.load(session.home())
        .latestFinishedPerDrill();
    c.println("Drills: dstutor drill <id> runs one (--minutes N for a shorter run);"
        + " --history lists yours.");
    for (Drill d : loaded.drills()) {
      DrillHistory.Entry e = last.get(d.id());
      c.println(String.format("  %-24s %3d min  %s (%d phases, %d concepts)%s", d.id(),
          d.minutes(), d.title(), d.phases().size(), d.rubric().size(),
          e == null ? "" : "  last: " + e.summary().coverage() + "%"));
    }
    loaded.problems().stream().map(Problem::file).distinct().forEach(f -> c.warn(f
        + " does not load; `dstutor course check` says why"));
    return 0;
  }

  private static int history(Session session) {
    Console c = session.console();
    List<DrillHistory.Entry> entries = DrillHistory.load(session.home()).entries();
    if (entries.isEmpty()) {
      c.println("No drills yet: `dstutor drill` lists them, `dstutor drill <id>` runs one.");
      return 0;
    }
    c.println(String.format("%-16s  %-24s %8s  %-15s  %s", "date", "drill", "coverage",
        "time used", ""));
    for (DrillHistory.Entry e : entries) {
      if (e.isDamaged()) {
        c.println(String.format("%-16s  %s", "?", e.dir().getFileName() + ": state.json is"
            + " damaged and kept as it is"));
        continue;
      }
      String date = e.started() == null ? "?" : e.started().toString().replace('T', ' ')
          .substring(0, 16);
      c.println(String.format("%-16s  %-24s %7d%%  %-15s  %s", date, e.drillId(),
          e.summary().coverage(), Report.clock(e.summary().usedMillis()) + " / "
              + Report.clock(e.summary().plannedMillis()), e.finished()
              ? "finished" + ("ended".equals(e.state().endReason) ? " early (end)" : "")
              : "not finished (dstutor drill --resume)"));
    }
    return 0;
  }
}
