package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dstutor.content.ContentCheck;
import dstutor.content.Pages;
import dstutor.course.Course;
import dstutor.course.CourseLoader;
import dstutor.course.Exercise;
import dstutor.drill.DrillLoader;
import dstutor.quiz.CardLoader;
import dstutor.quiz.QuizExercise;
import dstutor.yaml.Problem;
import dstutor.yaml.ProblemsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates the fixture course's files as a fuzzer would (byte flips, invalid UTF-8, lost and
 * doubled lines, wrong indentation and types, deep nesting, huge values, BOM, NUL bytes, broken
 * front matter) and runs the commands that read them, as well as what {@code course check}
 * loads. A bad course file must give a usage error, never "dstutor itself failed" (exit 3), an
 * uncaught exception, a hang, or a message longer than a screen.
 *
 * <p>Every case is reproducible from the seed and its number: {@code -Dfuzz.seed=S
 * -Dfuzz.cases=N} (default 13 and 200, about 10 s); {@code -Dfuzz.case=I}
 * runs case I alone; {@code -Dfuzz.keep=DIR} keeps the file of each failing case there.
 */
class CourseFilesFuzzTest {
  /** How long one command on a mutated file may take before it counts as hung. */
  private static final int HANG_SECONDS = 30;

  static final long SEED = Long.getLong("fuzz.seed", 13);
  static final int CASES = Integer.getInteger("fuzz.cases", 200);
  static final int ONLY = Integer.getInteger("fuzz.case", -1);
  /** A folder to keep the mutated file of each failing case in, or null. */
  static final String KEEP = System.getProperty("fuzz.keep");
  /** A message fits a screen: this many lines at most, each at most this long. */
  static final int MAX_LINES = 24;
  static final int MAX_LINE = 300;
  /** What one command may print on stdout from a broken course file, and its longest line. */
  static final int MAX_OUT = 256 * 1024;
  static final int MAX_OUT_LINE = 1200;
  static final int HUGE = 2 * 1024 * 1024;
  static final int DEEP = 10_000;

  /** A course file and the cheap commands that read it (arguments split at spaces). */
  record Target(String path, List<String> commands) {}

  static final List<Target> TARGETS = List.of(
      new Target("exercises/course.yaml", List.of("list", "show adder")),
      new Target("exercises/basics/adder/exercise.yaml", List.of("list", "hint adder")),
      new Target("exercises/basics/adder/brief.md", List.of("show adder")),
      new Target("exercises/quizzes/sums-quiz/exercise.yaml", List.of("list", "show sums-quiz")),
      new Target("solutions/quizzes/sums-quiz/quiz.yaml", List.of("show sums-quiz")),
      new Target("content/patterns/addition.md", List.of("read addition", "search sum",
          "related addition")),
      new Target("content/cards/addition.yaml", List.of("quiz addition --all")),
      new Target("content/drills/tiny-kv.yaml", List.of("drill")));

