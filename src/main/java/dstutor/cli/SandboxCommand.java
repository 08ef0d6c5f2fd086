package dstutor.cli;

import dstutor.course.Exercise;
import dstutor.grade.SandboxLoader;
import dstutor.grade.Verdict.CompileError;
import dstutor.progress.AtomicFile;
import dstutor.session.DstutorException;
import dstutor.session.Session;
import dstutor.sim.Sandbox;
import dstutor.sim.SandboxModel;
import dstutor.sim.SimulationException;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dstutor sandbox <id>}: drive a small cluster of your own nodes by hand. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = {"Start a small cluster of your own nodes in the simulator and drive it: client"
        + " operations (put, get, ...), partition, heal, crash, restart, skew, drop, tick,"
        + " timeline, state, and check (the exercise's checker on the history so far).",
        "The same seed and commands give the same run: `save FILE` writes them as a script that"
            + " `--script FILE` replays. Your code runs inside dstutor here, not in a grading"
            + " worker: if it loops forever or exits, the commands so far are kept in"
            + " DSTUTOR_HOME/sandbox/<id>.script."})
final class SandboxCommand extends BaseCommand {
  private static final long COMMAND_SECONDS = 10;
  /** The command whose nodes are running now, or null. */
  private volatile String running;

  @Parameters(completionCandidates = Candidates.ExerciseIds.class, paramLabel = "ID",
      arity = "0..1", description = "A simulated exercise with a sandbox (default: the current"
          + " exercise).")
  String id;

  @Option(names = "--seed", paramLabel = "N", description = "The run's seed (default: random,"
      + " shown at the start; a script names its own).")
  Long seed;

  @Option(names = "--script", paramLabel = "FILE",
      description = "Run the commands in FILE (one per line, # comments) first.")
  Path script;

  @Option(names = "--no-input", description = "Stop after the script instead of reading more"
      + " commands.")
  boolean noInput;

