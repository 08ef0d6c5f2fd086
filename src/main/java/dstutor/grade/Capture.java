package dstutor.grade;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What learner code prints during a test, kept (up to a cap) so that a failure can show it.
 * Output past the cap is dropped: a print in a loop must not exhaust the worker's memory.
 *
 * <p>When tests run one at a time, one buffer serves them all, emptied as each test starts. When
 * they run side by side ({@link #perThread}), each test has a buffer of its own, found through
 * the printing thread (threads the test's code starts inherit it), so that a failure shows what
 * its own test printed.
 */
final class Capture extends OutputStream {
  private static final int CAP = 64 * 1024;
  private final Buffer shared = new Buffer();
  private final InheritableThreadLocal<Buffer> own = new InheritableThreadLocal<>();
  private volatile boolean perThread;

  /** Whether each test thread gets a buffer of its own (tests run side by side). */
  void perThread(boolean on) {
    perThread = on;
  }

  private Buffer target() {
    if (perThread) {
      Buffer b = own.get();
      if (b != null) {
        return b;
      }
    }
    return shared;
  }

  @Override
  public void write(int b) {
    target().write(b);
  }

  @Override
  public void write(byte[] b, int off, int n) {
    target().write(b, off, n);
  }

  /** A test starts on this thread: what it prints from now on is kept for it alone. */
  void reset() {
    if (perThread) {
      own.set(new Buffer());
    } else {
      shared.reset();
    }
  }

  /** The test on this thread ended. */
  void done() {
    own.remove();
  }

  /** The last {@code lines} lines the test on this thread printed, indented, or "". */
  String tail(int lines) {
    return target().tail(lines);
  }

  private static final class Buffer {
    private final byte[] buf = new byte[CAP];
    private int len;
    private boolean truncated;

    synchronized void write(int b) {
      if (len < CAP) {
        buf[len++] = (byte) b;
      } else {
        truncated = true;
      }
    }

    synchronized void write(byte[] b, int off, int n) {
      int room = Math.min(n, CAP - len);
      System.arraycopy(b, off, buf, len, room);
      len += room;
      if (room < n) {
        truncated = true;
      }
    }

    synchronized void reset() {
      len = 0;
      truncated = false;
    }

    synchronized String tail(int lines) {
      if (len == 0) {
        return "";
      }
      String[] all = new String(buf, 0, len, StandardCharsets.UTF_8).split("\n", -1);
      int end = all.length;
      if (end > 0 && all[end - 1].isEmpty()) {
        end--;
      }
      int start = Math.max(0, end - lines);
      StringBuilder b = new StringBuilder();
      if (start > 0 || truncated) {
        b.append("  ...\n");
      }
      for (int i = start; i < end; i++) {
        String line = all[i].length() > 200 ? all[i].substring(0, 200) + "..." : all[i];
        b.append("  ").append(line).append('\n');
      }
      return b.toString().stripTrailing();
    }
  }
}
