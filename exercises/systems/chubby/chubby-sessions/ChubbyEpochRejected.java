/**
 * The master's answer to a KeepAlive that carried another epoch number than its own
 * (read-only): nothing is extended.
 *
 * @param epoch the master's epoch number, to put in the next KeepAlive
 */
public record ChubbyEpochRejected(long epoch) {}
