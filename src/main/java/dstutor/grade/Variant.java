package dstutor.grade;

import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A variant of the reference solution, kept as a small patch against it: the one change stands
 * out, and the reference can change elsewhere without the variant going stale. A known-wrong
 * variant is {@code solutions/<path>/wrong/<name>.diff} and must fail with its hint; a correct
 * one, written differently from the reference, is {@code solutions/<path>/right/<name>.diff} and
 * must pass. The file is a header of {@code key: value} lines ({@code description}, and
 * {@code hint} for a wrong one), a blank line, then a unified diff as
 * {@code diff -u} or {@code git diff} writes it, with paths relative to the exercise's solutions
 * folder ({@code a/} and {@code b/} prefixes are dropped). GNU patch and {@code git apply} read the
 * same file, since both skip the header.
 *
 * @param name the file name without {@code .diff}
 * @param file where it was read from
 * @param description the bug, in one sentence
 * @param hint the id of the hint rung the suite must point to, or {@code null} (a correct
 *     variant, under {@code right/}, has none)
 * @param hintLine the header line that names the hint, for error messages
 * @param patches learner file name to the patch that makes it wrong
 */
public record Variant(String name, Path file, String description, String hint, int hintLine,
    Map<String, Patch<String>> patches) {
  /** The file name suffix of a variant. */
  public static final String SUFFIX = ".diff";

  private static final Set<String> KEYS = Set.of("description", "hint");

  public Variant {
    Objects.requireNonNull(name, "name == null");
    patches = Map.copyOf(patches);
  }

  /** Thrown when a variant cannot be read or no longer applies; the message says where and why. */
  public static final class BadVariant extends Exception {
    private static final long serialVersionUID = 1L;

    BadVariant(String message) {
      super(message);
    }
  }

  /** Reads {@code file}; problems name the file and line. */
  public static Variant read(Path file) throws BadVariant {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new BadVariant(file + ": cannot read: " + e.getMessage());
    }
    String fileName = file.getFileName().toString();
    String name = fileName.endsWith(SUFFIX)
        ? fileName.substring(0, fileName.length() - SUFFIX.length()) : fileName;
    Map<String, String> header = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    String[] all = text.split("\n", -1);
    int i = 0;
    for (; i < all.length; i++) {
      String line = all[i];
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("--- ") || line.startsWith("diff ") || line.startsWith("Index: ")) {
        break;
      }
      int colon = line.indexOf(':');
      String key = colon < 0 ? line.strip() : line.substring(0, colon).strip();
      if (colon < 0 || !KEYS.contains(key)) {
        throw new BadVariant(file + ":" + (i + 1) + ": expected 'description: ...' or 'hint: ...'"
            + " before the diff, found '" + line.strip() + "'");
      }
      if (header.containsKey(key)) {
        throw new BadVariant(file + ":" + (i + 1) + ": '" + key + "' given twice");
      }
      header.put(key, line.substring(colon + 1).strip());
      lines.put(key, i + 1);
    }
    if (header.getOrDefault("description", "").isEmpty()) {
      throw new BadVariant(file + ":1: no 'description:' line; a variant starts with"
          + " 'description: <what it does>' (and, for a wrong one, 'hint: <hint id>'), then the"
          + " diff");
    }
    if (i == all.length) {
      throw new BadVariant(file + ": no diff after the header; append the output of"
          + " diff -u --label a/<File>.java --label b/<File>.java <reference> <wrong copy>");
    }
    UnifiedDiff diff;
    try {
      diff = UnifiedDiffReader.parseUnifiedDiff(
          new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw new BadVariant(file + ": not a unified diff: " + e.getMessage());
    }
    Map<String, Patch<String>> patches = new LinkedHashMap<>();
    for (UnifiedDiffFile f : diff.getFiles()) {
      String target = strip(f.getToFile() != null ? f.getToFile() : f.getFromFile());
      if (target == null || f.getPatch() == null || f.getPatch().getDeltas().isEmpty()) {
        continue;
      }
      patches.put(target, f.getPatch());
    }
    if (patches.isEmpty()) {
      throw new BadVariant(file + ": the diff changes nothing; a variant must change a learner"
          + " file");
    }
    return new Variant(name, file, header.get("description"), header.get("hint"),
        lines.getOrDefault("hint", 1), patches);
  }

  /**
   * Applies {@code patch} as GNU patch does without fuzz: each hunk goes where its lines (context
   * and removed lines) match exactly, at its own line number shifted by where the previous hunk
   * landed, or else at the nearest place after the previous hunk.
   */
  static List<String> applyExactOrMoved(Patch<String> patch, List<String> lines)
      throws PatchFailedException {
    List<AbstractDelta<String>> deltas = new ArrayList<>(patch.getDeltas());
    deltas.sort(java.util.Comparator.comparingInt(d -> d.getSource().getPosition()));
    List<String> out = new ArrayList<>();
    int cursor = 0;
    int drift = 0;
    for (AbstractDelta<String> d : deltas) {
      List<String> source = d.getSource().getLines();
      int want = d.getSource().getPosition() + drift;
      int at = find(lines, source, want, cursor);
      if (at < 0) {
        throw new PatchFailedException("the hunk at line " + (d.getSource().getPosition() + 1)
            + " (" + (source.isEmpty() ? "an insertion" : "'" + source.get(0).strip() + "'")
            + ") matches nowhere in the reference");
      }
      out.addAll(lines.subList(cursor, at));
      out.addAll(d.getTarget().getLines());
      cursor = at + source.size();
      drift = at - d.getSource().getPosition();
    }
    out.addAll(lines.subList(cursor, lines.size()));
    return out;
  }

  /** The place nearest {@code want}, not before {@code from}, where {@code chunk} matches. */
  private static int find(List<String> lines, List<String> chunk, int want, int from) {
    int last = lines.size() - chunk.size();
    if (chunk.isEmpty()) {
      return Math.max(from, Math.min(want, lines.size()));
    }
    for (int d = 0; d <= lines.size(); d++) {
      for (int at : new int[] {want + d, want - d}) {
        if (at >= from && at <= last && lines.subList(at, at + chunk.size()).equals(chunk)) {
          return at;
        }
      }
      if (want + d > last && want - d < from) {
        break;
      }
    }
    return -1;
  }

  private static String strip(String path) {
    if (path == null || path.equals("/dev/null")) {
      return null;
    }
    String p = path.strip();
    int tab = p.indexOf('\t');
    if (tab >= 0) {
      p = p.substring(0, tab);
    }
    if (p.startsWith("a/") || p.startsWith("b/")) {
      p = p.substring(2);
    }
    return p;
  }

  /**
   * The variant's learner files: each file it patches, with the patch applied to the reference's
   * copy in {@code referenceDir}. Hunks may have moved (lines added or removed above them) but
   * their context must match exactly.
   */
  public Map<String, String> apply(Path referenceDir, List<String> learnerFiles)
      throws BadVariant {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Patch<String>> p : patches.entrySet()) {
      String target = p.getKey();
      if (!learnerFiles.contains(target)) {
        throw new BadVariant(file + ": patches " + target + ", which is not a learner file"
            + " (files: " + learnerFiles + ")");
      }
      List<String> lines;
      try {
        lines = new ArrayList<>(List.of(Files.readString(referenceDir.resolve(target))
            .split("\n", -1)));
      } catch (IOException e) {
        throw new BadVariant(file + ": cannot read the reference " + target + ": "
            + e.getMessage());
      }
      boolean trailingNewline = !lines.isEmpty() && lines.get(lines.size() - 1).isEmpty();
      if (trailingNewline) {
        lines.remove(lines.size() - 1);
      }
      List<String> patched;
      try {
        patched = applyExactOrMoved(p.getValue(), lines);
      } catch (PatchFailedException | RuntimeException e) {
        throw new BadVariant(file + " no longer applies to the reference " + target + " ("
            + e.getMessage() + "). The reference changed where the variant's hunk is: edit the"
            + " reference copy again and regenerate the diff with diff -u.");
      }
      out.put(target, String.join("\n", patched) + (trailingNewline ? "\n" : ""));
    }
    return out;
  }
}
