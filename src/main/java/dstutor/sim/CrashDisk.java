package dstutor.sim;

import dstutor.kit.Disk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A disk whose power a suite cuts by hand, for suites that drive a learner's storage code directly
 * rather than as a simulated node (the simulator crashes a node only between two events, so a node
 * that writes and fsyncs in one handler never has an unsynced tail when it crashes).
 *
 * <p>The crash model is {@link SimDisk}'s, made exact: every way a {@code SimDisk} crash can end,
 * this disk can be told to end, and more. Reads see every change at once. {@link #fsync()} makes
 * every change before it durable. A crash ({@link #crash}) keeps what was fsynced, then, of the
 * changes made since the last fsync (in the order they were made), the first {@code whole}, then
 * the first {@code keep} bytes of the next one, optionally followed by zeros to that change's full
 * length (a tail the disk allocated but never wrote, as some file systems leave it); the rest are
 * lost. A write torn at 0 bytes leaves the file empty; a delete is never torn, it happened or not.
 * A crash can never lose or tear a change that an fsync covered.
 *
 * <p>Where the power goes off: at a chosen call ({@link #cutAt}: writes, appends, deletes, fsyncs
 * and {@link #otherCall other stores' calls} count, reads do not), at the next fsync ({@link
 * #cutAtNextFsync}), or between calls ({@link #cutNow}). The call at which it goes off does not
 * happen. From then on every call, reads included, throws {@link PowerCut} (an {@link Error}, so
 * that learner code catching exceptions lets it through) until {@link #crash} brings the machine
 * back. Each change keeps what it replaced, so a crash undoes the lost changes from the newest.
 */
public final class CrashDisk implements Disk {
  /** What a change did. */
  public enum Kind {
    WRITE,
    APPEND,
    DELETE
  }

  /**
   * A change not yet fsynced, as a suite sees it: its number among all the changes made to this
   * disk (from 0), what it did, to which file, and how many bytes it wrote.
   */
  public record Change(int index, Kind kind, String file, int length) {
    /** {@code "append(wal, 16 bytes)"}, {@code "delete(wal)"}. */
    public String describe() {
      return switch (kind) {
        case WRITE -> "write(" + file + ", " + bytes(length) + ")";
        case APPEND -> "append(" + file + ", " + bytes(length) + ")";
        default -> "delete(" + file + ")";
      };
    }
  }

  /** Bytes {@code from} (inclusive) to {@code to} (exclusive) of {@code file}. */
  public record Extent(String file, int from, int to) {
    public int length() {
      return to - from;
    }
  }

  /** Thrown by every call of the disk from the moment its power is cut until the crash. */
  public static final class PowerCut extends Error {
    private static final long serialVersionUID = 1L;

    public PowerCut() {
      super("the power was cut", null, false, false);
    }
  }

  /** A change with its bytes, and the file as it was before (null if it did not exist). */
  private record Pending(Change change, byte[] data, byte[] before) {}

  // The arrays in these are never changed in place, so copies may share them.
  private final TreeMap<String, byte[]> files = new TreeMap<>();
  private final List<Pending> pending = new ArrayList<>();
  /** Calls that changed the disk, fsynced it or were another store's, so far. */
  private int calls;
  /** Changes (write, append, delete) so far. */
  private int changes;
  private int cutAt = -1;
  private boolean cutAtFsync;
  private boolean suspended;
  private boolean off;
  private String cutCall;

  @Override
  public byte[] read(String file) {
    power();
    byte[] b = files.get(name(file));
    return b == null ? null : b.clone();
  }

  @Override
  public void write(String file, byte[] data) {
    change(Kind.WRITE, file, data);
  }

  @Override
  public void append(String file, byte[] data) {
    change(Kind.APPEND, file, data);
  }

  @Override
  public void delete(String file) {
    change(Kind.DELETE, file, new byte[0]);
  }

  @Override
  public NavigableSet<String> files() {
    power();
    return Collections.unmodifiableNavigableSet(new TreeSet<>(files.keySet()));
  }

  @Override
  public void fsync() {
    step("fsync()", true);
    pending.clear();
  }

  /**
   * A call of another store that shares this disk's power (a table written beside a log): it
   * counts as a call, and the power may go off at it, in which case it throws {@link PowerCut}
   * and the caller must not do what it describes. {@code what} names it for {@link
   * #describeCut()}.
   */
  public void otherCall(String what) {
    step(what, false);
  }

  // ---- the power ----

  /** The power goes off at call number {@code call} (counted from 0; -1 for none). */
  public void cutAt(int call) {
    cutAt = call;
  }

  /** The power goes off at the next fsync, which does not happen. */
  public void cutAtNextFsync() {
    cutAtFsync = true;
  }

  /** Takes back {@link #cutAt} and {@link #cutAtNextFsync}. */
  public void disarm() {
    cutAt = -1;
    cutAtFsync = false;
  }

  /**
   * While suspended, an armed cut does not go off (calls still count, so a cut armed at a call
   * made meanwhile never goes off): for code that must run to its end, such as a recovery.
   */
  public void suspendCuts(boolean suspend) {
    suspended = suspend;
  }

  /** The power goes off now, between two calls. */
  public void cutNow() {
    off = true;
  }

  /** Whether the power is off (cut, and no crash since). */
  public boolean isOff() {
    return off;
  }

  /**
   * The call at which the power went off, as {@code "5, fsync(), which did not happen"} (its
   * number counted from 1), or null if it went off between calls or is on.
   */
  public String describeCut() {
    return cutCall;
  }

  // ---- what a suite may know ----

  /** Calls that changed or fsynced the disk (or were another store's), so far. */
  public int calls() {
    return calls;
  }

  /** Changes (write, append, delete) so far. */
  public int changes() {
    return changes;
  }

  /** The changes not yet fsynced, oldest first. */
  public List<Change> pending() {
    List<Change> out = new ArrayList<>();
    for (Pending p : pending) {
      out.add(p.change());
    }
    return List.copyOf(out);
  }

  /** How many of the unsynced changes were made since change number {@code change}. */
  public int pendingSince(int change) {
    int n = 0;
    for (Pending p : pending) {
      if (p.change().index() >= change) {
        n++;
      }
    }
    return n;
  }

  /** The unsynced changes as {@code "append(wal, 5 bytes), delete(old)"}; "" if none. */
  public String describePending() {
    List<String> items = new ArrayList<>();
    for (Pending p : pending) {
      items.add(p.change().describe());
    }
    return String.join(", ", items);
  }

  /** The files as they are now (what reads see); the arrays must not be changed. */
  public Map<String, byte[]> snapshot() {
    return new TreeMap<>(files);
  }

  /** Each file's size now. */
  public Map<String, Integer> sizes() {
    Map<String, Integer> m = new TreeMap<>();
    files.forEach((f, b) -> m.put(f, b.length));
    return m;
  }

  /** The bytes of every file together. */
  public int totalBytes() {
    int n = 0;
    for (byte[] b : files.values()) {
      n += b.length;
    }
    return n;
  }

  /** The bytes a file grew by since {@code before} (the first such file by name), or null. */
  public Extent grownSince(Map<String, Integer> before) {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      int old = before.getOrDefault(e.getKey(), 0);
      if (e.getValue().length > old) {
        return new Extent(e.getKey(), old, e.getValue().length);
      }
    }
    return null;
  }

  /** Whether the file is still long enough to hold the bytes of {@code e}. */
  public boolean holds(Extent e) {
    byte[] b = files.get(e.file());
    return b != null && b.length >= e.to();
  }

  /**
   * Flips bit {@code bit} of byte {@code at} of {@code file}, as a failing medium does; only
   * when nothing is unsynced, so that the flip is in fsynced data.
   */
  public void flip(String file, int at, int bit) {
    if (!pending.isEmpty()) {
      throw new IllegalStateException("a bit flip with unsynced changes");
    }
    byte[] b = files.get(file).clone();
    b[at] ^= (byte) (1 << bit);
    files.put(file, b);
  }

  /** A copy of this disk as it is (files, unsynced changes, counts, power), with no cut armed. */
  public CrashDisk copy() {
    CrashDisk d = new CrashDisk();
    d.files.putAll(files);
    d.pending.addAll(pending);
    d.calls = calls;
    d.changes = changes;
    d.off = off;
    d.cutCall = cutCall;
    return d;
  }

  // ---- the crash ----

  /**
   * The crash, and the machine back up: of the unsynced changes, the first {@code whole}
   * survive; then {@code keep} bytes of the next one (nothing of it if -1; a write torn at 0
   * bytes empties its file; a delete is never torn), then zeros to its full length if {@code
   * zeros}; the rest are lost. The power is on again, no cut is armed, and nothing is unsynced.
   * Returns what survived, for the story of a run: {@code "the first 1 of the 3 unsynced changes
   * survived whole; append(wal, 20 bytes) was torn after 5 bytes"}.
   *
   * @throws IllegalArgumentException if {@code whole} is not between 0 and the number of unsynced
   *     changes, or {@code keep} is not between -1 and the length of the change it tears
   */
  public String crash(int whole, int keep, boolean zeros) {
    int n = pending.size();
    if (whole < 0 || whole > n) {
      throw new IllegalArgumentException("whole must be 0.." + n + ": " + whole);
    }
    if (keep < -1 || (whole < n && keep > pending.get(whole).data().length)) {
      throw new IllegalArgumentException("keep out of range: " + keep);
    }
    for (int i = n - 1; i >= whole; i--) {
      Pending p = pending.get(i);
      if (p.before() == null) {
        files.remove(p.change().file());
      } else {
        files.put(p.change().file(), p.before());
      }
    }
    String what;
    if (n == 0) {
      what = "nothing was unsynced, nothing lost";
    } else {
      String all = n == 1 ? "the 1 unsynced change" : "the " + n + " unsynced changes";
      what = whole == 0 ? "none of " + all + " survived whole"
          : whole == n ? "all of " + all + " survived"
          : "the first " + whole + " of " + all + " survived whole";
      if (whole < n && keep >= 0) {
        Pending p = pending.get(whole);
        Change c = p.change();
        if (c.kind() != Kind.DELETE) {
          apply(c.kind(), c.file(), p.data(), keep, zeros);
          if (keep == 0) {
            what += zeros ? "; " + c.describe() + " left " + bytes(c.length()) + " of zeros"
                : "; " + c.describe() + " was torn before its first byte"
                    + (c.kind() == Kind.WRITE ? ", leaving the file empty" : "");
          } else {
            what += "; " + c.describe() + " was torn after " + bytes(keep)
                + (zeros ? ", and its other " + bytes(c.length() - keep) + " read as zeros"
                    : "");
          }
        }
      }
    }
    pending.clear();
    off = false;
    disarm();
    cutCall = null;
    return what;
  }

  /** "1 byte", "1,234 bytes". */
  static String bytes(int n) {
    return String.format(Locale.ROOT, "%,d byte%s", n, n == 1 ? "" : "s");
  }

  // ---- inside ----

  private void change(Kind kind, String file, byte[] data) {
    name(file);
    if (data == null) {
      throw new NullPointerException("data == null");
    }
    byte[] copy = data.clone();
    Change c = new Change(changes, kind, file, copy.length);
    step(c.describe(), false);
    changes++;
    pending.add(new Pending(c, copy, files.get(file)));
    apply(kind, file, copy, copy.length, false);
  }

  /** Applies {@code keep} bytes of a change, then zeros to its length if {@code zeros}. */
  private void apply(Kind kind, String file, byte[] data, int keep, boolean zeros) {
    byte[] part = Arrays.copyOf(data, zeros ? data.length : keep);
    if (zeros) {
      Arrays.fill(part, keep, part.length, (byte) 0);
    }
    switch (kind) {
      case WRITE -> files.put(file, part);
      case APPEND -> {
        byte[] old = files.getOrDefault(file, new byte[0]);
        byte[] joined = Arrays.copyOf(old, old.length + part.length);
        System.arraycopy(part, 0, joined, old.length, part.length);
        files.put(file, joined);
      }
      default -> files.remove(file);
    }
  }

  private void power() {
    if (off) {
      throw new PowerCut();
    }
  }

  /** Counts a call, or cuts the power at it: the call then does not happen. */
  private void step(String what, boolean fsync) {
    power();
    if (!suspended && (calls == cutAt || (fsync && cutAtFsync))) {
      off = true;
      cutCall = (calls + 1) + ", " + what + ", which did not happen";
      throw new PowerCut();
    }
    calls++;
  }

  private static String name(String file) {
    if (file == null || file.isEmpty()) {
      throw new IllegalArgumentException("file name must not be empty");
    }
    return file;
  }
}
