package dstutor.yaml;

import dstutor.yaml.YNode.YList;
import dstutor.yaml.YNode.YMap;
import dstutor.yaml.YNode.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the keys of one YAML mapping into Java values, collecting a {@link Problem} for every
 * missing, mistyped or unknown key instead of stopping at the first.
 */
public final class Fields {
  private final YMap map;
  private final String what;
  private final List<Problem> problems;

  public Fields(YNode node, String what, List<Problem> problems) {
    this.what = what;
    this.problems = problems;
    if (node instanceof YMap m) {
      this.map = m;
    } else {
      problems.add(Problem.at(node.loc(), what + " must be a mapping of keys to values"));
      this.map = new YMap(node.loc(), java.util.Map.of());
    }
  }

  public YMap map() {
    return map;
  }

  /** Reports every key not in {@code allowed}, suggesting the closest allowed key. */
  public void rejectUnknown(Set<String> allowed) {
    map.entries().forEach((key, e) -> {
      if (!allowed.contains(key)) {
        String close = Suggest.closest(key, allowed);
        String hint = close != null ? "; did you mean '" + close + "'?" : "";
        problems.add(Problem.at(e.keyLoc(), "unknown key '" + key + "' in " + what + hint
            + " Allowed keys: " + String.join(", ", allowed)));
      }
    });
  }

  public String string(String key, boolean required) {
    YNode n = map.get(key);
    if (n == null || (n instanceof YScalar s && s.kind() == YScalar.Kind.NULL)) {
      if (required) {
        problems.add(Problem.at(map.loc(), what + " has no '" + key + "'; add '" + key
            + ": ...'"));
      }
      return null;
    }
    if (n instanceof YScalar s) {
      return s.text();
    }
    problems.add(Problem.at(n.loc(), "'" + key + "' must be a single value, not a list or mapping"));
    return null;
  }

  public int integer(String key, int min, int max, int fallback, boolean required) {
    String s = string(key, required);
    if (s == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(s.trim());
      if (v < min || v > max) {
        problems.add(Problem.at(map.get(key).loc(), "'" + key + "' must be from " + min + " to "
            + max + ", not " + v));
        return fallback;
      }
      return v;
    } catch (NumberFormatException e) {
      problems.add(Problem.at(map.get(key).loc(), "'" + key + "' must be a whole number, not '"
          + s + "'"));
      return fallback;
    }
  }

  /** A list of strings; a missing key is an empty list. */
  public List<String> strings(String key, boolean required) {
    List<String> out = new ArrayList<>();
    for (YNode n : nodes(key, required)) {
      if (n instanceof YScalar s && s.kind() != YScalar.Kind.NULL) {
        out.add(s.text());
      } else {
        problems.add(Problem.at(n.loc(), "each item of '" + key + "' must be a single value"));
      }
    }
    return out;
  }

  /** The items of a list; a missing key is an empty list. */
  public List<YNode> nodes(String key, boolean required) {
    YNode n = map.get(key);
    if (n == null || (n instanceof YScalar s && s.kind() == YScalar.Kind.NULL)) {
      if (required) {
        problems.add(Problem.at(map.loc(), what + " has no '" + key + "'; add '" + key
            + ": [...]'"));
      }
      return List.of();
    }
    if (n instanceof YList l) {
      return l.items();
    }
    if (n instanceof YScalar s) {
      // A single value where a list is expected: accept it as a list of one.
      return List.of(s);
    }
    problems.add(Problem.at(n.loc(), "'" + key + "' must be a list, like [a, b]"));
    return List.of();
  }

  public YNode.Loc locOf(String key) {
    YNode n = map.get(key);
    return n == null ? map.loc() : n.loc();
  }
}
