/**
 * A client's KeepAlive to the cell's master (read-only).
 *
 * @param epoch the master epoch number the client believes current: 0 until a master has told
 *     it one with a {@link ChubbyEpochRejected}
 */
public record ChubbyKeepAlive(long epoch) {}
