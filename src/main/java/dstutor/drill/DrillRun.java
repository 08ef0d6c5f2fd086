package dstutor.drill;

import dstutor.drill.Event.CurveballDue;
import dstutor.drill.Event.EditRequested;
import dstutor.drill.Event.EstimateGraded;
import dstutor.drill.Event.Finished;
import dstutor.drill.Event.HelpRequested;
import dstutor.drill.Event.Note;
import dstutor.drill.Event.Paused;
import dstutor.drill.Event.PhaseOver;
import dstutor.drill.Event.PhaseStarted;
import dstutor.drill.Event.Resumed;
import dstutor.drill.Event.TimeWarning;
import dstutor.drill.RunState.End;
import dstutor.drill.RunState.PhaseRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One drill run as a state machine over an injected clock: input lines and clock ticks go in,
 * {@link Event}s come out, and nothing is printed or written here, so a test runs a 45-minute
 * drill in milliseconds. Thread-safe: a terminal face ticks it from a timer thread while the
 * input thread feeds it lines.
 *
 * <p>Time: a phase starts when the one before it ends or is skipped, and its box is its planned
 * length (scaled by --minutes); curveballs come at their minute of drill time; the clock stops
 * while paused and between a save and a resume.
 *
 * <p>Input: an answer is one or more lines ended by a blank line. It belongs to the phase that was
 * current when its first line was entered, even when that phase's box runs out while the learner
 * is still typing it, so an answer is never split across phases; the next answer goes to the
 * phase current by then. A line that is only a command word (pause, resume, skip, end, edit, help)
 * ends the answer in progress and runs the command. A line that is a number, entered while a
 * phase's estimate question waits and no answer is in progress, answers that question.
 */
public final class DrillRun {
  static final long MINUTE = 60_000;
  private final Drill drill;
  private final Plan plan;
  private final RunState state;
  private final LongSupplier clock;
  /** Clock reading when time last started to run; -1 while stopped. */
  private long runningSince = -1;
  /** The phase the answer in progress belongs to; -1 when none is in progress. */
  private int openAnswer = -1;
  private boolean newAnswer;
  private boolean paused;
  private long changes;

  private DrillRun(Drill drill, RunState state, LongSupplier clock) {
    this.drill = drill;
    this.plan = new Plan(drill, state.minutes);
    this.state = state;
    this.clock = clock;
  }

  /** A new run of {@code drill} at {@code minutes}; {@link #begin()} starts the clock. */
  public static DrillRun start(Drill drill, int minutes, String started, LongSupplier clock) {
    return new DrillRun(drill, RunState.fresh(drill, minutes, started), clock);
  }

  /** Goes on with a saved run where it stopped; throws when the drill changed since. */
  public static DrillRun resume(Drill drill, RunState state, LongSupplier clock) {
    List<String> now = drill.phases().stream().map(Phase::id).toList();
    List<String> then = state.phases.stream().map(p -> p.id).toList();
    if (!now.equals(then)) {
      throw new IllegalArgumentException("the drill's phases changed since this run began ("
          + String.join(", ", then) + " then, " + String.join(", ", now) + " now)");
    }
    return new DrillRun(drill, state.copy(), clock);
  }

  public Drill drill() {
    return drill;
  }

  public Plan plan() {
    return plan;
  }

  /** Starts (or restarts after a resume) the clock and announces the current phase. */
  public synchronized List<Event> begin() {
    List<Event> out = new ArrayList<>();
    if (state.finished) {
      return out;
    }
    runningSince = clock.getAsLong();
    PhaseRecord r = state.phases.get(state.phase);
    // A phase that began before this call is being resumed, even if no time had passed yet.
    boolean resumed = state.phase > 0 || state.elapsed > 0 || r.started >= 0;
    if (r.started < 0) {
      r.started = state.elapsed;
    }
    out.add(phaseStarted(state.phase, resumed ? state.elapsed : r.started, resumed));
    changes++;
    out.addAll(tick());
    return out;
  }

  /** Drill time used so far. */
  public synchronized long elapsed() {
    return runningSince < 0 ? state.elapsed : state.elapsed + clock.getAsLong() - runningSince;
  }

