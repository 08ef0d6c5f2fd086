package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dstutor.cli.Main;
import dstutor.grade.Variant;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vector-clock suite's antisymmetry message names the order the model computes for both
 * directions, never one mirrored from the learner's first answer (which once told learners to
 * expect BEFORE where the truth was CONCURRENT or EQUAL). Each case grades a shipped known-wrong
 * variant through the real command line and checks the message against a model of its own.
 */
class VectorClockMessagesTest {
  private static final String ID = "vector-clocks";
  private static final String REL = "patterns/vector-clocks";
  private static final String PROPERTY =
      "compare is antisymmetric: a before b exactly when b after a";
  private static final Pattern PAIR = Pattern.compile("^(\\{[^}]*\\})\\.compare\\((\\{[^}]*\\})\\)"
      + " returned (\\w+) and \\{[^}]*\\}\\.compare\\(\\{[^}]*\\}\\) returned (\\w+); expected"
      + " (\\w+) and (\\w+):");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // truth BEFORE/AFTER; mirroring the first answer (EQUAL) would have said EQUAL
      "compare-this-keys-only | {A:1}.compare({A:1, B:1}) returned EQUAL and {A:1, B:1}.compare("
          + "{A:1}) returned AFTER; expected BEFORE and AFTER",
      // truth CONCURRENT; mirroring the first answer (BEFORE) would have said AFTER
      "concurrent-as-before | {A:2, B:1}.compare({A:1, B:2}) returned BEFORE and {A:1, B:2}"
          + ".compare({A:2, B:1}) returned BEFORE; expected CONCURRENT and CONCURRENT",
      // truth EQUAL; mirroring the first answer (AFTER) would have said BEFORE
      "compare-boxed-equality | {A:300}.compare({A:300}) returned AFTER and {A:300}.compare("
          + "{A:300}) returned AFTER; expected EQUAL and EQUAL"})
  void antisymmetryNamesTheModelsOrderBothWays(String variant, String pinned,
      @TempDir Path tmp) throws Exception {
    String message = antisymmetryMessage(variant, tmp);
    assertTrue(message.startsWith(pinned), message);
    Matcher m = PAIR.matcher(message);
    assertTrue(m.find(), message);
    Map<String, Long> a = parse(m.group(1));
    Map<String, Long> b = parse(m.group(2));
    assertEquals(order(a, b), m.group(5), message);
    assertEquals(order(b, a), m.group(6), message);
    assertTrue(!m.group(3).equals(order(a, b)) || !m.group(4).equals(order(b, a)),
        "the message must show a wrong answer: " + message);
  }

  /** Grades {@code variant} as a learner's files and returns the antisymmetry failure. */
  private static String antisymmetryMessage(String variant, Path tmp) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    Path course = tmp.resolve("course");
    for (String dir : List.of("exercises", "solutions", "content")) {
      copyTree(root.resolve(dir), course.resolve(dir));
    }
    Map<String, String> env = Map.of("DSTUTOR_COURSE", course.toString(),
        "DSTUTOR_HOME", tmp.resolve("home").toString(),
        "DSTUTOR_WORKSPACE", tmp.resolve("ws").toString(),
        "DSTUTOR_NO_SERVER", "1");
    Result show = run(env, "show", ID);
    assertEquals(0, show.code(), show.err());
    Path solutions = course.resolve("solutions").resolve(REL);
    Variant v = Variant.read(solutions.resolve("wrong").resolve(variant + Variant.SUFFIX));
    Map<String, String> files = v.apply(solutions, List.of("VectorClock.java", "Carts.java"));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(tmp.resolve("ws").resolve(REL).resolve(f.getKey()), f.getValue());
    }
    Result submit = run(env, "submit", ID, "--json");
    assertEquals(1, submit.code(), submit.out() + submit.err());
    JsonNode verdict = new ObjectMapper().readTree(submit.out());
    assertEquals("failed", verdict.get("status").asText(), submit.out());
    for (JsonNode t : verdict.get("tests")) {
      if (PROPERTY.equals(t.get("name").asText())) {
        assertEquals("failed", t.get("status").asText(), t.toString());
        assertEquals("compare-both-ways", t.get("hint").asText(), t.toString());
        assertNotNull(t.get("message"));
        return t.get("message").asText();
      }
    }
    throw new AssertionError("no property '" + PROPERTY + "' in " + submit.out());
  }

  /** One run's exit code and output. */
  private record Result(int code, String out, String err) {}

  private static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true), false);
    return new Result(code, out.toString(), err.toString());
  }

  /** {A:1, B:0} as a map. */
  private static Map<String, Long> parse(String shown) {
    Map<String, Long> m = new TreeMap<>();
    String body = shown.substring(1, shown.length() - 1).trim();
    if (!body.isEmpty()) {
      for (String pair : body.split(", ")) {
        String[] kv = pair.split(":");
        m.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    return m;
  }

  /** The order of a against b, a missing node counting as 0: this test's own model. */
  private static String order(Map<String, Long> a, Map<String, Long> b) {
    TreeSet<String> nodes = new TreeSet<>(a.keySet());
    nodes.addAll(b.keySet());
    boolean lower = nodes.stream().anyMatch(n -> a.getOrDefault(n, 0L) < b.getOrDefault(n, 0L));
    boolean higher = nodes.stream().anyMatch(n -> a.getOrDefault(n, 0L) > b.getOrDefault(n, 0L));
    return lower && higher ? "CONCURRENT" : lower ? "BEFORE" : higher ? "AFTER" : "EQUAL";
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
