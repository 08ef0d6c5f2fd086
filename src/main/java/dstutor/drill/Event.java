package dstutor.drill;

/**
 * What a {@link DrillRun} tells its face, each stamped with the drill time it happened at. The
 * face decides how to show them (a status line and text above the input in a terminal, plain
 * lines otherwise); the run never prints.
 */
public sealed interface Event {
  long at();

  /** Phase {@code index} (from 0) of {@code count} starts with a box of {@code box} ms. */
  record PhaseStarted(long at, int index, int count, Phase phase, long box, boolean resumed)
      implements Event {}

  /** The box of phase {@code index} is over after {@code used} ms. */
  record PhaseOver(long at, int index, Phase phase, RunState.End end, long used,
      boolean answerOpen) implements Event {}

  /** A curveball's minute has come. */
  record CurveballDue(long at, int index, Curveball curveball) implements Event {}

  /** Little time is left: in the current phase ({@code phase} set) or in the whole drill. */
  record TimeWarning(long at, long left, Phase phase) implements Event {}

  /** An estimate was answered and graded; the face shows the working right after. */
  record EstimateGraded(long at, EstimateQuestion question, RunState.EstimateAnswer answer)
      implements Event {}

  record Paused(long at) implements Event {}

  record Resumed(long at) implements Event {}

  /** The run is over: {@code ended} when the learner typed {@code end}. */
  record Finished(long at, boolean ended) implements Event {}

  /** The learner asked to edit phase {@code index}'s answer, which is {@code text} so far. */
  record EditRequested(long at, int index, String text) implements Event {}

  record HelpRequested(long at) implements Event {}

  /** Something to tell the learner that needs no action. */
  record Note(long at, String text) implements Event {}
}
