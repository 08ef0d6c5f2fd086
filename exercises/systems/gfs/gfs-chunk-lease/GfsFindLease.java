/** A client asks the master which replica holds the chunk's lease (read-only). */
public record GfsFindLease() {}
