package dstutor.grade;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Protocol messages as hidden suites show them to the learner, in failure messages and in the
 * lines that compare two runs: a record as its simple name and its components in order, each
 * shown the same way ({@code Write(3, k1, Versioned(k1.3, 3))}); a list as its elements, {@code
 * [a, b]}; anything else as {@link String#valueOf}. A component whose accessor throws shows as
 * {@code ?}. A suite adds the types it shows its own way, and may cut long lists.
 */
public final class MessageText {
  private static final MessageText PLAIN = new MessageText(m -> null, Integer.MAX_VALUE);

  private final Function<Object, String> own;
  private final int maxList;

  private MessageText(Function<Object, String> own, int maxList) {
    this.own = own;
    this.maxList = maxList;
  }

  /** Records, lists and the rest, with nothing of a suite's own. */
  public static MessageText plain() {
    return PLAIN;
  }

  /**
   * Also shows values the suite's way: {@code own} returns the text of a value it knows (at any
   * depth: it is asked before anything else), or null to leave the value to this class.
   */
  public MessageText with(Function<Object, String> own) {
    return new MessageText(Objects.requireNonNull(own, "own == null"), maxList);
  }

  /**
   * Shows a list of more than {@code max} elements as its first two, how many more, and its last:
   * {@code [a, b, ... 5 more ..., h]}.
   *
   * @throws IllegalArgumentException if {@code max} is below 3
   */
  public MessageText cuttingListsAt(int max) {
    if (max < 3) {
      throw new IllegalArgumentException("max must be 3 or more: " + max);
    }
    return new MessageText(own, max);
  }

  /** {@code m} as text. */
  public String show(Object m) {
    String mine = own.apply(m);
    if (mine != null) {
      return mine;
    }
    if (m instanceof List<?> l) {
      if (l.size() > maxList) {
        return "[" + show(l.get(0)) + ", " + show(l.get(1)) + ", ... " + (l.size() - 3)
            + " more ..., " + show(l.get(l.size() - 1)) + "]";
      }
      List<String> parts = new ArrayList<>();
      for (Object x : l) {
        parts.add(show(x));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (m == null || !m.getClass().isRecord()) {
      return String.valueOf(m);
    }
    StringBuilder b = new StringBuilder(m.getClass().getSimpleName()).append('(');
    RecordComponent[] parts = m.getClass().getRecordComponents();
    for (int i = 0; i < parts.length; i++) {
      b.append(i == 0 ? "" : ", ");
      try {
        Method accessor = parts[i].getAccessor();
        // A record the learner declared is not public: the suite, in its package, could read it.
        accessor.trySetAccessible();
        b.append(show(accessor.invoke(m)));
      } catch (ReflectiveOperationException e) {
        b.append('?');
      }
    }
    return b.append(')').toString();
  }
}
