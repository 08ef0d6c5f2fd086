/**
 * A replica's answer to an append: whether it accepted it, and the highest epoch the replica has
 * seen after handling it. Given: do not edit.
 */
public record EpochReply(boolean ok, long epoch) {}
