/**
 * A record as an application reads it back (read-only).
 *
 * @param id the record's unique id, chosen by the writer
 * @param payload the record's bytes: a copy owned by whoever holds this record
 */
public record GfsRecord(long id, byte[] payload) {}
