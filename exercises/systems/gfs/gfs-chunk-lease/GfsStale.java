/**
 * The master's answer to a heartbeat from a stale replica (read-only): its copy of the chunk
 * missed a version, so it must serve no client and take no part in mutations.
 *
 * @param version the chunk's current version number at the master
 */
public record GfsStale(long version) {}
