package dstutor.drill;

/**
 * A back-of-the-envelope question: right when the learner's number {@code x} satisfies
 * {@code answer / within <= x <= answer * within}; {@code working} is shown after the answer.
 */
public record EstimateQuestion(
    String id, String ask, double answer, String unit, double within, String working) {

  public boolean accepts(double x) {
    // A little slack for answers typed with rounding right at the edge of the band.
    double eps = 1e-9 * Math.abs(answer);
    return x >= answer / within - eps && x <= answer * within + eps;
  }
}
