/**
 * One record as a fetch returns it: its offset in the partition, its timestamp (milliseconds) and
 * its value. Given: do not edit.
 */
public record KafkaRecord(long offset, long timestamp, byte[] value) {}
