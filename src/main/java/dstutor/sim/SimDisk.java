package dstutor.sim;

import dstutor.kit.Disk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A disk with a write cache. Reads see every write at once; {@link #fsync()} makes them durable.
 * A crash throws away the cache: the disk comes back as it was at the last fsync, or, for a torn
 * crash, with a prefix of the unsynced operations flushed in order and the last of them cut short.
 */
public final class SimDisk implements Disk {
  private enum Kind {
    WRITE,
    APPEND,
    DELETE
  }

  private record Pending(Kind kind, String file, byte[] data) {}

  private final Map<String, byte[]> durable = new TreeMap<>();
  private final Map<String, byte[]> cached = new TreeMap<>();
  private final List<Pending> pending = new ArrayList<>();
  private int fsyncs;

  @Override
  public byte[] read(String file) {
    byte[] b = cached.get(requireName(file));
    return b == null ? null : b.clone();
  }

  @Override
  public byte[] read(String file, long position, int length) {
    if (position < 0 || length < 0) {
      throw new IllegalArgumentException(
          "position and length must not be negative: " + position + ", " + length);
    }
    byte[] b = cached.get(requireName(file));
    if (b == null) {
      return null;
    }
    int from = (int) Math.min(position, b.length);
    return Arrays.copyOfRange(b, from, (int) Math.min(b.length, from + (long) length));
  }

  @Override
  public void write(String file, byte[] data) {
    record(new Pending(Kind.WRITE, requireName(file), requireData(data).clone()));
  }

  @Override
  public void append(String file, byte[] data) {
    record(new Pending(Kind.APPEND, requireName(file), requireData(data).clone()));
  }

  @Override
  public void delete(String file) {
    record(new Pending(Kind.DELETE, requireName(file), new byte[0]));
  }

  @Override
  public NavigableSet<String> files() {
    return Collections.unmodifiableNavigableSet(new TreeSet<>(cached.keySet()));
  }

  @Override
  public void fsync() {
    fsyncs++;
    durable.clear();
    for (Map.Entry<String, byte[]> e : cached.entrySet()) {
      durable.put(e.getKey(), e.getValue());
    }
    pending.clear();
  }

  /** How many times fsync was called, over every incarnation. */
  public int fsyncs() {
    return fsyncs;
  }

  /** How many writes, appends and deletes are not yet durable. */
  public int unsynced() {
    return pending.size();
  }

  /**
   * The machine crashed. Without tearing, only durable data remains. With tearing, {@code bits}
   * choose how many unsynced operations reached the disk in order, and how many bytes of the last
   * of those did. Returns a description of what survived, for the timeline.
   */
  String crash(boolean tear, long bits) {
    int lost = pending.size();
    List<Pending> unsynced = new ArrayList<>(pending);
    pending.clear();
    cached.clear();
    cached.putAll(durable);
    String what = lost == 0 ? "" : lost + " unsynced write(s) lost";
    if (tear && lost > 0) {
      int whole = (int) Mix.below(bits, lost);
      for (int i = 0; i < whole; i++) {
        apply(cached, unsynced.get(i));
      }
      Pending last = unsynced.get(whole);
      int len = last.data().length;
      int keep = len == 0 ? 0 : (int) Mix.below(Mix.mix(bits), len); // cut short: < len
      if (last.kind() == Kind.DELETE) {
        keep = 0; // a delete either happened or not; torn means not
      } else {
        apply(cached, new Pending(last.kind(), last.file(), Arrays.copyOf(last.data(), keep)));
      }
      what =
          whole + " of " + lost + " unsynced write(s) survived, then "
              + keep + " byte(s) of a torn " + last.kind().name().toLowerCase() + " to "
              + last.file();
    }
    durable.clear();
    durable.putAll(cached);
    return what;
  }

  private void record(Pending p) {
    pending.add(p);
    apply(cached, p);
  }

  private static void apply(Map<String, byte[]> files, Pending p) {
    switch (p.kind()) {
      case WRITE:
        files.put(p.file(), p.data());
        break;
      case APPEND:
        byte[] old = files.getOrDefault(p.file(), new byte[0]);
        byte[] joined = Arrays.copyOf(old, old.length + p.data().length);
        System.arraycopy(p.data(), 0, joined, old.length, p.data().length);
        files.put(p.file(), joined);
        break;
      default:
        files.remove(p.file());
        break;
    }
  }

  private static String requireName(String file) {
    if (file == null || file.isEmpty()) {
      throw new IllegalArgumentException("file name must not be empty");
    }
    return file;
  }

  private static byte[] requireData(byte[] data) {
    if (data == null) {
      throw new NullPointerException("data == null");
    }
    return data;
  }
}