  /** Everything due by now, in the order it fell due. */
  public synchronized List<Event> tick() {
    List<Event> out = new ArrayList<>();
    if (state.finished || runningSince < 0) {
      return out;
    }
    long now = elapsed();
    while (!state.finished) {
      long phaseEnd = phaseEnd();
      int curveball = nextCurveball();
      long curveballAt = curveball < 0 ? Long.MAX_VALUE : plan.curveballAt(curveball);
      String warning = nextWarning();
      long warningAt = warning == null ? Long.MAX_VALUE : warningAt(warning);
      long first = Math.min(phaseEnd, Math.min(curveballAt, warningAt));
      if (first > now) {
        break;
      }
      if (curveballAt == first) {
        state.curveballsShown.put(curveball, curveballAt);
        out.add(new CurveballDue(curveballAt, curveball, drill.curveballs().get(curveball)));
      } else if (warningAt == first) {
        state.warnings.add(warning);
        boolean phase = warning.startsWith("phase:");
        out.add(new TimeWarning(warningAt, phase ? phaseEnd - warningAt
            : projectedEnd() - warningAt, phase ? current() : null));
      } else {
        endPhase(End.TIME, phaseEnd, out);
      }
      changes++;
    }
    return out;
  }

  /** One line of input; null at the end of input (closes the answer in progress). */
  public synchronized List<Event> input(String line) {
    List<Event> out = tick();
    long now = elapsed();
    if (line == null || line.isBlank()) {
      openAnswer = -1;
      return out;
    }
    String command = line.strip().toLowerCase(Locale.ROOT);
    if (COMMANDS.contains(command)) {
      openAnswer = -1;
      if (!state.finished) {
        command(command, now, out);
        changes++;
      }
      return out;
    }
    if (openAnswer < 0) {
      EstimateQuestion q = pendingEstimate();
      Double v = q == null ? null : Numbers.parse(line);
      if (v != null) {
        RunState.EstimateAnswer a = new RunState.EstimateAnswer(line.strip(), v, q.accepts(v), now);
        state.estimates.put(q.id(), a);
        out.add(new EstimateGraded(now, q, a));
        changes++;
        return out;
      }
      openAnswer = state.finished ? lastStarted() : state.phase;
      newAnswer = true;
      if (paused) {
        out.add(new Note(now, "paused: your text is kept; type resume to start the clock again"));
      }
    }
    PhaseRecord r = state.phases.get(openAnswer);
    String text = line.stripTrailing();
    r.answer = r.answer.isEmpty() ? text : r.answer + (newAnswer ? "\n\n" : "\n") + text;
    newAnswer = false;
    changes++;
    return out;
  }

  /** After {@code edit}: phase {@code index}'s answer becomes what the learner saved. */
  public synchronized void replaceAnswer(int index, String text) {
    state.phases.get(index).answer = text.strip();
    openAnswer = -1;
    changes++;
  }

  /** Leaving without finishing (Ctrl-C, Ctrl-D, end of input): the clock stops until a resume. */
  public synchronized void stop() {
    // No tick here: what fell due meanwhile (a curveball, a phase end) must be shown, so it is
    // left for the tick of the resumed run.
    state.elapsed = elapsed();
    runningSince = -1;
    openAnswer = -1;
    changes++;
  }

  public static final List<String> COMMANDS =
      List.of("pause", "resume", "skip", "end", "edit", "help");

  private void command(String command, long now, List<Event> out) {
    switch (command) {
      case "pause" -> {
        if (paused) {
          out.add(new Note(now, "already paused; type resume to go on"));
        } else {
          state.elapsed = now;
          runningSince = -1;
          paused = true;
          out.add(new Paused(now));
        }
      }
      case "resume" -> {
        if (!paused) {
          out.add(new Note(now, "the clock is running; pause stops it"));
        } else {
          paused = false;
          runningSince = clock.getAsLong();
          out.add(new Resumed(now));
          out.addAll(tick());
        }
      }
      case "skip" -> {
        resumeIfPaused(now, out);
        endPhase(End.SKIPPED, now, out);
      }
      case "end" -> {
        resumeIfPaused(now, out);
        endPhase(End.ENDED, now, out);
      }
      case "edit" -> out.add(new EditRequested(now, state.phase,
          state.phases.get(state.phase).answer));
      default -> out.add(new HelpRequested(now));
    }
  }

