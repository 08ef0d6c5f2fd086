package dstutor.drill;

/**
 * A drill's timetable at the length the learner chose ({@code --minutes}): every phase box and
 * curveball minute scaled by the same factor, in milliseconds of drill time.
 */
public record Plan(Drill drill, int minutes) {
  public Plan {
    if (minutes < 1) {
      throw new IllegalArgumentException("minutes < 1: " + minutes);
    }
  }

  public long totalMillis() {
    return minutes * 60_000L;
  }

  /** Minute {@code planMinute} of the drill as written, in scaled milliseconds. */
  public long at(int planMinute) {
    return Math.round(planMinute * 60_000.0 * minutes / drill.minutes());
  }

  /** Phase {@code i}'s box; scaled from its planned start and end so that boxes never overlap. */
  public long box(int i) {
    Phase p = drill.phases().get(i);
    return at(p.end()) - at(p.at());
  }

  public long plannedStart(int i) {
    return at(drill.phases().get(i).at());
  }

  public long curveballAt(int i) {
    return at(drill.curveballs().get(i).at());
  }

  /** The planned end of the last phase: when a run that skips nothing is over. */
  public long plannedEnd() {
    int n = drill.phases().size();
    return n == 0 ? 0 : at(drill.phases().get(n - 1).end());
  }

  public boolean rescaled() {
    return minutes != drill.minutes();
  }
}
