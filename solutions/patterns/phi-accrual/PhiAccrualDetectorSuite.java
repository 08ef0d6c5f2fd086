import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Because;
import dstutor.grade.Hint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the phi-accrual exercise. Every expected phi comes from the suite's own copy of
 * the model in brief.md ({@link #model}), computed two-pass in double from the heartbeat times the
 * suite itself chose. A mismatch is compared with the same model carrying one known mistake each
 * ({@link Mistake}); when the learner's phi matches one of them, the message names it and its hint.
 * Tests run in a fixed order, simplest first, so a mistake fails first on the test whose hint
 * fits it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class PhiAccrualDetectorSuite {
  private static final String ARGS = "argument-checks";
  private static final String INTERVALS = "heartbeat-intervals";
  private static final String WINDOW = "sliding-window";
  private static final String DEVIATION = "mean-and-deviation";
  private static final String PHI = "phi-from-the-tail";

  private static final double LN10 = Math.log(10);

  // ---------------------------------------------------------------------------------------------
  // The model of brief.md, and the known mistakes it is compared with.

  /** One known mistake of the model, with the hint it maps to and what to tell the learner. */
  enum Mistake {
    NONE(null, ""),
    SAMPLE_DEVIATION(DEVIATION, "the sample deviation (variance divided by n - 1); the brief"
        + " uses the population variance, divided by n"),
    NO_MINIMUM(DEVIATION, "a deviation of sqrt(v) with no minimum; s is max(sqrt(v),"
        + " minStdDeviationMillis)"),
    MINIMUM_ON_VARIANCE(DEVIATION, "sqrt(max(v, minStdDeviationMillis)), the minimum applied to"
        + " the variance; s is max(sqrt(v), minStdDeviationMillis)"),
    PAUSE_IGNORED(DEVIATION, "a model without the acceptable pause; mu = mean +"
        + " acceptableHeartbeatPauseMillis"),
    PAUSE_ON_DEVIATION(DEVIATION, "the pause added to the deviation instead of to the mean"),
    WINDOW_ONE_LONG(WINDOW, "a window of windowSize + 1 intervals; keep exactly the last"
        + " windowSize"),
    WINDOW_ONE_SHORT(WINDOW, "a window of windowSize - 1 intervals (windowSize heartbeat times);"
        + " keep exactly the last windowSize intervals"),
    NEVER_EVICTS(WINDOW, "every interval since the first heartbeat; the window keeps only the"
        + " last windowSize and drops the oldest"),
    EVICTS_NEWEST(WINDOW, "a window that drops the interval just added instead of the oldest, so"
        + " it keeps the first windowSize intervals forever"),
    FIRST_FROM_ZERO(INTERVALS, "an extra interval from time 0 to the first heartbeat; the first"
        + " heartbeat only records its time"),
    NATURAL_LOG(PHI, "the natural log, ln(1 + e^z); phi is log10(1 + e^z)"),
    LOG_OF_CDF(PHI, "-log10(F) instead of -log10(1 - F): that falls with silence");

    final String hint;
    final String says;

    Mistake(String hint, String says) {
      this.hint = hint;
      this.says = says;
    }
  }

  /** phi(now) of the brief's model after heartbeats at {@code beats}, with one mistake or NONE. */
  static double model(long[] beats, int window, double min, long pause, long now, Mistake m) {
    List<Long> all = new ArrayList<>();
    if (m == Mistake.FIRST_FROM_ZERO && beats.length > 0) {
      all.add(beats[0]);
    }
    for (int i = 1; i < beats.length; i++) {
      all.add(beats[i] - beats[i - 1]);
    }
    if (all.isEmpty()) {
      return 0.0;
    }
    int keep;
    switch (m) {
      case WINDOW_ONE_LONG: keep = window + 1; break;
      case WINDOW_ONE_SHORT: keep = Math.max(1, window - 1); break;
      case NEVER_EVICTS: keep = Integer.MAX_VALUE; break;
      default: keep = window;
    }
    List<Long> w;
    if (m == Mistake.EVICTS_NEWEST) {
      w = all.subList(0, Math.min(window, all.size()));
    } else {
      w = all.subList(Math.max(0, all.size() - keep), all.size());
    }
    int n = w.size();
    double mean = 0;
    for (long x : w) {
      mean += x;
    }
    mean /= n;
    double squares = 0;
    for (long x : w) {
      squares += (x - mean) * (x - mean);
    }
    double variance;
    if (m == Mistake.SAMPLE_DEVIATION) {
      variance = n < 2 ? 0 : squares / (n - 1);
    } else {
      variance = squares / n;
    }
    double s;
    if (m == Mistake.NO_MINIMUM) {
      s = Math.sqrt(variance);
    } else if (m == Mistake.MINIMUM_ON_VARIANCE) {
      s = Math.sqrt(Math.max(variance, min));
    } else {
      s = Math.max(Math.sqrt(variance), min);
    }
    double mu = mean + pause;
    if (m == Mistake.PAUSE_IGNORED) {
      mu = mean;
    } else if (m == Mistake.PAUSE_ON_DEVIATION) {
      mu = mean;
      s += pause;
    }
    long t = now - beats[beats.length - 1];
    double y = (t - mu) / s;
    double z = y * (1.5976 + 0.070566 * y * y);
    if (m == Mistake.LOG_OF_CDF) {
      z = -z;
    }
    double ln = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    return m == Mistake.NATURAL_LOG ? ln : ln / LN10;
  }

  /** The tolerance of the brief: 1e-6 + 1e-5 x phi. */
  static boolean close(double actual, double expected) {
    if (Double.isNaN(expected) || Double.isInfinite(expected)) {
      return Double.compare(actual, expected) == 0;
    }
    return Math.abs(actual - expected) <= 1e-6 + 1e-5 * Math.abs(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // Scenarios: heartbeat times chosen by the suite.

  /** A detector's arguments and the heartbeat times it is fed. */
  static final class Scenario {
    final String name;
    final int window;
    final double min;
    final long pause;
    final long[] beats;

    Scenario(String name, int window, double min, long pause, long[] beats) {
      this.name = name;
      this.window = window;
      this.min = min;
      this.pause = pause;
      this.beats = beats;
    }

    long last() {
      return beats[beats.length - 1];
    }

    private double mu = Double.NaN;
    private double s;

    /** The model's phi, with mu and s computed once per scenario (the suite asks often). */
    double expected(long now) {
      if (beats.length < 2) {
        return 0.0;
      }
      if (Double.isNaN(mu)) {
        int from = Math.max(1, beats.length - window);
        int n = beats.length - from;
        double mean = 0;
        for (int i = from; i < beats.length; i++) {
          mean += beats[i] - beats[i - 1];
        }
        mean /= n;
        double squares = 0;
        for (int i = from; i < beats.length; i++) {
          squares += (beats[i] - beats[i - 1] - mean) * (beats[i] - beats[i - 1] - mean);
        }
        s = Math.max(Math.sqrt(squares / n), min);
        mu = mean + pause;
      }
      double y = (now - last() - mu) / s;
      double z = y * (1.5976 + 0.070566 * y * y);
      return (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) / LN10;
    }

    int intervals() {
      return Math.max(0, beats.length - 1);
    }

    String describe() {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
          "new PhiAccrualDetector(%d, %s, %d), %s: heartbeats at ", window, num(min), pause,
          name));
      int shown = Math.min(beats.length, 6);
      for (int i = 0; i < shown; i++) {
        b.append(i == 0 ? "" : ", ").append(beats[i]);
      }
      if (beats.length > shown) {
        b.append(", ... ").append(beats[beats.length - 1]);
      }
      b.append(String.format(Locale.ROOT, " (%,d heartbeat%s, %,d interval%s; window %s)",
          beats.length, beats.length == 1 ? "" : "s", intervals(),
          intervals() == 1 ? "" : "s", intervals() < window ? "not yet full"
              : intervals() == window ? "exactly full" : "slid past the first "
                  + (intervals() - window)));
      return b.toString();
    }
  }

  /** Heartbeat times: segments of (count, base interval, jitter), from {@code start}. */
  static long[] rhythm(long seed, long start, long... segments) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int total = 1;
    for (int i = 0; i < segments.length; i += 3) {
      total += (int) segments[i];
    }
    long[] beats = new long[total];
    beats[0] = start;
    int k = 1;
    for (int i = 0; i < segments.length; i += 3) {
      for (int j = 0; j < segments[i]; j++) {
        long jitter = segments[i + 2];
        long gap = segments[i + 1] + (jitter == 0 ? 0 : rnd.nextLong(-jitter, jitter + 1));
        beats[k] = beats[k - 1] + Math.max(0, gap);
        k++;
      }
    }
    return beats;
  }

  /** Silences at which phi is probed: 0, around the expected gap, and well past it. */
  static long[] probes(Scenario sc) {
    double mu = 0;
    double s = sc.min;
    if (sc.intervals() > 0) {
      long[] b = sc.beats;
      int from = Math.max(1, b.length - sc.window);
      for (int i = from; i < b.length; i++) {
        mu += b[i] - b[i - 1];
      }
      int n = b.length - from;
      mu /= n;
      double squares = 0;
      for (int i = from; i < b.length; i++) {
        squares += (b[i] - b[i - 1] - mu) * (b[i] - b[i - 1] - mu);
      }
      s = Math.max(Math.sqrt(squares / n), sc.min);
      mu += sc.pause;
    }
    double[] at = {0, 0.5 * mu, mu - 2 * s, mu - s, mu, mu + s, mu + 2 * s, mu + 3 * s,
        1.2 * mu + 5 * s, 1.5 * mu + 10 * s, 2 * mu + 30 * s};
    long[] out = new long[at.length];
    for (int i = 0; i < at.length; i++) {
      out[i] = sc.last() + Math.max(0, Math.round(at[i]));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Tests

  @Test
  @Order(1)
  @DisplayName("bad arguments and times earlier than the last heartbeat are rejected")
  @Hint(ARGS)
  void badArgumentsAreRejected() {
    int[] badWindows = {0, -1, Integer.MIN_VALUE};
    for (int w : badWindows) {
      expectRejectedConstructor(w, 100, 0, "windowSize must be at least 1");
    }
    double[] badMins = {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    for (double m : badMins) {
      expectRejectedConstructor(10, m, 0, Double.isNaN(m)
          ? "NaN is not a number greater than 0 (every comparison with NaN is false, so"
              + " min <= 0 lets it through)"
          : "minStdDeviationMillis must be a finite number greater than 0");
    }
    long[] badPauses = {-1, Long.MIN_VALUE};
    for (long p : badPauses) {
      expectRejectedConstructor(10, 100, p, "acceptableHeartbeatPauseMillis must be at least 0");
    }
    Subject.create(1, 0.001, 0);
    Subject.create(1_000, 1e6, 1_000_000_000L);

    Subject d = Subject.create(10, 100, 0);
    d.heartbeat(5_000);
    expectRejected(() -> d.d.heartbeat(4_999), "heartbeat at 5,000, then heartbeat(4,999)",
        "a heartbeat earlier than the last one");
    d.heartbeat(6_000);
    expectRejected(() -> d.d.heartbeat(5_999), "heartbeats at 5,000 and 6,000, then"
        + " heartbeat(5,999)", "a heartbeat earlier than the last one");
    expectRejected(() -> d.d.phi(5_999), "heartbeats at 5,000 and 6,000, then phi(5,999)",
        "a time earlier than the last heartbeat");
    expectRejected(() -> d.d.isAvailable(5_999, 8), "heartbeats at 5,000 and 6,000, then"
        + " isAvailable(5,999, 8)", "a time earlier than the last heartbeat");
    double[] badThresholds = {0.0, -1.0, Double.NaN};
    for (double th : badThresholds) {
      expectRejected(() -> d.d.isAvailable(6_500, th), "heartbeats at 5,000 and 6,000, then"
          + " isAvailable(6,500, " + num(th) + ")", "a threshold must be greater than 0");
    }
    // The rejected calls changed nothing: compared with a detector that never saw them.
    d.heartbeat(7_000);
    Subject clean = Subject.create(10, 100, 0);
    clean.heartbeat(5_000);
    clean.heartbeat(6_000);
    clean.heartbeat(7_000);
    for (long now : new long[] {7_000, 8_000, 8_100, 8_300}) {
      double expected = clean.phi(now);
      double actual = d.phi(now);
      if (!close(actual, expected)) {
        fail(String.format(Locale.ROOT, "new PhiAccrualDetector(10, 100, 0): heartbeats at"
            + " 5,000 and 6,000, the rejected calls heartbeat(5,999), phi(5,999) and"
            + " isAvailable(5,999, 8), then a heartbeat at 7,000: phi(%d) returned %s;"
            + " expected %s, what a detector given only the heartbeats 5,000, 6,000 and 7,000"
            + " returns. A rejected call changes nothing.",
            now, num(actual), num(expected)));
      }
    }
  }

  @Test
  @Order(2)
  @DisplayName("phi is 0.0 until the second heartbeat, whatever the silence")
  @Hint(INTERVALS)
  void phiIsZeroBeforeTheFirstInterval() {
    Subject d = Subject.create(10, 100, 0);
    for (long now : new long[] {-1_000_000, 0, 1_000, 1_000_000_000_000L}) {
      double phi = d.phi(now);
      if (phi != 0.0) {
        fail(String.format(Locale.ROOT, "new PhiAccrualDetector(10, 100, 0) with no heartbeat:"
            + " phi(%,d) returned %s; expected 0.0 (no interval yet).", now, num(phi)));
      }
      if (!d.isAvailable(now, 8)) {
        fail(String.format(Locale.ROOT, "new PhiAccrualDetector(10, 100, 0) with no heartbeat:"
            + " isAvailable(%,d, 8) returned false; phi is 0.0 before any interval.", now));
      }
    }
    for (long start : new long[] {-5_000_000, 1_000, 1_000_000_000L}) {
      Subject e = Subject.create(10, 100, 0);
      e.heartbeat(start);
      for (long silence : new long[] {0, 1, 1_000, 100_000, 1_000_000_000L}) {
        double phi = e.phi(start + silence);
        if (phi != 0.0) {
          fail(String.format(Locale.ROOT, "new PhiAccrualDetector(10, 100, 0) with one heartbeat"
              + " at %,d: phi(%,d) returned %s; expected 0.0. The first heartbeat only records"
              + " its time: it adds no interval (not the time since 0), and phi is 0.0 until"
              + " there is one.", start, start + silence, num(phi)));
        }
      }
    }
  }

  @Test
  @Order(3)
  @DisplayName("phi depends only on the times given: shifting every time changes nothing")
  @Hint(INTERVALS)
  void phiDependsOnlyOnTheTimesGiven() {
    long[] starts = {0, -1_000_000_000L, 1_000_000_000L, 1_000_000_000_000L};
    long[] shape = rhythm(3, 0, 20, 1_000, 150);
    Scenario base = new Scenario("a 1,000 ms rhythm with jitter 150", 10, 50, 0, shape);
    Subject first = Subject.feed(base);
    long[] offsets = probes(base);
    double[] atZero = new double[offsets.length];
    for (int i = 0; i < offsets.length; i++) {
      atZero[i] = first.phi(offsets[i]);
    }
    for (long start : starts) {
      long[] beats = new long[shape.length];
      for (int i = 0; i < shape.length; i++) {
        beats[i] = shape[i] + start;
      }
      Scenario sc = new Scenario(base.name + ", starting at " + String.format(Locale.ROOT,
          "%,d", start), 10, 50, 0, beats);
      Subject d = Subject.feed(sc);
      for (int i = 0; i < offsets.length; i++) {
        long now = offsets[i] + start;
        double expected = atZero[i];
        double actual = d.phi(now);
        if (!close(actual, expected)) {
          fail(String.format(Locale.ROOT, "%s: phi(%,d), %,d ms after the last heartbeat,"
              + " returned %s; for the same heartbeats starting at 0 it returned %s."
              + " phi depends only on the intervals between heartbeats and the silence since"
              + " the last one, measured with the times passed in (never"
              + " System.currentTimeMillis(), never the heartbeat times themselves).",
              sc.describe(), now, now - sc.last(), num(actual), num(expected)));
        }
      }
    }
  }

  @Test
  @Order(4)
  @DisplayName("phi rises strictly with silence and stays finite")
  @Hint(PHI)
  void phiRisesWithSilence() {
    Scenario[] scenarios = {
      new Scenario("a 1,000 ms rhythm with jitter 100", 100, 10, 0,
          rhythm(41, 10_000, 60, 1_000, 100)),
      new Scenario("a 200 ms rhythm with jitter 50, pause 500", 10, 20, 500,
          rhythm(42, 0, 30, 200, 50)),
      new Scenario("a 50 ms rhythm with jitter 5", 3, 1, 0, rhythm(43, 777, 10, 50, 5)),
    };
    for (Scenario sc : scenarios) {
      Subject d = Subject.feed(sc);
      // Far enough for 1,000 deviations: the largest deviation here is below 120 ms.
      long end = sc.last() + 2 * (sc.pause + 1_100) + 120_000;
      double previous = Double.NEGATIVE_INFINITY;
      long previousAt = -1;
      for (long now = sc.last(); now <= end; now += now < sc.last() + 5_000 ? 1 : 97) {
        double phi = d.phi(now);
        if (!Double.isFinite(phi)) {
          fail(String.format(Locale.ROOT, "%s: phi(%,d), %,d ms after the last heartbeat,"
              + " returned %s; expected a finite number (the model gives %s). e^z overflows"
              + " once z > 709: for z > 0 compute log10(1 + e^z) as z / ln 10 +"
              + " log10(1 + e^-z).", sc.describe(), now, now - sc.last(), num(phi),
              num(sc.expected(now))));
        }
        boolean strict = sc.expected(previousAt) >= 1e-6;
        if (strict ? !(phi > previous) : phi < previous) {
          fail(String.format(Locale.ROOT, "%s: phi(%,d) returned %s and phi(%,d), later, %s;"
              + " expected it to %s with silence (the model gives %s and %s)."
              + " phi = -log10(1 - F), the tail: the longer the silence, the less likely a live"
              + " node, the higher phi.", sc.describe(), previousAt, num(previous), now,
              num(phi), strict ? "rise strictly" : "never fall", num(sc.expected(previousAt)),
              num(sc.expected(now))));
        }
        previous = phi;
        previousAt = now;
      }
    }
  }

  @Test
  @Order(5)
  @DisplayName("phi matches the model while the window fills (no interval dropped yet)")
  @Hint(DEVIATION)
  void phiMatchesTheModelBeforeEviction() {
    List<Scenario> list = new ArrayList<>();
    list.add(new Scenario("one interval of 1,000 ms", 1, 100, 0, new long[] {0, 1_000}));
    list.add(new Scenario("one interval of 1,000 ms, pause 3,000", 2, 100, 3_000,
        new long[] {500, 1_500}));
    list.add(new Scenario("two intervals", 2, 10, 0, new long[] {1_000, 2_000, 3_400}));
    list.add(new Scenario("a 500 ms rhythm with jitter 100", 3, 50, 0,
        rhythm(51, 2_000, 2, 500, 100)));
    list.add(new Scenario("a 500 ms rhythm with jitter 100", 3, 50, 0,
        rhythm(52, 2_000, 3, 500, 100)));
    list.add(new Scenario("a steady 1,000 ms rhythm (deviation 0)", 10, 1, 0,
        rhythm(53, 0, 10, 1_000, 0)));
    list.add(new Scenario("a steady 1,000 ms rhythm (deviation 0)", 10, 100, 0,
        rhythm(54, 0, 7, 1_000, 0)));
    list.add(new Scenario("a 200 ms rhythm with jitter 50, pause 3,000", 10, 20, 3_000,
        rhythm(55, 100, 10, 200, 50)));
    list.add(new Scenario("duplicates: gaps of 0 to 4 ms", 10, 0.5, 0,
        rhythm(56, 0, 10, 2, 2)));
    list.add(new Scenario("a 1,000 ms rhythm with jitter 400", 100, 100, 0,
        rhythm(57, 0, 49, 1_000, 400)));
    list.add(new Scenario("a 1,000 ms rhythm with jitter 400, pause 3,000", 100, 100, 3_000,
        rhythm(58, 0, 100, 1_000, 400)));
    list.add(new Scenario("two rhythms, 1,000 then 100 ms", 1_000, 100, 0,
        rhythm(59, 0, 500, 1_000, 300, 500, 100, 30)));
    list.add(new Scenario("a 100 ms rhythm with jitter 90, pause 3,000", 1_000, 500, 3_000,
        rhythm(60, 0, 1_000, 100, 90)));
    for (Scenario sc : list) {
      check(sc, DEVIATION);
    }
  }

  @Test
  @Order(6)
  @DisplayName("the window keeps exactly the last windowSize intervals")
  @Hint(WINDOW)
  void theWindowKeepsTheLastIntervals() {
    List<Scenario> list = new ArrayList<>();
    list.add(new Scenario("1,000 ms then 3,000 ms", 1, 100, 0, new long[] {0, 1_000, 4_000}));
    list.add(new Scenario("a 1,000 ms rhythm with jitter 200", 1, 100, 0,
        rhythm(61, 5_000, 9, 1_000, 200)));
    list.add(new Scenario("a 1,000 ms rhythm with jitter 300", 2, 10, 0,
        rhythm(62, 0, 7, 1_000, 300)));
    list.add(new Scenario("two rhythms, 1,000 then 300 ms", 3, 10, 0,
        rhythm(63, 0, 3, 1_000, 100, 2, 300, 30)));
    list.add(new Scenario("a 1,000 ms rhythm with jitter 400, pause 3,000", 100, 100, 3_000,
        rhythm(64, 0, 400, 1_000, 400)));
    list.add(new Scenario("two rhythms, 1,000 then 100 ms", 10, 5, 0,
        rhythm(65, 0, 30, 1_000, 100, 5, 100, 10)));
    list.add(new Scenario("a 1,000 ms rhythm with jitter 300", 1_000, 100, 0,
        rhythm(66, 0, 1_500, 1_000, 300)));
    for (Scenario sc : list) {
      check(sc, WINDOW);
    }
  }

  @Test
  @Order(7)
  @DisplayName("a higher threshold suspects later, at the millisecond the model says")
  @Hint(PHI)
  void aHigherThresholdSuspectsLater() {
    Scenario[] scenarios = {
      new Scenario("a 1,000 ms rhythm with jitter 100", 100, 100, 0,
          rhythm(71, 0, 100, 1_000, 100)),
      new Scenario("a 200 ms rhythm with jitter 40, pause 300", 20, 10, 300,
          rhythm(72, 9_000, 50, 200, 40)),
    };
    double[] thresholds = {1, 3, 8, 12};
    for (Scenario sc : scenarios) {
      Subject d = Subject.feed(sc);
      long previous = -1;
      double previousTh = 0;
      for (double th : thresholds) {
        long expected = firstSuspected(sc, th);
        long actual = -1;
        for (long now = sc.last(); now <= expected + 1_000; now++) {
          boolean available = d.isAvailable(now, th);
          double phi = d.phi(now);
          if (available != (phi < th)) {
            fail(String.format(Locale.ROOT, "%s: at %,d, phi returned %s but isAvailable(%,d,"
                + " %s) returned %s; expected %s. isAvailable(now, threshold) is exactly"
                + " phi(now) < threshold, with the threshold it was given.", sc.describe(),
                now, num(phi), now, num(th), available, phi < th));
          }
          if (!available) {
            actual = now;
            break;
          }
        }
        if (actual < 0 || Math.abs(actual - expected) > 1) {
          fail(String.format(Locale.ROOT, "%s: isAvailable(now, %s) first returned false at"
              + " %s; expected at %,d (%,d ms after the last heartbeat), the first millisecond"
              + " at which the model's phi reaches %s.", sc.describe(), num(th),
              actual < 0 ? "no time up to " + String.format(Locale.ROOT, "%,d", expected + 1_000)
                  : String.format(Locale.ROOT, "%,d", actual), expected,
              expected - sc.last(), num(th)));
        }
        if (previous >= 0 && !(actual > previous)) {
          fail(String.format(Locale.ROOT, "%s: threshold %s suspected at %,d and threshold %s"
              + " at %,d; expected the higher threshold to suspect later.", sc.describe(),
              num(previousTh), previous, num(th), actual));
        }
        previous = actual;
        previousTh = th;
      }
      // At a threshold equal to phi itself the node is suspected: phi < threshold is false.
      for (long now = sc.last(); now <= sc.last() + 3_000; now += 250) {
        double phi = d.phi(now);
        if (phi > 0 && d.isAvailable(now, phi)) {
          fail(String.format(Locale.ROOT, "%s: phi(%,d) returned %s, and isAvailable(%,d, %s)"
              + " with that same value as the threshold returned true; expected false."
              + " isAvailable(now, threshold) is phi(now) < threshold: a node whose phi has"
              + " reached the threshold is suspected.", sc.describe(), now, num(phi), now,
              Double.toString(phi)));
        }
        if (!d.isAvailable(now, Math.nextUp(phi))) {
          fail(String.format(Locale.ROOT, "%s: phi(%,d) returned %s, and isAvailable(%,d, %s),"
              + " a threshold just above it, returned false; expected true, since phi(now) <"
              + " threshold.", sc.describe(), now, num(phi), now,
              Double.toString(Math.nextUp(phi))));
        }
      }
    }
  }

  @Test
  @Order(8)
  @DisplayName("phi adapts when the rhythm changes, once the window has filled again")
  @Hint(WINDOW)
  void phiAdaptsToANewRhythm() {
    int[] windows = {10, 100, 1_000};
    for (int w : windows) {
      Scenario sc = new Scenario(String.format(Locale.ROOT,
          "2,000 intervals of about 1,000 ms, then %,d of about 200 ms", w), w, 10, 0,
          rhythm(80 + w, 0, 2_000, 1_000, 100, w, 200, 20));
      check(sc, WINDOW);
    }
  }

  @Test
  @Order(9)
  @DisplayName("20,000 heartbeats with a window of 1,000: phi still matches the model")
  @Hint(WINDOW)
  void manyHeartbeats() {
    long[] beats = rhythm(90, 1_000_000, 5_000, 1_000, 200, 5_000, 100, 30, 5_000, 2_000, 900,
        4_999, 500, 10);
    Subject d = Subject.create(1_000, 50, 100);
    for (int i = 0; i < beats.length; i++) {
      d.heartbeat(beats[i]);
      if (i % 1_000 == 999 || i == beats.length - 1) {
        long[] prefix = java.util.Arrays.copyOf(beats, i + 1);
        Scenario sc = new Scenario("four rhythms of 5,000 heartbeats (1,000, 100, 2,000 and 500"
            + " ms)", 1_000, 50, 100, prefix);
        for (long now : probes(sc)) {
          compare(sc, d, now, WINDOW);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** The first millisecond after the last heartbeat at which the model's phi reaches th. */
  static long firstSuspected(Scenario sc, double th) {
    for (long now = sc.last(); ; now++) {
      if (sc.expected(now) >= th) {
        return now;
      }
    }
  }

  static void check(Scenario sc, String hint) {
    Subject d = Subject.feed(sc);
    for (long now : probes(sc)) {
      compare(sc, d, now, hint);
    }
  }

  static void compare(Scenario sc, Subject d, long now, String hint) {
    double expected = sc.expected(now);
    double actual = d.phi(now);
    if (close(actual, expected)) {
      return;
    }
    String text = String.format(Locale.ROOT, "%s: phi(%,d), %,d ms after the last heartbeat,"
        + " returned %s; expected %s.", sc.describe(), now, now - sc.last(), num(actual),
        num(expected));
    // Every known mistake that gives the learner's phi here (several can coincide on one input).
    Mistake first = null;
    StringBuilder what = new StringBuilder();
    StringBuilder fix = new StringBuilder();
    for (Mistake m : Mistake.values()) {
      if (m == Mistake.NONE) {
        continue;
      }
      double wrong = model(sc.beats, sc.window, sc.min, sc.pause, now, m);
      if (close(actual, wrong) && !close(wrong, expected)
          && (first == null || first.hint.equals(m.hint))) {
        first = first == null ? m : first;
        int semi = m.says.indexOf("; ");
        what.append(what.length() == 0 ? "" : ", or ")
            .append(semi < 0 ? m.says : m.says.substring(0, semi));
        if (semi >= 0) {
          fix.append(fix.length() == 0 ? "" : "; ").append(m.says.substring(semi + 2));
        }
      }
    }
    if (first != null) {
      throw Because.of(first.hint, text + " That is the phi that " + what + " gives"
          + (fix.length() == 0 ? "." : ": " + fix + "."));
    }
    throw Because.of(hint, text + " The model: mean and population deviation of the last"
        + " windowSize intervals, s at least minStdDeviationMillis, mu = mean + pause,"
        + " y = (t - mu) / s, z = y (1.5976 + 0.070566 y^2), phi = log10(1 + e^z).");
  }

  static String num(double x) {
    if (x == 0) {
      return "0.0";
    }
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return Double.toString(x);
    }
    return String.format(Locale.ROOT, "%.6g", x);
  }

  interface Call {
    void run();
  }

  static void expectRejected(Call call, String what, String rule) {
    try {
      call.run();
    } catch (IllegalArgumentException e) {
      return;
    } catch (RuntimeException e) {
      if (e instanceof UnsupportedOperationException && e.getMessage() != null
          && e.getMessage().contains("TODO")) {
        throw e;
      }
      fail(String.format(Locale.ROOT, "new PhiAccrualDetector(10, 100, 0), %s threw %s;"
          + " expected IllegalArgumentException (%s).", what, e, rule));
    }
    fail(String.format(Locale.ROOT, "new PhiAccrualDetector(10, 100, 0), %s returned normally;"
        + " expected IllegalArgumentException (%s).", what, rule));
  }

  static void expectRejectedConstructor(int w, double min, long pause, String rule) {
    String call = String.format(Locale.ROOT, "new PhiAccrualDetector(%d, %s, %d)", w, num(min),
        pause);
    try {
      new PhiAccrualDetector(w, min, pause);
    } catch (IllegalArgumentException e) {
      return;
    } catch (RuntimeException e) {
      if (e instanceof UnsupportedOperationException && e.getMessage() != null
          && e.getMessage().contains("TODO")) {
        throw e;
      }
      fail(call + " threw " + e + "; expected IllegalArgumentException (" + rule + ").");
    }
    fail(call + " returned a detector; expected IllegalArgumentException (" + rule + ").");
  }

  /** The learner's detector, with calls that report the scenario when they throw. */
  static final class Subject {
    final PhiAccrualDetector d;
    final String made;

    private Subject(PhiAccrualDetector d, String made) {
      this.d = d;
      this.made = made;
    }

    static Subject create(int w, double min, long pause) {
      String made = String.format(Locale.ROOT, "new PhiAccrualDetector(%d, %s, %d)", w,
          num(min), pause);
      try {
        return new Subject(new PhiAccrualDetector(w, min, pause), made);
      } catch (IllegalArgumentException e) {
        throw Because.of(ARGS, made + " threw " + e + "; expected a detector: these arguments"
            + " are valid.", e);
      } catch (RuntimeException e) {
        throw threw(made, e);
      }
    }

    static Subject feed(Scenario sc) {
      Subject s = create(sc.window, sc.min, sc.pause);
      for (long b : sc.beats) {
        try {
          s.d.heartbeat(b);
        } catch (RuntimeException e) {
          throw threw(sc.describe() + ": heartbeat(" + b + ")", e);
        }
      }
      return s;
    }

    void heartbeat(long now) {
      try {
        d.heartbeat(now);
      } catch (RuntimeException e) {
        throw threw(made + ": heartbeat(" + now + ")", e);
      }
    }

    double phi(long now) {
      try {
        return d.phi(now);
      } catch (RuntimeException e) {
        throw threw(made + ": phi(" + now + ")", e);
      }
    }

    boolean isAvailable(long now, double th) {
      try {
        return d.isAvailable(now, th);
      } catch (RuntimeException e) {
        throw threw(made + ": isAvailable(" + now + ", " + num(th) + ")", e);
      }
    }

    private static RuntimeException threw(String call, RuntimeException e) {
      if (e instanceof UnsupportedOperationException && e.getMessage() != null
          && e.getMessage().contains("TODO")) {
        return e;
      }
      String where = "";
      for (StackTraceElement f : e.getStackTrace()) {
        if ("PhiAccrualDetector.java".equals(f.getFileName())) {
          where = " at PhiAccrualDetector.java:" + f.getLineNumber() + " (in "
              + f.getMethodName() + ")";
          break;
        }
      }
      throw new AssertionError(call + " threw " + e + where + ".", e);
    }
  }
}
