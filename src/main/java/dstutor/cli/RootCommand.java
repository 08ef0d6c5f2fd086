package dstutor.cli;

import dstutor.session.Session;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code dstutor}: with a subcommand runs it; alone starts the interactive shell. */
@Command(name = "dstutor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"A terminal tutor for distributed-systems interview practice.",
        "Run without a command to start the interactive shell."},
    subcommands = {NextCommand.class, ListCommand.class, ShowCommand.class,
        SubmitCommand.class, CheckAllCommand.class, GradeCommand.class, HintCommand.class, SolutionCommand.class, ProgressCommand.class,
        ResetCommand.class, CourseCommand.class, ReadCommand.class, SearchCommand.class,
        RelatedCommand.class, CompareCommand.class, PatternCommand.class, SystemCommand.class,
        WhereCommand.class, WatchCommand.class, SandboxCommand.class, CompletionCommand.class, QuizCommand.class,
        DrillCommand.class},
    footer = {"", "Exit codes: 0 success, 1 a failed verdict or check, 2 bad usage or input,",
        "3 an internal error.", "",
        "Environment:",
        "  DSTUTOR_COURSE       course folder (default: the installed course)",
        "  DSTUTOR_WORKSPACE    your exercise files (default ~/dstutor)",
        "  DSTUTOR_HOME         progress, review schedule, drills, shell history (default ~/.dstutor)",
        "  DSTUTOR_NO_SERVER    grade in the command's own JVM, no grading server",
        "  NO_COLOR             plain output"})
public final class RootCommand implements Callable<Integer> {
  private final Session session;

  @Option(names = "--course", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Use the course in DIR (holding exercises/, solutions/, content/) instead of"
          + " the built-in one. Also DSTUTOR_COURSE.")
  void setCourse(Path dir) {
    session.setCourseOverride(dir.toAbsolutePath().normalize());
  }

  @Option(names = "--workspace", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Keep your exercise files in DIR (default ~/dstutor). Also DSTUTOR_WORKSPACE.")
  void setWorkspace(Path dir) {
    session.setWorkspaceOverride(dir.toAbsolutePath().normalize());
  }

  RootCommand(Session session) {
    this.session = session;
    Candidates.session = session;
  }

  Session session() {
    return session;
  }

  @Override
  public Integer call() {
    return new dstutor.repl.Repl(session, Main::commandLine).run();
  }
}