  private void resumeIfPaused(long now, List<Event> out) {
    if (paused) {
      paused = false;
      runningSince = clock.getAsLong();
      out.add(new Resumed(now));
    }
  }

  private void endPhase(End end, long at, List<Event> out) {
    int i = state.phase;
    PhaseRecord r = state.phases.get(i);
    r.ended = at;
    r.end = end;
    out.add(new PhaseOver(at, i, drill.phases().get(i), end, at - r.started, openAnswer == i));
    if (end == End.ENDED || i + 1 == drill.phases().size()) {
      state.phase = end == End.ENDED ? i : i + 1;
      state.finished = true;
      state.endReason = end == End.ENDED ? "ended" : "completed";
      state.elapsed = at;
      runningSince = -1;
      out.add(new Finished(at, end == End.ENDED));
      return;
    }
    state.phase = i + 1;
    state.phases.get(i + 1).started = at;
    out.add(phaseStarted(i + 1, at, false));
  }

  private PhaseStarted phaseStarted(int i, long at, boolean resumed) {
    return new PhaseStarted(at, i, drill.phases().size(), drill.phases().get(i), plan.box(i),
        resumed);
  }

  private long phaseEnd() {
    return state.phases.get(state.phase).started + plan.box(state.phase);
  }

  private int nextCurveball() {
    for (int i = 0; i < drill.curveballs().size(); i++) {
      if (!state.curveballsShown.containsKey(i)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The next time warning not yet given: one minute left in a phase of three minutes or more,
   * five minutes left in a drill of fifteen or more. Warnings are in real minutes, whatever the
   * scale, because they are about the learner's pace.
   */
  private String nextWarning() {
    String phase = "phase:" + state.phase;
    boolean phaseDue = plan.box(state.phase) >= 3 * MINUTE && !state.warnings.contains(phase);
    boolean drillDue = projectedEnd() >= 15 * MINUTE && !state.warnings.contains("drill:5");
    if (phaseDue && drillDue) {
      return warningAt(phase) <= warningAt("drill:5") ? phase : "drill:5";
    }
    return phaseDue ? phase : drillDue ? "drill:5" : null;
  }

  private long warningAt(String warning) {
    return warning.startsWith("phase:") ? phaseEnd() - MINUTE : projectedEnd() - 5 * MINUTE;
  }

  /** When the run will be over if no more phases are skipped. */
  private long projectedEnd() {
    long end = phaseEnd();
    for (int j = state.phase + 1; j < drill.phases().size(); j++) {
      end += plan.box(j);
    }
    return end;
  }

  /** Drill time left until the last phase's box ends, if no more phases are skipped. */
  public synchronized long leftInDrill() {
    return state.finished ? 0 : Math.max(0, projectedEnd() - elapsed());
  }

  private int lastStarted() {
    for (int i = state.phases.size() - 1; i >= 0; i--) {
      if (state.phases.get(i).started >= 0) {
        return i;
      }
    }
    return 0;
  }

  /** The current phase's first estimate question not yet answered, or null. */
  public synchronized EstimateQuestion pendingEstimate() {
    if (state.finished) {
      return null;
    }
    for (EstimateQuestion q : current().estimates()) {
      if (!state.estimates.containsKey(q.id())) {
        return q;
      }
    }
    return null;
  }

  public synchronized Phase current() {
    return drill.phases().get(Math.min(state.phase, drill.phases().size() - 1));
  }

  /** Drill time left in the current phase's box. */
  public synchronized long leftInPhase() {
    return state.finished ? 0 : Math.max(0, phaseEnd() - elapsed());
  }

  public synchronized boolean finished() {
    return state.finished;
  }

  public synchronized boolean paused() {
    return paused;
  }

  /** Whether an answer is in progress (its lines go on until a blank line). */
  public synchronized boolean answering() {
    return openAnswer >= 0;
  }

  /** Grows whenever the state changes: the face saves when it moved. */
  public synchronized long changes() {
    return changes;
  }

  /** A copy of the state with the clock read now, for saving and reporting. */
  public synchronized RunState snapshot() {
    RunState s = state.copy();
    s.elapsed = elapsed();
    return s;
  }
}
