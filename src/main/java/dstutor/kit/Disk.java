package dstutor.kit;

import java.util.Arrays;
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

  /**
   * Up to {@code length} bytes of {@code file} starting at byte {@code position}: fewer where the
   * file ends first, none when {@code position} is at or past its end; {@code null} if the file
   * does not exist. Returns a copy. A positional read, as {@code FileChannel.read(buffer,
   * position)} does it: a reader that knows where a record is need not read the whole file.
   *
   * @throws IllegalArgumentException if {@code position} or {@code length} is negative
   */
  default byte[] read(String file, long position, int length) {
    if (position < 0 || length < 0) {
      throw new IllegalArgumentException(
          "position and length must not be negative: " + position + ", " + length);
    }
    byte[] all = read(file);
    if (all == null) {
      return null;
    }
    int from = (int) Math.min(position, all.length);
    return Arrays.copyOfRange(all, from, (int) Math.min(all.length, from + (long) length));
  }

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
