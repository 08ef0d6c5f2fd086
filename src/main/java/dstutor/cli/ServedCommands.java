package dstutor.cli;

import dstutor.grade.CommandHandler;
import dstutor.grade.Grader;
import dstutor.grade.Wire;
import dstutor.session.Session;
import dstutor.term.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

/**
 * The grading server's side of {@link RemoteSubmit}: runs the client's {@code submit} as the
 * client would have (its environment, its terminal's size and colours), grading with the
 * server's warm grader, and returns what it printed.
 */
public final class ServedCommands implements CommandHandler {
  @Override
  public Served run(Wire.Command c, Grader grader) {
    if (!RemoteSubmit.eligible(c.args().toArray(String[]::new))) {
      return Served.of(new Wire.Output(2, "", "the grading server runs only `dstutor submit`\n"));
    }
    // The session's progress is written only when the server commits it, once the client has
    // the verdict: a client gone before then (Ctrl-C) leaves no record, as a local submit would.
    Session[] session = new Session[1];
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    int code;
    long start = System.nanoTime();
    Console.assumeTerminal(c.interactive(), c.lines(), c.columns());
    try {
      code = Main.run(c.args().toArray(String[]::new), c.env(), InputStream.nullInputStream(), o,
          e, c.color(), Clock.systemDefaultZone(), s -> {
            s.useGrader(grader);
            s.holdProgress();
            session[0] = s;
          });
    } catch (RuntimeException | StackOverflowError x) {
      e.println("dstutor itself failed (" + x + "). This is a bug; please report it with the"
          + " command you ran. Your files and progress are unchanged.");
      code = Main.INTERNAL_ERROR;
    } finally {
      Console.assumeTerminal(null, 0, 0);
    }
    if (c.env().get("DSTUTOR_TRACE") != null) {
      // As the grader's own trace: phase times on stderr, for tuning.
      e.printf("[trace] %-14s %5d ms%n", "served", (System.nanoTime() - start) / 1_000_000);
    }
    o.flush();
    e.flush();
    Session held = session[0];
    return new Served(new Wire.Output(code, out.toString(), err.toString()),
        () -> held != null && held.commitProgress());
  }

  /**
   * Runs {@code dstutor list} on the installed course in a throwaway home and workspace, so that
   * the command model, the course loader and the printing are loaded and compiled before the
   * first submit arrives.
   */
  @Override
  public void warmUp(Grader grader) {
    String course = System.getProperty("dstutor.course");
    if (course == null) {
      return;
    }
    java.nio.file.Path tmp = null;
    try {
      tmp = java.nio.file.Files.createTempDirectory("dstutor-warm-up-");
      java.util.Map<String, String> env = java.util.Map.of("DSTUTOR_COURSE", course,
          "DSTUTOR_HOME", tmp.resolve("home").toString(), "DSTUTOR_WORKSPACE",
          tmp.resolve("ws").toString(), "HOME", tmp.toString(), "NO_COLOR", "1");
      PrintWriter sink = new PrintWriter(java.io.Writer.nullWriter());
      Main.run(new String[] {"list"}, env, InputStream.nullInputStream(), sink, sink, false,
          Clock.systemDefaultZone(), s -> s.useGrader(grader));
    } catch (java.io.IOException | RuntimeException e) {
      // Only a warm-up.
    } finally {
      if (tmp != null) {
        try (var paths = java.nio.file.Files.walk(tmp)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
          // A few bytes left in the temporary folder.
        }
      }
    }
  }
}
