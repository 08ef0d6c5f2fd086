/**
 * A phi accrual failure detector: phi from a normal model of the last {@code windowSize}
 * heartbeat inter-arrival times. See brief.md for the exact model the suite checks.
 */
public class PhiAccrualDetector implements AccrualFailureDetector {

  /**
   * @throws IllegalArgumentException if windowSize < 1, minStdDeviationMillis is not a finite
   *     number > 0, or acceptableHeartbeatPauseMillis < 0
   */
  public PhiAccrualDetector(
      int windowSize, double minStdDeviationMillis, long acceptableHeartbeatPauseMillis) {
    // TODO: check the arguments and set up an empty window of intervals.
  }

  @Override
  public void heartbeat(long nowMillis) {
    // TODO: record the interval since the previous heartbeat (none for the first one).
    throw new UnsupportedOperationException("TODO: heartbeat");
  }

  @Override
  public double phi(long nowMillis) {
    // TODO: phi from the window's mean and standard deviation, as the brief states.
    throw new UnsupportedOperationException("TODO: phi");
  }

  @Override
  public boolean isAvailable(long nowMillis, double threshold) {
    // TODO: phi(nowMillis) < threshold.
    throw new UnsupportedOperationException("TODO: isAvailable");
  }
}
