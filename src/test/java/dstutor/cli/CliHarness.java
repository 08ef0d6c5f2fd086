package dstutor.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the real command line against a copy of a course, with a fresh home and workspace, and
 * captures what it prints (jbang's test style).
 */
final class CliHarness {
  final Path course;
  final Path home;
  final Path workspace;
  final Map<String, String> env = new HashMap<>();

  /** One run's exit code and output. */
  record Result(int code, String out, String err) {}

  CliHarness(Path tmp, Path courseSource) {
    this.course = tmp.resolve("course");
    this.home = tmp.resolve("home");
    this.workspace = tmp.resolve("ws");
    for (String dir : new String[] {"exercises", "solutions", "content"}) {
      if (Files.isDirectory(courseSource.resolve(dir))) {
        copyTree(courseSource.resolve(dir), course.resolve(dir));
      }
    }
    env.put("DSTUTOR_COURSE", course.toString());
    env.put("DSTUTOR_HOME", home.toString());
    env.put("DSTUTOR_WORKSPACE", workspace.toString());
    // Grade in the test's JVM; ServerTest covers the grading server.
    env.put("DSTUTOR_NO_SERVER", "1");
  }

  static Path fixtureCourse() {
    return Path.of("src/test/resources/fixture-course").toAbsolutePath();
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  /** Runs with {@code stdin} piped in, as `printf ... | dstutor ...` would. */
  Result runWithInput(String stdin, String... args) {
    return run(stdin, Clock.systemDefaultZone(), args);
  }

  /** Runs with {@code stdin} as standard input, at the time {@code clock} tells. */
  Result run(String stdin, Clock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, env, new ByteArrayInputStream(stdin.getBytes(
        StandardCharsets.UTF_8)), new PrintWriter(out, true), new PrintWriter(err, true), false,
        clock);
    return new Result(code, out.toString(), err.toString());
  }

  /** Writes {@code text} as the learner's file {@code name} of exercise folder {@code rel}. */
  Path write(String rel, String name, String text) {
    Path p = workspace.resolve(rel).resolve(name);
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  static void copyTree(Path from, Path to) {
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
