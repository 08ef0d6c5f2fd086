import java.util.ArrayDeque;

/**
 * A phi accrual failure detector: phi from a normal model of the last {@code windowSize}
 * heartbeat inter-arrival times. See brief.md for the exact model the suite checks.
 */
public class PhiAccrualDetector implements AccrualFailureDetector {
  private static final double LN10 = Math.log(10);

  private final int windowSize;
  private final double minStdDeviationMillis;
  private final long acceptableHeartbeatPauseMillis;
  private final ArrayDeque<Long> intervals = new ArrayDeque<>();
  private long sum;
  private long sumOfSquares;
  private boolean heard;
  private long lastHeartbeat;

  /**
   * @throws IllegalArgumentException if windowSize < 1, minStdDeviationMillis is not a finite
   *     number > 0, or acceptableHeartbeatPauseMillis < 0
   */
  public PhiAccrualDetector(
      int windowSize, double minStdDeviationMillis, long acceptableHeartbeatPauseMillis) {
    if (windowSize < 1) {
      throw new IllegalArgumentException("windowSize must be at least 1: " + windowSize);
    }
    if (!(minStdDeviationMillis > 0) || Double.isInfinite(minStdDeviationMillis)) {
      throw new IllegalArgumentException(
          "minStdDeviationMillis must be finite and > 0: " + minStdDeviationMillis);
    }
    if (acceptableHeartbeatPauseMillis < 0) {
      throw new IllegalArgumentException(
          "acceptableHeartbeatPauseMillis must be >= 0: " + acceptableHeartbeatPauseMillis);
    }
    this.windowSize = windowSize;
    this.minStdDeviationMillis = minStdDeviationMillis;
    this.acceptableHeartbeatPauseMillis = acceptableHeartbeatPauseMillis;
  }

  @Override
  public void heartbeat(long nowMillis) {
    if (!heard) {
      heard = true;
      lastHeartbeat = nowMillis;
      return;
    }
    if (nowMillis < lastHeartbeat) {
      throw new IllegalArgumentException(
          "time went backwards: " + nowMillis + " < last heartbeat " + lastHeartbeat);
    }
    long interval = nowMillis - lastHeartbeat;
    lastHeartbeat = nowMillis;
    intervals.addLast(interval);
    sum += interval;
    sumOfSquares += interval * interval;
    if (intervals.size() > windowSize) {
      long oldest = intervals.removeFirst();
      sum -= oldest;
      sumOfSquares -= oldest * oldest;
    }
  }

  @Override
  public double phi(long nowMillis) {
    if (heard && nowMillis < lastHeartbeat) {
      throw new IllegalArgumentException(
          "time went backwards: " + nowMillis + " < last heartbeat " + lastHeartbeat);
    }
    if (intervals.isEmpty()) {
      return 0.0;
    }
    int n = intervals.size();
    double mean = (double) sum / n;
    double variance = Math.max(0.0, (double) sumOfSquares / n - mean * mean);
    double std = Math.max(Math.sqrt(variance), minStdDeviationMillis);
    double y = (nowMillis - lastHeartbeat - (mean + acceptableHeartbeatPauseMillis)) / std;
    double z = y * (1.5976 + 0.070566 * y * y);
    // phi = log10(1 + e^z), written so that it stays finite for large z.
    if (z > 0) {
      return z / LN10 + Math.log1p(Math.exp(-z)) / LN10;
    }
    return Math.log1p(Math.exp(z)) / LN10;
  }

  @Override
  public boolean isAvailable(long nowMillis, double threshold) {
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("threshold must be > 0: " + threshold);
    }
    return phi(nowMillis) < threshold;
  }
}