  @Override
  int run(Session session) {
    Console c = session.console();
    Exercise e = session.exerciseOrCurrent(id);
    if (e.sandbox() == null) {
      List<String> with = new ArrayList<>();
      for (Exercise x : session.course().ordered()) {
        if (x.sandbox() != null) {
          with.add(x.id());
        }
      }
      throw DstutorException.usage(e.id() + " has no sandbox; exercises with one: "
          + (with.isEmpty() ? "none" : String.join(", ", with)));
    }
    List<String> lines = new ArrayList<>();
    if (script != null) {
      lines = readScript(script);
    }
    long runSeed = seed != null ? seed : seedOf(lines) != null ? seedOf(lines)
        : ThreadLocalRandom.current().nextLong(1, 1_000_000);
    session.prepare(e);
    SandboxModel model;
    try {
      model = SandboxLoader.load(e, session.workspace().learnerFiles(e));
    } catch (SandboxLoader.CompileFailed ex) {
      c.error("your code does not compile, so there is no cluster to start:");
      for (CompileError err : ex.errors()) {
        c.println("  " + err.file() + ":" + err.line() + ": " + err.message());
      }
      return 1;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } catch (IllegalStateException ex) {
      c.error(ex.getMessage());
      return 1;
    }
    Sandbox box;
    try {
      box = new Sandbox(model, runSeed);
    } catch (RuntimeException ex) {
      // Learner code threw while the cluster started (a stub still says TODO).
      c.error("your nodes could not start: " + ex.getMessage() + ". Implement the exercise's"
          + " files first (`dstutor show " + e.id() + "`), then start the sandbox again.");
      return 1;
    }
    Path keep = session.home().resolve("sandbox").resolve(e.id() + ".script");
    c.println(c.paint(Style.BOLD, "Sandbox for " + e.id()) + ", seed " + runSeed + ": nodes "
        + String.join(", ", box.nodes()) + (model.operations().isEmpty() ? "; no client:"
            + " drive faults and time, and watch the nodes." : "; the client sends operations"
            + " to " + model.target() + "."));
    c.println(c.paint(Style.DIM, "`help` lists the commands; `save FILE` writes a replayable"
        + " script; `quit` leaves."));
    ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dstutor-sandbox");
      t.setDaemon(true);
      return t;
    });
    // Learner code runs in this JVM: if it calls System.exit, say so on the way out.
    Thread onExit = new Thread(() -> {
      String cmd = running;
      if (cmd != null) {
        System.err.println("error: the sandbox ended during `" + cmd + "`: your code called"
            + " System.exit (or the process was stopped). The commands before it are in " + keep
            + "; replay them with `dstutor sandbox " + e.id() + " --script " + keep + "`.");
        System.err.flush();
      }
    }, "dstutor-sandbox-exit");
    Runtime.getRuntime().addShutdownHook(onExit);
    try {
      for (String line : lines) {
        if (line.isBlank() || line.strip().startsWith("#")) {
          continue;
        }
        c.println(c.paint(Style.DIM, "> " + line.strip()));
        if (!step(session, e, box, line, keep, runner)) {
          return 1;
        }
      }
      if (noInput) {
        return 0;
      }
      while (true) {
        String line = session.input().readLine("sandbox " + e.id() + "> ");
        if (line == null || line.strip().equals("quit") || line.strip().equals("exit")) {
          return 0;
        }
        if (!step(session, e, box, line, keep, runner)) {
          return 1;
        }
      }
    } finally {
      runner.shutdownNow();
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException ex) {
        // Already shutting down: the hook says why.
      }
    }
  }

  /** One command; false when the sandbox cannot go on (a node of the learner's hangs). */
  private boolean step(Session session, Exercise e, Sandbox box, String line, Path keep,
      ExecutorService runner) {
    Console c = session.console();
    String cmd = line.strip();
    if (cmd.isEmpty() || cmd.startsWith("#")) {
      return true;
    }
    if (cmd.equals("help")) {
      c.println(box.help() + "  save FILE               write the commands so far as a script\n"
          + "  quit                    leave");
      return true;
    }
    if (cmd.startsWith("save")) {
      String[] w = cmd.split("\\s+", 2);
      if (w.length < 2) {
        c.error("usage: save FILE");
        return true;
      }
      Path to = Path.of(w[1]).toAbsolutePath();
      write(to, e, box);
      c.println("saved " + box.script().size() + " commands to " + to + "; replay with `dstutor"
          + " sandbox " + e.id() + " --script " + to + "`");
      return true;
    }
    running = cmd;
    Future<String> result = runner.submit(() -> box.execute(cmd));
    try {
      String out = result.get(COMMAND_SECONDS, TimeUnit.SECONDS);
      if (!out.isEmpty()) {
        c.println(out);
      }
    } catch (TimeoutException ex) {
      write(keep, e, box);
      c.error("no answer within " + COMMAND_SECONDS + " s: a node of yours may loop forever."
          + " The sandbox ends; your commands so far are in " + keep);
      return false;
    } catch (ExecutionException ex) {
      Throwable why = ex.getCause();
      if (why instanceof IllegalArgumentException) {
        c.error(why.getMessage());
      } else if (why instanceof SimulationException) {
        c.error("the run stopped: " + why.getMessage());
      } else {
        c.error("your code threw " + why + (why.getStackTrace().length > 0 ? " at "
            + why.getStackTrace()[0] : ""));
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      running = null;
    }
    write(keep, e, box);
    return true;
  }

  private static void write(Path to, Exercise e, Sandbox box) {
    StringBuilder b = new StringBuilder("# dstutor sandbox " + e.id() + " --seed " + box.seed()
        + "\n");
    for (String s : box.script()) {
      b.append(s).append('\n');
    }
    try {
      Files.createDirectories(to.toAbsolutePath().getParent());
      AtomicFile.write(to, out -> out.write(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException ex) {
      throw DstutorException.usage("cannot write " + to + ": " + ex.getMessage());
    }
  }

  private static List<String> readScript(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw DstutorException.usage("cannot read the script " + file + ": " + ex.getMessage());
    }
  }

  /** The seed a saved script's first line names, or null. */
  private static Long seedOf(List<String> lines) {
    for (String l : lines) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("--seed (-?\\d+)").matcher(l);
      if (l.startsWith("#") && m.find()) {
        return Long.parseLong(m.group(1));
      }
    }
    return null;
  }
}
