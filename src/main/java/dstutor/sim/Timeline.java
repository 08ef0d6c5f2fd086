package dstutor.sim;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A run as text, one event a line: virtual time, node, event. Operations a checker objected to
 * are marked with {@code ✗} and the reason. Long runs are cut to a window that ends just after
 * the last marked line, so the learner sees what led up to the failure.
 *
 * <pre>
 *     12 ms  n1      -> n2  Write(k, v1, 1)    arrives at 15 ms
 *     12 ms  n1      -> n3  Write(k, v1, 1)    DROPPED
 *     40 ms  c2      get(k) = v0               ✗ STALE: put(k, v1) completed at 20 ms
 * </pre>
 */
public final class Timeline {
  private static final int MAX_DETAIL = 90;
  /** The system property that asks for whole timelines (the grader sets it for --full). */
  static final String FULL_PROPERTY = "dstutor.timeline.full";

  private final Trace trace;
  private final Map<Integer, String> marks = new LinkedHashMap<>();
  private Predicate<TraceEvent> filter = e -> true;
  private int maxLines = 60;
  private Set<Integer> returned;

  private Timeline(Trace trace) {
    this.trace = trace;
  }

  /** A timeline of {@code trace}; of {@code null} (a run without a trace), an empty one. */
  public static Timeline of(Trace trace) {
    return new Timeline(trace);
  }

  /** Marks the result of client operation {@code opId} with {@code reason}. */
  public Timeline mark(int opId, String reason) {
    marks.put(opId, reason);
    return this;
  }

  /** Marks several operations. */
  public Timeline marks(Map<Integer, String> reasons) {
    marks.putAll(reasons);
    return this;
  }

  /** Shows only the events {@code keep} accepts (marked and flagged lines always show). */
  public Timeline filter(Predicate<TraceEvent> keep) {
    this.filter = Objects.requireNonNull(keep, "keep == null");
    return this;
  }

  /** At most this many lines of events (default 60). */
  public Timeline maxLines(int lines) {
    if (lines < 5) {
      throw new IllegalArgumentException("maxLines < 5: " + lines);
    }
    this.maxLines = lines;
    return this;
  }

