package dstutor.kit;

import java.util.Set;

/**
 * A simulated machine's disk: named files of bytes. Writes land in a cache first and are visible
 * to {@link #read(String)} at once, but only {@link #fsync()} makes them durable. When the machine
 * crashes, every write since the last fsync is lost, except that the disk may have been part-way
 * through flushing them in order: a prefix of them may survive and the last one of that prefix
 * may be torn (only its first bytes reached the platter).
 */
public interface Disk {
  /** The contents of {@code file}, or {@code null} if it does not exist. Returns a copy. */
  byte[] read(String file);

  /** Replaces the contents of {@code file} with a copy of {@code data}, creating it if needed. */
  void write(String file, byte[] data);

  /** Appends a copy of {@code data} to {@code file}, creating it if needed. */
  void append(String file, byte[] data);

  /** Deletes {@code file}; does nothing if it does not exist. */
  void delete(String file);

  /** The names of the files that exist now, sorted. */
  Set<String> files();

  /** Makes every earlier write, append and delete durable: they survive a crash. */
  void fsync();
}
