package dstutor.cli;

import dstutor.session.Session;
import dstutor.session.DstutorException;
import dstutor.term.Console;
import dstutor.term.LineInput;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** Entry point: builds the command line, runs one command, turns problems into exit codes. */
public final class Main {
  /** Exit code for a failure of dstutor itself (a bug to report). */
  public static final int INTERNAL_ERROR = 3;

  private Main() {}

  public static void main(String[] args) {
    Integer served = RemoteSubmit.run(args, System.getenv(), System.out, System.err);
    if (served != null) {
      System.exit(served);
    }
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out,
        StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err,
        StandardCharsets.UTF_8), true);
    int code = run(args, System.getenv(), System.in, out, err, Console.colorWanted(),
        Clock.systemDefaultZone());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line with nothing on standard input; the seam that tests use. */
  public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err,
      boolean color) {
    return run(args, env, InputStream.nullInputStream(), out, err, color,
        Clock.systemDefaultZone());
  }

  /** Runs one command line reading answers from {@code in}, at the time {@code clock} tells. */
  public static int run(String[] args, Map<String, String> env, InputStream in, PrintWriter out,
      PrintWriter err, boolean color, Clock clock) {
    return run(args, env, in, out, err, color, clock, s -> { });
  }

  /** Like the above, with {@code setUp} applied to the session first. */
  static int run(String[] args, Map<String, String> env, InputStream in, PrintWriter out,
      PrintWriter err, boolean color, Clock clock,
      java.util.function.Consumer<Session> setUp) {
    Console console = new Console(out, err, color);
    try (Session session = new Session(env, console)) {
      setUp.accept(session);
      // Piped answers are echoed so that the transcript reads as a dialogue; a terminal echoes.
      session.setInput(LineInput.of(in, out, in != System.in || !Console.interactive()));
      session.setClock(clock);
      session.setStdin(in);
      CommandLine cmd = commandLine(session);
      return cmd.execute(args);
    }
  }

  /** The command tree for {@code session}, with its output, colours and error handling. */
  public static CommandLine commandLine(Session session) {
    Console console = session.console();
    CommandLine cmd = new CommandLine(new RootCommand(session));
    cmd.setOut(console.out());
    cmd.setErr(console.err());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setColorScheme(CommandLine.Help.defaultColorScheme(console.color()
        ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cmd.setExecutionExceptionHandler((ex, line, parsed) -> {
      if (ex instanceof DstutorException d) {
        console.error(d.getMessage());
        return d.exitCode();
      }
      console.error("dstutor itself failed (" + ex + "). This is a bug; please report it with"
          + " the command you ran. Your files and progress are unchanged.");
      if (System.getenv("DSTUTOR_DEBUG") != null) {
        ex.printStackTrace(console.err());
      }
      return INTERNAL_ERROR;
    });
    return cmd;
  }
}
