package dstutor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Imports run one way, from the faces inward (DESIGN.md, "Packages"). */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/dstutor");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dstutor\\.([a-z]+)\\.", Pattern.MULTILINE);

  /** Package to the set of our packages it imports. */
  private static Map<String, Set<String>> imports() throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
        Set<String> used = out.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            used.add(m.group(1));
          }
        }
      }
    }
    return out;
  }

  @Test
  void packagesImportOnlyInward() throws IOException {
    Map<String, Set<String>> allowed = Map.ofEntries(
        Map.entry("kit", Set.of()),
        Map.entry("yaml", Set.of()),
        Map.entry("term", Set.of()),
        Map.entry("progress", Set.of()),
        Map.entry("sim", Set.of("kit")),
        Map.entry("course", Set.of("yaml")),
        Map.entry("content", Set.of("yaml", "term")),
        Map.entry("workspace", Set.of("course", "yaml", "quiz")),
        Map.entry("quiz", Set.of("yaml", "course", "content", "term", "progress")),
        Map.entry("drill", Set.of("yaml", "course", "content", "term", "progress")),
        Map.entry("grade", Set.of("course", "kit", "sim", "yaml", "term")));
    Map<String, Set<String>> bad = new TreeMap<>();
    imports().forEach((pkg, used) -> {
      Set<String> extra = new TreeSet<>(used);
      if (allowed.containsKey(pkg)) {
        extra.removeAll(allowed.get(pkg));
      } else {
        extra.retainAll(Set.of("cli", "repl"));
        if (pkg.equals("cli")) {
          extra.clear();
        }
      }
      if (!extra.isEmpty()) {
        bad.put(pkg, extra);
      }
    });
    assertEquals(Map.of(), bad, "packages importing what they must not (see DESIGN.md)");
  }
}
