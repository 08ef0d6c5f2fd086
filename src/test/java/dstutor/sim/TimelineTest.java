package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {
  record Write(String key, String value, long version) {}

  private static Trace sample() {
    Trace t = new Trace();
    t.add(new TraceEvent(0, TraceEvent.Type.CALL, "c1", "", "put(k, v1)", "", 0));
    t.add(new TraceEvent(2, TraceEvent.Type.SEND, "n1", "n2", new Write("k", "v1", 1),
        "arrives at 4 ms", -1));
    t.add(new TraceEvent(2, TraceEvent.Type.SEND, "n1", "n3", new Write("k", "v1", 1),
        "DROPPED", -1));
    t.add(new TraceEvent(4, TraceEvent.Type.DELIVER, "n2", "n1", new Write("k", "v1", 1), "",
        -1));
    t.add(new TraceEvent(5, TraceEvent.Type.RETURN, "c1", "", "put ok", "", 0));
    t.add(new TraceEvent(6, TraceEvent.Type.CRASH, "n2", "", new Fault.Crash(6, "n2"), "", -1));
    t.add(new TraceEvent(6, TraceEvent.Type.CALL, "c2", "", "get(k)", "", 1));
    t.add(new TraceEvent(9, TraceEvent.Type.RETURN, "c2", "", "get = (none)", "", 1));
    return t;
  }

  @Test
  void rendersOneEventALineAndMarksTheObjectedOperations() {
    String text = Timeline.of(sample()).mark(1, "STALE: put(k, v1) completed at 5 ms").render();
    List<String> lines = text.lines().toList();
    assertEquals(8, lines.size(), text);
    assertEquals("      0 ms  c1      put(k, v1)", lines.get(0));
    assertEquals("      2 ms  n1      -> n2  Write(k, v1, 1)" + " ".repeat(22)
        + "  arrives at 4 ms", lines.get(1));
    assertTrue(lines.get(2).endsWith("DROPPED"), lines.get(2));
    assertEquals("      4 ms  n2      <- n1  Write(k, v1, 1)", lines.get(3));
    assertEquals("      6 ms  n2      CRASH", lines.get(5));
    assertTrue(lines.get(7).startsWith("      9 ms  c2      get = (none)"), lines.get(7));
    assertTrue(lines.get(7).endsWith("  ✗ STALE: put(k, v1) completed at 5 ms"), lines.get(7));
  }

  @Test
  void longRunsShowTheLastStretchInFullAndOnlyTheKeyEventsBeforeIt() {
    Trace t = new Trace();
    for (int i = 0; i < 500; i++) {
      t.add(new TraceEvent(i, TraceEvent.Type.LOG, "n1", "", "step " + i, "", -1));
      if (i == 100) {
        t.add(new TraceEvent(i, TraceEvent.Type.CRASH, "n2", "", new Fault.Crash(i, "n2"), "",
            -1));
      }
      if (i == 300) {
        t.add(new TraceEvent(i, TraceEvent.Type.FLAG, "n1", "", "broken here", "", -1));
      }
    }
    List<String> lines = Timeline.of(t).maxLines(20).render().lines().toList();
    assertTrue(lines.size() <= 21, lines.toString());
    assertEquals("... 101 events not shown", lines.get(0).strip());
    assertTrue(lines.get(1).contains("CRASH"), lines.get(1));
    assertTrue(lines.get(2).contains("events not shown"), lines.get(2));
    assertEquals("(add --full to the replay command to see every event and every message whole)",
        lines.get(lines.size() - 1).strip());
    assertTrue(lines.get(lines.size() - 2).contains("later events not shown"));
    assertTrue(lines.get(lines.size() - 3).contains("step 303"), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains("✗ broken here")));
  }

  @Test
  void onRequestEveryEventAndEveryPayloadIsShownWhole() {
    Trace t = new Trace();
    for (int i = 0; i < 500; i++) {
      t.add(new TraceEvent(i, TraceEvent.Type.LOG, "n1", "", "step " + i, "", -1));
    }
    t.add(new TraceEvent(500, TraceEvent.Type.SEND, "n1", "n2", "x".repeat(300), "", -1));
    System.setProperty(Timeline.FULL_PROPERTY, "true");
    try {
      String text = Timeline.of(t).maxLines(20).render();
      assertEquals(501, text.lines().count());
      assertTrue(text.contains("x".repeat(300)), text);
      assertEquals(300, Timeline.format("x".repeat(300)).length());
    } finally {
      System.clearProperty(Timeline.FULL_PROPERTY);
    }
  }

  @Test
  void filtersKeepMarkedLines() {
    String text = Timeline.of(sample()).marks(Map.of(1, "stale"))
        .filter(e -> e.type() == TraceEvent.Type.CRASH).render();
    assertEquals(3, text.lines().count(), text);
    assertTrue(text.lines().toList().get(2).contains("add --full"), text);
  }

  @Test
  void valuesAreCompact() {
    assertEquals("Write(k, v1, 1)", Timeline.format(new Write("k", "v1", 1)));
    assertEquals("[Write(a, b, 2), null]", Timeline.format(java.util.Arrays.asList(
        new Write("a", "b", 2), null)));
    assertEquals(90, Timeline.format("x".repeat(500)).length());
    // Set.of and Map.of iterate in an order that changes between JVMs: show them sorted
    assertEquals("[a, b, c, d]", Timeline.format(java.util.Set.of("d", "b", "a", "c")));
    assertEquals("{a=1, b=2, c=3}", Timeline.format(Map.of("c", 3, "a", 1, "b", 2)));
  }
}
