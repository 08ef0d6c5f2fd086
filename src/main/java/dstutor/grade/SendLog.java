package dstutor.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The protocol messages the nodes of one simulated run sent, in order, each with the time it was
 * sent: two runs of one seed must send the same ones. The determinism property of a hidden suite
 * logs two runs and shows the learner the first line where they part.
 */
public final class SendLog {
  /** One message sent. Two are the same when their fields are equal (records compare so). */
  public record Sent(long time, String from, String to, Object message) {}

  private final List<Sent> sent = new ArrayList<>();
  private final Function<Object, String> show;

  /** A log that shows each message with {@code show} (such as {@link MessageText#show}). */
  public SendLog(Function<Object, String> show) {
    this.show = Objects.requireNonNull(show, "show == null");
  }

  /** {@code from} sent {@code message} to {@code to} at {@code time} ms. */
  public void add(long time, String from, String to, Object message) {
    sent.add(new Sent(time, from, to, message));
  }

  /** What was sent, in order. */
  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** {@code "12 ms  n1 -> n2  Write(3, k1, v)"}. */
  public String line(Sent s) {
    return s.time() + " ms  " + s.from() + " -> " + s.to() + "  " + show.apply(s.message());
  }

  /**
   * Null if {@code a} and {@code b} hold the same messages at the same times; else the first
   * line where they differ, in words for the learner, followed on a line of its own by {@code
   * advice} (what in the learner's code makes two runs differ).
   */
  public static String firstDifference(SendLog a, SendLog b, String advice) {
    for (int i = 0; i < Math.max(a.sent.size(), b.sent.size()); i++) {
      Sent x = i < a.sent.size() ? a.sent.get(i) : null;
      Sent y = i < b.sent.size() ? b.sent.get(i) : null;
      if (!Objects.equals(x, y)) {
        return "The same seed gave two different runs: the first run had\n  "
            + (x == null ? "(nothing more)" : a.line(x)) + "\nwhere the second had\n  "
            + (y == null ? "(nothing more)" : b.line(y)) + "\n" + advice;
      }
    }
    return null;
  }
}
