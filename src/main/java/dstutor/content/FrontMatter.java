package dstutor.content;

import dstutor.yaml.ProblemsException;
import dstutor.yaml.Problem;
import dstutor.yaml.YNode;
import dstutor.yaml.YNode.Entry;
import dstutor.yaml.YNode.YList;
import dstutor.yaml.YNode.YMap;
import dstutor.yaml.YNode.YScalar;
import dstutor.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A page's YAML front matter (between two {@code ---} lines), read with Jackson's streaming YAML
 * parser (through the course's located reader, so problems name their line) and checked: the
 * keys, their types, and that {@code id} and {@code kind} agree with the file's name and folder.
 */
public record FrontMatter(String id, String title, Kind kind, List<String> related,
    List<String> sources, Map<String, Claim> compare) {

  /** The aspects a system page compares on, in the order {@code dstutor compare} shows them. */
  public static final List<String> COMPARE_KEYS = List.of("consistency", "availability",
      "replication", "partitioning", "failure-detection", "coordination", "storage");
  /** The longest claim that still reads well in a side-by-side column. */
  public static final int MAX_CLAIM = 110;
  static final Set<String> KEYS = Set.of("id", "title", "kind", "related", "sources", "compare");
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** One compared aspect: a short claim and the {@code #anchor} on the same page that backs it. */
  public record Claim(String claim, String see) {}

  /** A page's text split at its front matter; {@code bodyLine} is the body's first line (1-based). */
  record Split(String yaml, String body, int bodyLine) {}

  /** Splits {@code text} into front matter and body, or throws naming the file. */
  static Split split(Path file, String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = t.split("\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals("---")) {
      throw new ContentException(List.of(file + ":1: a page must start with YAML front matter"
          + " between two '---' lines (id, title, kind, related, sources)"));
    }
    StringBuilder y = new StringBuilder();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].strip().equals("---")) {
        StringBuilder body = new StringBuilder();
        for (int j = i + 1; j < lines.length; j++) {
          body.append(lines[j]);
          if (j < lines.length - 1) {
            body.append('\n');
          }
        }
        return new Split(y.toString(), body.toString(), i + 2);
      }
      y.append(lines[i]).append('\n');
    }
    throw new ContentException(List.of(file + ":1: the front matter that opens here has no"
        + " closing '---' line; end it with a line holding only ---"));
  }

  /**
   * Reads and checks front matter {@code text} of {@code file}, whose first line is line 2 of the
   * file. Throws with every problem found.
   */
  static FrontMatter parse(Path file, String text) {
    String expectedId = file.getFileName().toString().replaceFirst("\\.md$", "");
    Kind folderKind = file.getParent() == null ? null
        : Kind.ofFolder(file.getParent().getFileName().toString());
    if (text.isBlank()) {
      throw new ContentException(List.of(file + ":1: the front matter is empty; it needs id,"
          + " title, kind, related and sources"));
    }
    YNode root;
    try {
      root = YamlReader.parseYaml(file, text);
    } catch (ProblemsException e) {
      List<String> out = new ArrayList<>();
      for (Problem p : e.problems()) {
        // The front matter's line 1 is the file's line 2, after the opening '---'.
        out.add(file + ":" + (p.line() > 0 ? (p.line() + 1) + ":" + p.column() : "1")
            + ": front matter: " + p.message());
      }
      throw new ContentException(out);
    }
    Problems p = new Problems(file);
    if (!(root instanceof YMap map)) {
      p.add(root.loc(), "the front matter must be a YAML mapping (id: ..., title: ...)");
      throw new ContentException(p.list);
    }
    for (Map.Entry<String, Entry> e : map.entries().entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        p.add(e.getValue().keyLoc(), "unknown front-matter key '" + Problem.quote(e.getKey())
            + "'; the keys"
            + " are id, title, kind, related, sources, compare");
      }
    }
    String id = p.string(map, "id");
    if (id != null && !id.equals(expectedId)) {
      p.add(map.get("id").loc(), "id '" + Problem.quote(id) + "' must equal the file name '"
          + expectedId + "'");
    }
    String title = p.string(map, "title");
    String kindWord = p.string(map, "kind");
    Kind kind = kindWord == null ? null : Kind.ofWord(kindWord);
    if (kindWord != null && kind == null) {
      p.add(map.get("kind").loc(), "kind '" + Problem.quote(kindWord) + "' must be 'system' or"
          + " 'pattern'");
    } else if (kind != null && folderKind != null && kind != folderKind) {
      p.add(map.get("kind").loc(), "kind '" + kindWord + "' does not match the folder "
          + folderKind.folder() + "/ (move the page or set kind: " + folderKind.word() + ")");
    }
    List<String> related = p.strings(map, "related", false);
    for (String r : related) {
      if (!ID.matcher(r).matches()) {
        p.add(map.get("related").loc(), "related id '" + Problem.quote(r) + "' is not a page id"
            + " (lower case"
            + " and hyphens)");
      } else if (r.equals(expectedId)) {
        p.add(map.get("related").loc(), "a page does not list itself in related");
      }
    }
    if (related.stream().distinct().count() != related.size()) {
      p.add(map.get("related").loc(), "related lists an id twice");
    }
    List<String> sources = p.strings(map, "sources", true);
    Map<String, Claim> compare = compare(map, kind, p);
    if (!p.list.isEmpty()) {
      throw new ContentException(p.list);
    }
    return new FrontMatter(id, title, kind, related, sources, compare);
  }

  private static Map<String, Claim> compare(YMap root, Kind kind, Problems p) {
    Map<String, Claim> out = new LinkedHashMap<>();
    YNode c = root.get("compare");
    if (kind == Kind.PATTERN) {
      if (c != null) {
        p.add(c.loc(), "only system pages have 'compare'");
      }
      return out;
    }
    if (!(c instanceof YMap cm)) {
      if (kind == Kind.SYSTEM) {
        p.add(c == null ? root.loc() : c.loc(), "a system page needs 'compare' with "
            + String.join(", ", COMPARE_KEYS));
      }
      return out;
    }
    for (Map.Entry<String, Entry> e : cm.entries().entrySet()) {
      if (!COMPARE_KEYS.contains(e.getKey())) {
        p.add(e.getValue().keyLoc(), "unknown compare key '" + Problem.quote(e.getKey())
            + "'; the keys are "
            + String.join(", ", COMPARE_KEYS));
      }
    }
    for (String key : COMPARE_KEYS) {
      YNode v = cm.get(key);
      if (v == null) {
        p.add(root.entries().get("compare").keyLoc(), "compare has no '" + key + "' ({claim: \"...\", see: \"#anchor\"})");
        continue;
      }
      String claim = v instanceof YMap vm ? text(vm.get("claim")) : null;
      String see = v instanceof YMap vm ? text(vm.get("see")) : null;
      if (claim == null || claim.isBlank() || see == null) {
        p.add(v.loc(), "compare." + key + " must be {claim: \"...\", see: \"#anchor\"}");
        continue;
      }
      if (((YMap) v).entries().size() != 2) {
        p.add(v.loc(), "compare." + key + " has keys other than claim and see");
      }
      String text = claim.strip();
      if (text.length() > MAX_CLAIM) {
        p.add(v.loc(), "compare." + key + " claim is " + text.length() + " characters; keep it"
            + " to " + MAX_CLAIM);
      }
      if (!see.startsWith("#") || see.length() < 2) {
        p.add(v.loc(), "compare." + key + " see '" + Problem.quote(see) + "' must be '#anchor'"
            + " of a heading on"
            + " this page");
      }
      out.put(key, new Claim(text, see));
    }
    return out;
  }

  /** The text of a scalar, or null for anything else. */
  private static String text(YNode n) {
    return n instanceof YScalar s && s.text() != null ? s.text() : null;
  }

  /** Problems of one file, each on the file line of the YAML node it is about. */
  private static final class Problems {
    final Path file;
    final List<String> list = new ArrayList<>();

    Problems(Path file) {
      this.file = file;
    }

    /** The front matter starts on line 2 of the file, after the opening '---'. */
    void add(YNode.Loc loc, String message) {
      list.add(file + ":" + (loc.line() + 1) + ":" + loc.column() + ": " + message);
    }

    String string(YMap map, String key) {
      YNode n = map.get(key);
      if (n == null || n instanceof YScalar s && s.text() == null) {
        add(n == null ? map.loc() : n.loc(), "missing front-matter key '" + key + "'");
        return null;
      }
      String t = text(n);
      if (t == null || t.isBlank()) {
        add(n.loc(), "'" + key + "' must be a non-empty string");
        return null;
      }
      return t.strip();
    }

    List<String> strings(YMap map, String key, boolean nonEmpty) {
      YNode n = map.get(key);
      List<String> out = new ArrayList<>();
      if (n == null) {
        add(map.loc(), "missing front-matter key '" + key + "' (a list" + (nonEmpty ? ""
            : ", may be empty: []") + ")");
        return out;
      }
      if (!(n instanceof YList list)) {
        add(n.loc(), "'" + key + "' must be a list");
        return out;
      }
      for (YNode e : list.items()) {
        String t = text(e);
        if (t == null || t.isBlank()) {
          add(e.loc(), "'" + key + "' must hold only non-empty strings");
        } else {
          out.add(t.strip());
        }
      }
      if (nonEmpty && out.isEmpty()) {
        add(n.loc(), "'" + key + "' must not be empty");
      }
      return out;
    }
  }
}