  /**
   * The timeline as text, each line ending in a newline. A run longer than {@link #maxLines}
   * shows the last half of the window in full, ending a few lines after the last mark, and before
   * that only the events that explain a failure: faults, lost messages, client calls and marks.
   */
  public String render() {
    if (trace == null) {
      return "";
    }
    boolean full = full();
    List<TraceEvent> shown = new ArrayList<>();
    int lastMarked = -1;
    int filtered = 0;
    for (TraceEvent e : trace.events()) {
      boolean marked = isMarked(e);
      if (!full && !marked && !filter.test(e)) {
        filtered++;
      }
      if (full || marked || filter.test(e)) {
        if (marked) {
          lastMarked = shown.size();
        }
        shown.add(e);
      }
    }
    boolean[] keep = new boolean[shown.size()];
    if (full || shown.size() <= maxLines) {
      java.util.Arrays.fill(keep, true);
    } else {
      int end = lastMarked < 0 ? shown.size() : Math.min(shown.size(), lastMarked + 4);
      int tail = maxLines / 2;
      for (int i = Math.max(0, end - tail); i < end; i++) {
        keep[i] = true;
      }
      int budget = maxLines - tail - 2;
      int later = Math.max(0, end - tail);
      for (int i = later - 1; i >= 0 && budget > 0; i--) {
        if (important(shown.get(i))) {
          budget -= i + 1 == later ? 1 : 2; // a line, and maybe a "not shown" line after it
          keep[i] = true;
          later = i;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    int skipped = 0;
    for (int i = 0; i < shown.size(); i++) {
      if (!keep[i]) {
        skipped++;
        continue;
      }
      if (skipped > 0) {
        out.append(String.format("%10s  ... %d events not shown%n", "", skipped));
        skipped = 0;
      }
      out.append(render(shown.get(i))).append('\n');
    }
    if (skipped > 0) {
      out.append(String.format("%10s  ... %d later events not shown%n", "", skipped));
    }
    if (!full && (filtered > 0 || out.indexOf(" not shown") >= 0 || out.indexOf("...") >= 0)) {
      out.append(String.format("%10s  (add --full to the replay command to see every event and"
          + " every message whole)%n", ""));
    }
    return out.toString();
  }

  /** Whether the learner asked for whole timelines (--full): no event elided, no payload cut. */
  static boolean full() {
    return Boolean.getBoolean(FULL_PROPERTY);
  }

  private boolean important(TraceEvent e) {
    switch (e.type()) {
      case SEND:
        return !e.note().startsWith("arrives");
      case DROP: // a message to a node that is down is what being down means: routine
        return !e.note().endsWith(" is down") && !e.note().endsWith(" has not started");
      case DELIVER:
      case TIMER:
      case START:
      case LOG:
        return false;
      default:
        return true;
    }
  }

  private boolean isMarked(TraceEvent e) {
    if (e.type() == TraceEvent.Type.FLAG) {
      return true;
    }
    return e.op() >= 0 && marks.containsKey(e.op())
        && (e.type() == TraceEvent.Type.RETURN || !returned(e.op()));
  }

  private boolean returned(int op) {
    if (returned == null) {
      returned = new HashSet<>();
      for (TraceEvent e : trace.events()) {
        if (e.type() == TraceEvent.Type.RETURN) {
          returned.add(e.op());
        }
      }
    }
    return returned.contains(op);
  }

  private String render(TraceEvent e) {
    String line = line(e);
    if (isMarked(e) && e.op() >= 0) {
      line = pad(line, 64) + "  ✗ " + marks.get(e.op());
    }
    return line;
  }

  /** One event as a line of text, without marks. Deterministic: used for trace fingerprints. */
  static String line(TraceEvent e) {
    String what;
    switch (e.type()) {
      case SEND:
        what = pad("-> " + e.peer() + "  " + format(e.detail()), 44) + "  " + e.note();
        break;
      case DELIVER:
        what = "<- " + e.peer() + "  " + format(e.detail())
            + (e.note().isEmpty() ? "" : "  (" + e.note() + ")");
        break;
      case DROP:
        what = pad("<- " + e.peer() + "  " + format(e.detail()), 44) + "  " + e.note();
        break;
      case TIMER:
        what = "timer " + format(e.detail());
        break;
      case START:
        what = "start";
        break;
      case RESTART:
        what = "RESTART";
        break;
      case CRASH:
        what = "CRASH" + (e.note().isEmpty() ? "" : " (" + e.note() + ")");
        break;
      case NETWORK:
      case CLOCK:
        what = "FAULT: " + ((Fault) e.detail()).describe();
        break;
      case FLAG:
        what = "✗ " + e.detail();
        break;
      default: // CALL, RETURN, LOG
        what = String.valueOf(e.detail());
        break;
    }
    return String.format("%7d ms  %-6s  %s", e.time(), e.node(), what).stripTrailing();
  }

  /**
   * A value as compact text: records as {@code Name(a, b)}, collections and maps as usual,
   * cut to a line.
   */
  static String format(Object o) {
    StringBuilder b = new StringBuilder();
    if (full()) {
      append(b, o, 0, Integer.MAX_VALUE);
      return b.toString();
    }
    append(b, o, 0, MAX_DETAIL);
    if (b.length() > MAX_DETAIL) {
      b.setLength(MAX_DETAIL - 3);
      b.append("...");
    }
    return b.toString();
  }

  private static void append(StringBuilder b, Object o, int depth, int limit) {
    if (b.length() > limit || depth > (limit == Integer.MAX_VALUE ? 32 : 6)) {
      return;
    }
    if (o == null) {
      b.append("null");
    } else if (o.getClass().isRecord()) {
      b.append(o.getClass().getSimpleName()).append('(');
      RecordComponent[] parts = o.getClass().getRecordComponents();
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          b.append(", ");
        }
        try {
          var accessor = parts[i].getAccessor();
          accessor.setAccessible(true);
          append(b, accessor.invoke(o), depth + 1, limit);
        } catch (ReflectiveOperationException | RuntimeException e) {
          b.append('?');
        }
      }
      b.append(')');
    } else if (o instanceof Collection<?> c) {
      b.append('[');
      int i = 0;
      for (Object x : c instanceof java.util.Set<?> ? sorted(c) : c) {
        if (i++ > 0) {
          b.append(", ");
        }
        append(b, x, depth + 1, limit);
        if (b.length() > limit) {
          break;
        }
      }
      b.append(']');
    } else if (o instanceof Map<?, ?> m) {
      b.append('{');
      int i = 0;
      for (Map.Entry<?, ?> x : sortedEntries(m)) {
        if (i++ > 0) {
          b.append(", ");
        }
        append(b, x.getKey(), depth + 1, limit);
        b.append('=');
        append(b, x.getValue(), depth + 1, limit);
        if (b.length() > limit) {
          break;
        }
      }
      b.append('}');
    } else {
      b.append(o);
    }
  }

  /**
   * Sets and maps in a stable order where their elements can be compared: {@code Set.of} and
   * {@code Map.copyOf} iterate in an order that changes from one JVM to the next.
   */
  private static Collection<?> sorted(Collection<?> c) {
    List<Object> list = new ArrayList<>(c);
    try {
      list.sort(null);
    } catch (ClassCastException | NullPointerException e) {
      return c;
    }
    return list;
  }

  private static Collection<? extends Map.Entry<?, ?>> sortedEntries(Map<?, ?> m) {
    List<Map.Entry<?, ?>> list = new ArrayList<>(m.entrySet());
    try {
      list.sort((a, b) -> {
        @SuppressWarnings("unchecked")
        Comparable<Object> ka = (Comparable<Object>) a.getKey();
        return ka.compareTo(b.getKey());
      });
    } catch (ClassCastException | NullPointerException e) {
      return m.entrySet();
    }
    return list;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
