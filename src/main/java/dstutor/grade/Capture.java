package dstutor.grade;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What learner code prints during one test, kept (up to a cap) so that a failure can show it.
 * Output past the cap is dropped: a print in a loop must not exhaust the worker's memory.
 */
final class Capture extends OutputStream {
  private static final int CAP = 64 * 1024;
  private final byte[] buf = new byte[CAP];
  private int len;
  private boolean truncated;

  @Override
  public synchronized void write(int b) {
    if (len < CAP) {
      buf[len++] = (byte) b;
    } else {
      truncated = true;
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int n) {
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

  /** The last {@code lines} lines printed, indented, or "" if nothing was printed. */
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
