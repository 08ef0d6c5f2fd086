package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SendLogTest {
  public record Write(long opId, String key) {}

  private static SendLog log(Object... messages) {
    SendLog log = new SendLog(MessageText.plain()::show);
    long t = 0;
    for (Object m : messages) {
      log.add(t += 2, "n1", "n2", m);
    }
    return log;
  }

  @Test
  void runsThatSentEqualMessagesAtTheSameTimesDoNotDiffer() {
    assertNull(SendLog.firstDifference(log(new Write(1, "k")), log(new Write(1, "k")), "advice"));
    assertNull(SendLog.firstDifference(log(), log(), "advice"));
  }

  @Test
  void theFirstDifferenceIsShownAsTheLinesOfBothRunsThenTheAdvice() {
    assertEquals("The same seed gave two different runs: the first run had\n"
        + "  4 ms  n1 -> n2  Write(2, k)\n"
        + "where the second had\n"
        + "  4 ms  n1 -> n2  Write(7, k)\n"
        + "Use ctx.random().", SendLog.firstDifference(log(new Write(1, "k"), new Write(2, "k")),
        log(new Write(1, "k"), new Write(7, "k"), new Write(8, "k")), "Use ctx.random()."));
  }

  @Test
  void aRunThatSentFewerMessagesHadNothingMore() {
    assertEquals("The same seed gave two different runs: the first run had\n"
        + "  2 ms  n1 -> n2  Write(1, k)\n"
        + "where the second had\n"
        + "  (nothing more)\n"
        + "advice", SendLog.firstDifference(log(new Write(1, "k")), log(), "advice"));
  }

  @Test
  void theTimeAndTheNodesCountAndLinesUseTheLogsOwnText() {
    SendLog a = new SendLog(String::valueOf);
    a.add(5, "n1", "n3", "Put");
    SendLog b = new SendLog(String::valueOf);
    b.add(5, "n1", "n2", "Put");
    assertEquals("5 ms  n1 -> n3  Put", a.line(a.sent().get(0)));
    assertEquals(List.of(new SendLog.Sent(5, "n1", "n3", "Put")), a.sent());
    assertEquals("The same seed gave two different runs: the first run had\n"
        + "  5 ms  n1 -> n3  Put\nwhere the second had\n  5 ms  n1 -> n2  Put\nx",
        SendLog.firstDifference(a, b, "x"));
  }
}
