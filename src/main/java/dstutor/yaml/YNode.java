package dstutor.yaml;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML or JSON value that remembers where it stood in its file, so that every problem
 * found later (an unknown key, a bad value, a link that does not resolve) names file, line and
 * column.
 */
public sealed interface YNode {
  Loc loc();

  /** A position in a file; line and column count from 1. */
  record Loc(Path file, int line, int column) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column;
    }
  }

  /** A mapping; keys keep their file order and their own locations. */
  record YMap(Loc loc, Map<String, Entry> entries) implements YNode {
    public YMap {
      entries = new LinkedHashMap<>(entries);
    }

    public YNode get(String key) {
      Entry e = entries.get(key);
      return e == null ? null : e.value();
    }
  }

  /** One key of a mapping with the location of the key itself. */
  record Entry(Loc keyLoc, YNode value) {}

  record YList(Loc loc, List<YNode> items) implements YNode {
    public YList {
      items = List.copyOf(items);
    }
  }

  /** A scalar; {@code text} is null for a YAML null (an empty value). */
  record YScalar(Loc loc, String text, Kind kind) implements YNode {
    /** What the parser saw the scalar as. */
    public enum Kind {
      STRING,
      INTEGER,
      FLOAT,
      BOOLEAN,
      NULL
    }
  }
}
