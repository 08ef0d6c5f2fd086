/**
 * A chunkserver's regular HeartBeat to the master (read-only). It reports the version of the
 * chunk this replica holds and asks, implicitly, for the lease or its extension.
 *
 * @param sentAt the replica's own clock reading (its ctx.now()) when it sent this heartbeat
 * @param version the chunk version number this replica has recorded
 */
public record GfsHeartbeat(long sentAt, long version) {}
