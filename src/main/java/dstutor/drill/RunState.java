package dstutor.drill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a run has to keep so that it can stop at any moment and go on later: the answers,
 * where the clock stood, what was already shown. {@link StateFile} writes it as {@code state.json};
 * {@link DrillRun} is the only code that changes it. Times are milliseconds of drill time.
 */
public final class RunState {
  /** How a phase's box ended. */
  public enum End {
    TIME, SKIPPED, ENDED
  }

  /** One phase as it went: -1 for times not reached. */
  public static final class PhaseRecord {
    public final String id;
    public long started = -1;
    public long ended = -1;
    public End end;
    public String answer = "";

    public PhaseRecord(String id) {
      this.id = id;
    }

    PhaseRecord copy() {
      PhaseRecord c = new PhaseRecord(id);
      c.started = started;
      c.ended = ended;
      c.end = end;
      c.answer = answer;
      return c;
    }
  }

  /** An estimate as answered: what was typed, the value read from it, and whether it was right. */
  public record EstimateAnswer(String typed, double value, boolean right, long at) {}

  public String drillId;
  public String title;
  /** Local date and time the run began, ISO format; also in the folder's name. */
  public String started;
  /** The run's length in minutes (the drill's own, or --minutes). */
  public int minutes;
  /** Drill time used so far. */
  public long elapsed;
  /** The phase that is current; the number of phases once all are over. */
  public int phase;
  public boolean finished;
  /** Why a finished run ended: every phase over ("completed"), or `end` ("ended"). */
  public String endReason;
  public final List<PhaseRecord> phases = new ArrayList<>();
  /** Curveball index to the drill time it was shown. */
  public final Map<Integer, Long> curveballsShown = new LinkedHashMap<>();
  public final Set<String> warnings = new LinkedHashSet<>();
  public final Map<String, EstimateAnswer> estimates = new LinkedHashMap<>();

  /** A fresh state for {@code drill} run at {@code minutes}. */
  public static RunState fresh(Drill drill, int minutes, String started) {
    RunState s = new RunState();
    s.drillId = drill.id();
    s.title = drill.title();
    s.started = started;
    s.minutes = minutes;
    drill.phases().forEach(p -> s.phases.add(new PhaseRecord(p.id())));
    return s;
  }

  /** The answers by phase id, as {@link Coverage#of} takes them. */
  public Map<String, String> answers() {
    Map<String, String> out = new LinkedHashMap<>();
    phases.forEach(p -> out.put(p.id, p.answer));
    return out;
  }

  RunState copy() {
    RunState c = new RunState();
    c.drillId = drillId;
    c.title = title;
    c.started = started;
    c.minutes = minutes;
    c.elapsed = elapsed;
    c.phase = phase;
    c.finished = finished;
    c.endReason = endReason;
    phases.forEach(p -> c.phases.add(p.copy()));
    c.curveballsShown.putAll(curveballsShown);
    c.warnings.addAll(warnings);
    c.estimates.putAll(estimates);
    return c;
  }
}
