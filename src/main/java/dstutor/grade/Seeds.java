package dstutor.grade;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * Seeds for hidden suites. A suite sweeps many seeds; when the learner replays one with {@code
 * dstutor submit <id> --seed N}, every sweep runs that seed alone. The grading worker sets the
 * system properties read here; outside a worker the defaults apply.
 */
public final class Seeds {
  /** System property holding the seed to replay, if any. */
  public static final String REPLAY_PROPERTY = "dstutor.seed";
  /**
   * System property: "true" when the learner asked for whole timelines ({@code --full}); read by
   * {@code dstutor.sim.Timeline}.
   */
  public static final String FULL_PROPERTY = "dstutor.timeline.full";
  /** System property holding the exercise id, for replay commands. */
  public static final String EXERCISE_PROPERTY = "dstutor.exercise";

  private Seeds() {}

  /** The seed being replayed, if the learner asked for one. */
  public static OptionalLong replay() {
    String s = System.getProperty(REPLAY_PROPERTY);
    if (s == null || s.isBlank()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(s.trim()));
  }

  /**
   * The seeds a sweep should run: {@code 1..count}, or just the replayed seed. Seeds are small
   * numbers on purpose: they are typed back by the learner.
   */
  public static long[] sweep(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count < 1: " + count);
    }
    OptionalLong replay = replay();
    if (replay.isPresent()) {
      return new long[] {replay.getAsLong()};
    }
    long[] seeds = new long[count];
    Arrays.setAll(seeds, i -> i + 1);
    return seeds;
  }

  /** The command that replays {@code seed} for the exercise being graded. */
  public static String replayCommand(long seed) {
    String id = System.getProperty(EXERCISE_PROPERTY, "<exercise>");
    return "dstutor submit " + id + " --seed " + seed;
  }

  /**
   * Runs {@code body} once per seed of {@link #sweep(int)}; the first seed whose run throws an
   * {@link AssertionError} (or any exception) fails the property with that seed and a replay
   * command appended to the message.
   */
  public static void forEach(int count, LongConsumer body) {
    for (long seed : sweep(count)) {
      try {
        body.accept(seed);
      } catch (PropertyFailure f) {
        throw f;
      } catch (AssertionError | RuntimeException e) {
        throw failure(seed, String.valueOf(e.getMessage()), e);
      }
    }
  }

  /** A failure for {@code seed} whose message ends with the replay command. */
  public static PropertyFailure failure(long seed, String message, Throwable cause) {
    return failure(seed, message, cause, null);
  }

  /**
   * A failure for {@code seed} that names the hint rung about its cause ({@code null}: the
   * test's {@link Hint}); the message ends with the replay command.
   */
  public static PropertyFailure failure(long seed, String message, Throwable cause,
      String hint) {
    String text = message + "\nseed " + seed + "   replay: " + replayCommand(seed);
    return new PropertyFailure(seed, text, cause, hint);
  }
}
