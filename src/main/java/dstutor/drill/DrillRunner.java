package dstutor.drill;

import dstutor.drill.Event.EditRequested;
import dstutor.drill.Event.Finished;
import dstutor.term.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drives a {@link DrillRun} through a {@link DrillIo}: reads lines, shows events (from a timer
 * thread as they fall due in a terminal, before the next prompt otherwise), saves the state after
 * every change, and at the end writes and shows the report. Leaving early (Ctrl-C, Ctrl-D, the end
 * of piped input, the JVM shutting down) saves and says how to resume.
 */
public final class DrillRunner {
  private final DrillRun run;
  private final Path dir;
  private final DrillIo io;
  private final Narrator narrator;
  private final Editor editor;
  private final Consumer<String> warn;
  private long saved = -1;
  private boolean saveFailed;
  /** While an editor has the screen the timer leaves the run alone; what fell due shows after. */
  private volatile boolean editing;
  private volatile boolean clockFailed;

  /** How a run ended: finished (with its report) or left to resume. */
  public record Outcome(boolean finished, Path dir, RunState state, Summary summary) {}

  /** {@code dir} is the run's folder; {@code warn} hears problems that do not stop the run. */
  public DrillRunner(DrillRun run, Path dir, DrillIo io, Console console, Editor editor,
      Consumer<String> warn) {
    this.run = run;
    this.dir = dir;
    this.io = io;
    this.narrator = new Narrator(console);
    this.editor = editor;
    this.warn = warn;
  }

  public Outcome run() {
    // The JVM ending under the run (a signal, the terminal hanging up) still saves it.
    Thread onExit = new Thread(() -> {
      run.stop();
      save();
      try {
        warn.accept("the drill was stopped; it is saved in " + dir + ", and dstutor drill"
            + " --resume goes on");
      } catch (RuntimeException e) {
        // The terminal may be gone; the state is on disk, which is what matters.
      }
    }, "drill-save-on-exit");
    Runtime.getRuntime().addShutdownHook(onExit);
    ScheduledExecutorService timer = null;
    try {
      show(run.begin());
      save();
      if (io.live()) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "drill-clock");
          t.setDaemon(true);
          return t;
        });
        timer.scheduleAtFixedRate(this::tickLive, 0, 200, TimeUnit.MILLISECONDS);
      }
      while (!run.finished()) {
        if (!io.live()) {
          show(run.tick());
          save();
          if (run.finished()) {
            break;
          }
        }
        String line;
        try {
          line = io.readLine(Narrator.prompt(run));
        } catch (DrillIo.Interrupted e) {
          return leave(timer);
        }
        List<Event> events = run.input(line);
        show(events);
        for (Event e : events) {
          if (e instanceof EditRequested r) {
            edit(r);
          }
        }
        save();
        if (line == null && !run.finished()) {
          return leave(timer);
        }
      }
      stopTimer(timer);
      RunState s = run.snapshot();
      save();
      String report = Report.markdown(run.drill(), s, true);
      try {
        StateFile.writeReport(dir, report);
      } catch (IOException e) {
        warn.accept("could not write " + dir.resolve(StateFile.REPORT) + ": " + e.getMessage());
      }
      io.status("");
      io.show("\n" + Report.markdown(run.drill(), s, false) + "\nThis report, with your answers,"
          + " is kept in " + dir.resolve(StateFile.REPORT));
      return new Outcome(true, dir, s, Summary.of(run.drill(), s));
    } finally {
      stopTimer(timer);
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook saves.
      }
    }
  }

  private Outcome leave(ScheduledExecutorService timer) {
    stopTimer(timer);
    run.stop();
    save();
    RunState s = run.snapshot();
    io.show("\nSaved at " + Report.clock(s.elapsed) + " of the drill in " + dir
        + ". Go on later with: dstutor drill --resume");
    return new Outcome(false, dir, s, Summary.of(run.drill(), s));
  }

  private void tickLive() {
    if (editing) {
      return;
    }
    try {
      List<Event> events = run.tick();
      for (Event e : events) {
        String text = narrator.text(e, run);
        if (text != null) {
          io.showAbove(text, Narrator.prompt(run));
        }
        if (e instanceof Finished) {
          io.showAbove("Press Enter to see your report; the line you are typing is kept.",
              "> ");
        }
      }
      io.status(Narrator.status(run));
      if (!events.isEmpty()) {
        save();
      }
    } catch (RuntimeException e) {
      // An exception would end the timer silently and freeze the countdown: say so, once, and
      // go on; the input thread still shows what falls due with each line.
      if (!clockFailed) {
        clockFailed = true;
        warn.accept("the drill clock failed (" + e + "); your answers are still saved as you"
            + " type");
      }
    }
  }

  private void show(List<Event> events) {
    for (Event e : events) {
      String text = narrator.text(e, run);
      if (text != null) {
        io.show(text);
      }
    }
    io.status(Narrator.status(run));
  }

  private void edit(EditRequested r) {
    Path file = dir.resolve("edit-" + run.drill().phases().get(r.index()).id() + ".txt");
    editing = true;
    io.lend(true);
    try {
      String text = Editor.round(editor, file, r.text());
      run.replaceAnswer(r.index(), text);
      save();
      // The answer is in state.json now; a file left by an editor that failed stays.
      Files.deleteIfExists(file);
      io.show("Your " + run.drill().phases().get(r.index()).title() + " answer is now what you"
          + " saved (" + text.strip().lines().count() + " lines).");
    } catch (IOException e) {
      io.show("The editor did not work (" + e.getMessage() + "); your answer is unchanged. Set"
          + " VISUAL or EDITOR to an editor that waits until you close the file.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      io.lend(false);
      editing = false;
    }
  }

  /** Writes the state when it changed; a failure is told once and the run goes on. */
  private synchronized void save() {
    long changes = run.changes();
    if (changes == saved) {
      return;
    }
    try {
      StateFile.save(dir, run.snapshot(), run.drill());
      saved = changes;
      saveFailed = false;
    } catch (IOException e) {
      if (!saveFailed) {
        warn.accept("could not save the drill to " + dir + " (" + e.getMessage() + "); your"
            + " answers are kept in memory meanwhile. Check that DSTUTOR_HOME is writable.");
      }
      saveFailed = true;
    }
  }

  private static void stopTimer(ScheduledExecutorService timer) {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