  CliHarness cli;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
  }

  @Test
  void noMutatedCourseFileMakesDstutorFail() throws IOException {
    List<String> failures = new ArrayList<>();
    for (int i = Math.max(0, ONLY); i < (ONLY >= 0 ? ONLY + 1 : CASES); i++) {
      SplittableRandom rnd = new SplittableRandom(SEED * 1_000_003L + i);
      Target t = TARGETS.get(rnd.nextInt(TARGETS.size()));
      Path file = cli.course.resolve(t.path());
      byte[] original = Files.readAllBytes(file);
      byte[] bytes = original;
      List<String> applied = new ArrayList<>();
      int n = 1 + rnd.nextInt(3);
      for (int m = 0; m < n; m++) {
        Mutation mutation = Mutation.values()[rnd.nextInt(Mutation.values().length)];
        bytes = mutation.apply(bytes, rnd);
        applied.add(mutation.name());
      }
      Files.write(file, bytes);
      if (KEEP != null && ONLY == i) {
        keep(i, file, bytes);
      }
      String what = "case " + i + " (-Dfuzz.seed=" + SEED + " -Dfuzz.case=" + i + "): "
          + t.path() + " mutated by " + applied;
      try {
        for (String command : t.commands()) {
          runCommand(what, command.split(" "));
        }
        check(what);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
        if (KEEP != null) {
          keep(i, file, bytes);
        }
      } finally {
        Files.write(file, original);
      }
    }
    // Every failing case is listed (the first few in full), so that one run finds them all.
    if (!failures.isEmpty()) {
      StringBuilder b = new StringBuilder(failures.size() + " of " + CASES + " cases failed:");
      for (String f : failures) {
        String first = f.lines().findFirst().orElse("");
        b.append("\n  ").append(first, 0, Math.min(240, first.length()));
      }
      for (String f : failures.subList(0, Math.min(5, failures.size()))) {
        b.append("\n\n").append(shorten(f));
      }
      fail(b.toString());
    }
  }

  @Test
  void aBriefOrPageNestedTenThousandDeepIsShownOrRefusedNotAStackOverflow() throws IOException {
    Path brief = cli.course.resolve("exercises/basics/adder/brief.md");
    Files.writeString(brief, "# Adder\n\n" + ">".repeat(DEEP) + " deep\n");
    CliHarness.Result show = cli.run("show", "adder");
    assertEquals(0, show.code(), show.err());
    assertTrue(show.out().contains(">".repeat(dstutor.yaml.Caps.LINE - 1) + "…\n"),
        "shown as written, its line cut");
    Path page = cli.course.resolve("content/patterns/addition.md");
    Files.writeString(page, Files.readString(page).replace("Numbers add.", ">".repeat(DEEP)
        + " x"));
    CliHarness.Result read = cli.run("read", "addition");
    assertEquals(2, read.code(), read.err());
    assertEquals("error: the page 'addition' cannot be read:\n  " + page + ":12: quotes, lists"
        + " or markup are nested more than 50 levels deep here; flatten them\n", read.err());
  }

  @Test
  void aTwoMegabyteHeadingIsReadCutAndCheckNamesItsLine() throws IOException {
    Path page = cli.course.resolve("content/patterns/addition.md");
    String heading = "h".repeat(HUGE);
    String text = Files.readString(page);
    Files.writeString(page, text.replaceFirst("\n## ", "\n## " + heading + "\n\n## "));
    CliHarness.Result read = cli.run("read", "addition");
    assertEquals(0, read.code(), read.err());
    assertTrue(read.out().contains("\n" + "h".repeat(100) + "\n" + "h".repeat(59) + "…\n"),
        shorten(read.out()));
    assertTrue(read.out().length() < text.length() + 1000, read.out().length() + " characters");
    boundedOutput("read", read.out());
    int line = (int) Files.readString(page).lines().takeWhile(l -> !l.startsWith("## hhh"))
        .count() + 1;
    List<String> problems = ContentCheck.all(new Pages(cli.course.resolve("content")),
        Set.of("adder", "sums-quiz"));
    assertTrue(problems.contains(page + ":" + line + ": the heading '" + "h".repeat(80) + "... ("
        + HUGE + " characters)' is over 160 characters, and shown cut; shorten it (or give it the"
        + " line break it lost)"), problems.toString());
  }

  /**
   * The bounds on stdout are generous: every page of the shipped course, its exercise list and a
   * search print at most an eighth of {@link #MAX_OUT}, in lines of at most half of {@link
   * #MAX_OUT_LINE}.
   */
  @Test
  void theShippedCourseStaysFarBelowTheOutputBounds(@TempDir Path tmp) throws IOException {
    CliHarness shipped = new CliHarness(tmp.resolve("shipped"), Path.of("").toAbsolutePath());
    List<String[]> commands = new ArrayList<>();
    commands.add(new String[] {"list"});
    commands.add(new String[] {"search", "quorum"});
    for (String kind : List.of("patterns", "systems")) {
      try (var files = Files.list(shipped.course.resolve("content").resolve(kind))) {
        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".md")).sorted()
            .forEach(f -> commands.add(new String[] {"read", f.substring(0, f.length() - 3)}));
      }
    }
    int longest = 0;
    int widest = 0;
    for (String[] command : commands) {
      CliHarness.Result r = shipped.run(command);
      assertEquals(0, r.code(), String.join(" ", command) + ": " + r.err());
      longest = Math.max(longest, r.out().length());
      for (String line : r.out().split("\n")) {
        widest = Math.max(widest, line.length());
      }
    }
    assertTrue(commands.size() > 20, "the shipped pages were read: " + commands.size());
    assertTrue(longest <= MAX_OUT / 8, "the longest output has " + longest + " characters");
    assertTrue(widest <= MAX_OUT_LINE / 2, "the widest line has " + widest + " characters");
  }

  private static void keep(int i, Path file, byte[] bytes) throws IOException {
    Path kept = Path.of(KEEP).resolve("case-" + i + "-" + file.getFileName());
    Files.createDirectories(kept.getParent());
    Files.write(kept, bytes);
  }

  /** Runs {@code command} through the real command line and checks how it ends. */
  private void runCommand(String what, String[] command) {
    String where = what + ", `dstutor " + String.join(" ", command) + "`";
    // A hang detector, not a speed test: a command on a 2 MB file takes 1 to 2 s at rest, and
    // CI runs this beside other test classes whose graders keep both cores busy.
    CliHarness.Result r = assertTimeoutPreemptively(Duration.ofSeconds(HANG_SECONDS), () -> {
      try {
        return cli.run(command);
      } catch (Throwable e) {
        return fail(where + " threw " + e, e);
      }
    }, where + " did not end within " + HANG_SECONDS + " s");
    assertNotEquals(Main.INTERNAL_ERROR, r.code(), where + " failed inside:\n" + r.err());
    fitsAScreen(where + " stderr", r.err());
    boundedOutput(where + " stdout", r.out());
  }

  /**
   * stdout shows the course's own text, so it may be long, but not without bound: a broken file
   * (a 2 MB heading, title or line) prints at most {@link #MAX_OUT} characters, in lines of at
   * most {@link #MAX_OUT_LINE}. The shipped course's longest output is far below both (see
   * {@code theShippedCourseStaysFarBelowTheOutputBounds}).
   */
  private void boundedOutput(String where, String text) {
    assertTrue(text.length() <= MAX_OUT, where + " is " + text.length() + " characters:\n"
        + shorten(text));
    for (String line : text.replace(cli.course.getParent().toString(), "TMP").split("\n")) {
      assertTrue(line.length() <= MAX_OUT_LINE, where + " has a line of " + line.length()
          + " characters: " + shorten(line));
    }
  }

  /** What {@code course check} loads and checks before grading, run directly (grading is slow). */
  private void check(String what) {
    Path root = cli.course;
    List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(HANG_SECONDS), () -> {
      List<String> out = new ArrayList<>();
      try {
        Course course = CourseLoader.check(root, new ContentCheck.Links()::seeProblem);
        Set<String> ids = course.exercises().keySet();
        out.addAll(ContentCheck.all(new Pages(course.contentDir()), ids));
        ContentCheck.Links links = new ContentCheck.Links();
        CardLoader.check(root, links::seeProblem).problems().forEach(p -> out.add(p.toString()));
        DrillLoader.check(root, links::seeProblem, ids).problems().forEach(
            p -> out.add(p.toString()));
        for (Exercise e : course.ordered()) {
          if (e.isQuiz()) {
            QuizExercise.check(e, links::seeProblem).forEach(f -> out.add(f.text()));
          }
        }
      } catch (ProblemsException e) {
        e.problems().stream().map(Problem::toString).forEach(out::add);
      } catch (Throwable e) {
        return fail(what + ", course check threw " + e, e);
      }
      return out;
    }, what + ", course check did not end within " + HANG_SECONDS + " s");
    for (String p : problems) {
      fitsAScreen(what + ", course check problem", p);
    }
  }

  /**
   * Checks the length of {@code text}, with the temporary folder's path counted as one word: a
   * message may name a file in full wherever the course lives.
   */
  private void fitsAScreen(String where, String text) {
    String[] lines = text.replace(cli.course.getParent().toString(), "TMP").split("\n");
    assertTrue(lines.length <= MAX_LINES, where + " has " + lines.length + " lines:\n"
        + shorten(text));
    for (String line : lines) {
      assertTrue(line.length() <= MAX_LINE, where + " has a line of " + line.length()
          + " characters: " + shorten(line));
    }
  }

  private static String shorten(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " chars)";
  }

  /** One way to damage a file, on its bytes. */
  enum Mutation {
    FLIP_BYTE {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
          return b;
        }
        byte[] out = b.clone();
        out[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        return out;
      }
    },
    INVALID_UTF8 {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}};
        return insert(b, r.nextInt(b.length + 1), bad[r.nextInt(bad.length)]);
      }
    },
    DELETE_LINE {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        List<String> lines = lines(b);
        if (!lines.isEmpty()) {
          lines.remove(r.nextInt(lines.size()));
        }
        return join(lines);
      }
    },
    DUPLICATE_LINE {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        List<String> lines = lines(b);
        if (!lines.isEmpty()) {
          int i = r.nextInt(lines.size());
          lines.add(i, lines.get(i));
        }
        return join(lines);
      }
    },
    INDENT {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        List<String> lines = lines(b);
        if (!lines.isEmpty()) {
          int i = r.nextInt(lines.size());
          String l = lines.get(i);
          lines.set(i, r.nextBoolean() ? " ".repeat(1 + r.nextInt(5)) + l : l.stripLeading());
        }
        return join(lines);
      }
    },
    TAB {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        List<String> lines = lines(b);
        if (!lines.isEmpty()) {
          int i = r.nextInt(lines.size());
          lines.set(i, "\t" + lines.get(i).stripLeading());
        }
        return join(lines);
      }
    },
    UNKNOWN_KEY {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        List<String> lines = lines(b);
        int i = r.nextInt(lines.size() + 1);
        lines.add(i, " ".repeat(2 * r.nextInt(3)) + "zzz-unknown: 1");
        return join(lines);
      }
    },
    WRONG_TYPE {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        String[] values = {"[1, 2]", "{a: b}", "123", "null", "true", "\"\"", "~", "- x",
            "!!binary AAAA", "&a [*a]", "*nowhere", "1e999", "-0x10", "|\n  text"};
        return replaceValue(b, r, values[r.nextInt(values.length)]);
      }
    },
    DEEP_NESTING {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        String open = r.nextBoolean() ? "[" : "{";
        String deep = r.nextBoolean() ? open.repeat(DEEP)
            : open.repeat(DEEP) + (open.equals("[") ? "]" : "}").repeat(DEEP);
        if (r.nextBoolean()) {
          deep = "- ".repeat(DEEP / 10) + "x";
        }
        return replaceValue(b, r, deep);
      }
    },
    HUGE_VALUE {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        String[] huge = {"x".repeat(HUGE), "word ".repeat(HUGE / 5), "[" + "y".repeat(HUGE) + "]",
            "\"" + "z".repeat(HUGE) + "\""};
        return replaceValue(b, r, huge[r.nextInt(huge.length)]);
      }
    },
    LONG_LINE {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        List<String> lines = lines(b);
        lines.add(r.nextInt(lines.size() + 1), "y".repeat(100_000 + r.nextInt(1000)));
        return join(lines);
      }
    },
    EMPTY {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        return r.nextBoolean() ? new byte[0] : "\n \n".getBytes(StandardCharsets.UTF_8);
      }
    },
    TRUNCATE {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        return Arrays.copyOf(b, r.nextInt(b.length + 1));
      }
    },
    BOM {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        return insert(b, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
    },
    NUL {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        return insert(b, r.nextInt(b.length + 1), new byte[] {0});
      }
    },
    CONTROL {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        byte[] c = {0x1B, 0x07, 0x08, 0x0D, 0x7F, 0x0B, 0x0C};
        return insert(b, r.nextInt(b.length + 1), new byte[] {c[r.nextInt(c.length)]});
      }
    },
    FRONT_MATTER {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        List<String> lines = lines(b);
        // Drop a '---' line (the closing one, or the opening), or add one where it cuts a value.
        List<Integer> fences = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).strip().equals("---")) {
            fences.add(i);
          }
        }
        if (!fences.isEmpty() && r.nextInt(3) > 0) {
          lines.remove((int) fences.get(r.nextInt(fences.size())));
        } else {
          lines.add(r.nextInt(lines.size() + 1), "---");
        }
        return join(lines);
      }
    },
    MARKDOWN {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        String[] blocks = {">".repeat(DEEP) + " quoted", "- ".repeat(DEEP / 10) + "item",
            "[".repeat(DEEP), "*".repeat(DEEP) + "a" + "*".repeat(DEEP), "`".repeat(DEEP),
            "# " + "h".repeat(HUGE / 4), "| a | b |\n|---|---|\n" + "| x | y |\n".repeat(5000),
            "[link](" + "(".repeat(DEEP) + ")", "<" + "div>".repeat(DEEP), "## \u0000"};
        List<String> lines = lines(b);
        lines.add(r.nextInt(lines.size() + 1), blocks[r.nextInt(blocks.length)]);
        return join(lines);
      }
    },
    GARBAGE {
      @Override
      byte[] apply(byte[] b, SplittableRandom r) {
        byte[] g = new byte[1 + r.nextInt(200)];
        for (int i = 0; i < g.length; i++) {
          g[i] = (byte) r.nextInt(256);
        }
        return insert(b, r.nextInt(b.length + 1), g);
      }
    };

    abstract byte[] apply(byte[] b, SplittableRandom r);

    static byte[] insert(byte[] b, int at, byte[] what) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + what.length);
      out.write(b, 0, at);
      out.writeBytes(what);
      out.write(b, at, b.length - at);
      return out.toByteArray();
    }

    /** Lines as ISO-8859-1 so that every byte survives the round trip. */
    static List<String> lines(byte[] b) {
      return new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.ISO_8859_1)
          .split("\n", -1)));
    }

    static byte[] join(List<String> lines) {
      return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Replaces what follows the first ': ' or '- ' on a random line with {@code value}. */
    static byte[] replaceValue(byte[] b, SplittableRandom r, String value) {
      List<String> lines = lines(b);
      if (lines.isEmpty()) {
        return value.getBytes(StandardCharsets.ISO_8859_1);
      }
      int i = r.nextInt(lines.size());
      String l = lines.get(i);
      int colon = l.indexOf(": ");
      int dash = l.indexOf("- ");
      int at = colon >= 0 ? colon + 2 : dash >= 0 ? dash + 2 : l.length();
      lines.set(i, l.substring(0, at) + value);
      return join(lines);
    }
  }
}
