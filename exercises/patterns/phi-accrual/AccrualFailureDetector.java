/**
 * An accrual failure detector for one monitored node: instead of a yes/no verdict it reports a
 * suspicion level that grows while the node is silent. All times are milliseconds on the
 * caller's monotonic clock, passed in by the caller. Given: do not edit.
 */
public interface AccrualFailureDetector {

  /** Records a heartbeat from the monitored node that arrived at {@code nowMillis}. */
  void heartbeat(long nowMillis);

  /** The suspicion level at {@code nowMillis}: 0 means no suspicion, and it rises with silence. */
  double phi(long nowMillis);

  /** True while {@code phi(nowMillis) < threshold}: the node is not (yet) suspected. */
  boolean isAvailable(long nowMillis, double threshold);
}
