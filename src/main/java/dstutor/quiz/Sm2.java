package dstutor.quiz;

/**
 * One card's SuperMemo-2 schedule (P. A. Wozniak, "Optimization of learning", 1990; published as
 * https://super-memory.com/english/ol/sm2.htm): {@code repetitions} in a row answered with q >= 3,
 * the E-Factor {@code ef}, and the last {@code interval} in days.
 *
 * <p>As published: EF starts at 2.5; after every answer EF' = EF + (0.1 - (5-q)(0.08 +
 * (5-q)0.02)), never below 1.3; intervals are I(1) = 1, I(2) = 6, I(n) = I(n-1) × EF, a fraction
 * rounded up; an answer with q < 3 starts the repetitions again from I(1) "without changing the
 * E-Factor", which we read as: the restart keeps the EF (lowered by that answer's formula) instead
 * of resetting it to 2.5. The interval is computed with the EF before the answer's update, as in
 * the reference implementations; for q = 4 the two are equal.
 */
public record Sm2(int repetitions, double ef, int interval) {
  /** A card never reviewed. */
  public static final Sm2 NEW = new Sm2(0, 2.5, 0);
  /** The quality we give a right answer: "correct response after a hesitation". */
  public static final int RIGHT = 4;
  /** The quality we give a wrong answer: "incorrect response; the correct one seemed easy". */
  public static final int WRONG = 2;
  static final double MIN_EF = 1.3;

  /** The schedule after an answer of quality {@code q} (0 to 5). */
  public Sm2 next(int q) {
    if (q < 0 || q > 5) {
      throw new IllegalArgumentException("q must be from 0 to 5, not " + q);
    }
    double nextEf = Math.max(MIN_EF, ef + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)));
    // Every step is a multiple of 0.02: rounding keeps 2.18 from drifting to 2.1799999999999997.
    nextEf = Math.round(nextEf * 1e9) / 1e9;
    if (q < 3) {
      return new Sm2(0, nextEf, 1);
    }
    int n = repetitions + 1;
    int days;
    if (n == 1) {
      days = 1;
    } else if (n == 2) {
      days = 6;
    } else {
      // Rounded to 1e-9 first, so that 6 × 2.5 stays 15 and is not lifted to 16 by a stray bit.
      days = (int) Math.ceil(Math.round(interval * ef * 1e9) / 1e9);
    }
    return new Sm2(n, nextEf, days);
  }
}
