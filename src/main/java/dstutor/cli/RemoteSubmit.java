package dstutor.cli;

import dstutor.content.Screen;
import dstutor.grade.ServerClient;
import dstutor.grade.Wire;
import dstutor.session.Session;
import dstutor.term.Console;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dstutor submit} handed whole to this home's grading server when one runs: the server's
 * compiler, classes and course are warm, so the command line only starts a small JVM, sends the
 * arguments, its environment and what it knows of its terminal, and prints what comes back. Only
 * plain forms are sent ({@code submit [ID] [--json] [--full] [--seed N]}); anything else, no
 * server, or any trouble with it, and the command runs here as usual (which starts the server
 * for the next submit).
 */
final class RemoteSubmit {
  private RemoteSubmit() {}

  /** The exit code of the command as the server ran it, or null to run it here. */
  static Integer run(String[] args, Map<String, String> env, PrintStream stdout,
      PrintStream stderr) {
    if (!eligible(args) || env.get("DSTUTOR_NO_SERVER") != null) {
      return null;
    }
    String course = env.get("DSTUTOR_COURSE");
    if (course == null || course.isBlank()) {
      course = System.getProperty("dstutor.course");
    }
    if (course == null || course.isBlank()) {
      return null;
    }
    Map<String, String> sent = new HashMap<>(env);
    // The server runs elsewhere: every folder is sent as an absolute path.
    sent.put("DSTUTOR_COURSE", Path.of(course).toAbsolutePath().toString());
    for (String k : List.of("DSTUTOR_HOME", "DSTUTOR_WORKSPACE", "HOME")) {
      String v = env.get(k);
      if (v != null && !v.isBlank()) {
        sent.put(k, Path.of(v).toAbsolutePath().toString());
      }
    }
    ServerClient server = new ServerClient(Session.homeOf(sent), 600);
    if (!Files.exists(server.socket())) {
      return null;
    }
    boolean interactive = Console.interactive();
    Screen.Size size = interactive ? Screen.size() : new Screen.Size(24, 80);
    Optional<Wire.Output> out = server.runIfRunning(new Wire.Command(List.of(args), sent,
        Console.colorWanted(), interactive, size.rows(), size.columns()));
    if (out.isEmpty()) {
      return null;
    }
    print(stderr, out.get().err());
    print(stdout, out.get().out());
    return out.get().code();
  }

  /** {@code submit [ID] [--json] [--full] [--seed N]}, nothing else. */
  static boolean eligible(String[] args) {
    if (args.length == 0 || !args[0].equals("submit")) {
      return false;
    }
    int ids = 0;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--json") || a.equals("--full")) {
        continue;
      }
      String n = a.startsWith("--seed=") ? a.substring(7)
          : a.equals("--seed") && i + 1 < args.length ? args[++i] : null;
      if (n != null) {
        if (!n.matches("-?[0-9]{1,19}")) {
          return false;
        }
        continue;
      }
      if (!a.matches("[a-z0-9][a-z0-9-]{0,63}") || ++ids > 1) {
        return false;
      }
    }
    return true;
  }

  private static void print(PrintStream stream, String text) {
    if (!text.isEmpty()) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      stream.write(b, 0, b.length);
      stream.flush();
    }
  }
}
