package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dstutor.course.CourseLoader;
import dstutor.quiz.QuizExercise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code dstutor grade}: a fixture class with one student per outcome, hostile ones included,
 * graded two at a time; every record of the JSON and JUnit reports is checked, and nothing outside
 * the workers' own throwaway folders changes.
 */
class GradeCommandTest {
  private static final String ADDER = "basics/adder";
  CliHarness cli;
  Path tmp;
  Path klass;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    this.tmp = tmp;
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    klass = tmp.resolve("class");
  }

  /** What each student's record must say: status, and words its messages must hold. */
  private record Expect(String exercise, String status, String... words) {}

  private void student(String id, String source) throws IOException {
    Path f = klass.resolve(id).resolve(ADDER).resolve("SimpleAdder.java");
    Files.createDirectories(f.getParent());
    Files.writeString(f, source);
  }

  private static String adder(String body) {
    return SubmitTest.adder(body);
  }

  /** The class: one student per outcome. */
  private void buildClass() throws Exception {
    student("alice", adder("return a + b;"));
    student("bob", adder("return a - b;"));
    student("carol", "public class SimpleAdder {");
    student("dave", adder("while (true) { }"));
    student("erin", adder("System.exit(3); return 0;"));
    // 100 MB on System.out, then a wrong answer, so that the verdict shows what was printed.
    student("frank", "public class SimpleAdder implements Adder {\n"
        + "  static boolean printed;\n"
        + "  public int add(int a, int b) {\n"
        + "    if (!printed) {\n"
        + "      printed = true;\n"
        + "      String mb = \"x\".repeat(1 << 20);\n"
        + "      for (int i = 0; i < 100; i++) { System.out.print(mb); }\n"
        + "      System.out.println(\"the end\");\n"
        + "    }\n"
        + "    return a + b + 1;\n"
        + "  }\n"
        + "}\n");
    // Writes to a relative path and to its home, then says where they went.
    student("grace", "import java.nio.file.*;\n"
        + "public class SimpleAdder implements Adder {\n"
        + "  public int add(int a, int b) {\n"
        + "    try {\n"
        + "      Path rel = Path.of(\"out.txt\");\n"
        + "      Files.writeString(rel, \"x\");\n"
        + "      Path home = Path.of(System.getProperty(\"user.home\"), \"pwned.txt\");\n"
        + "      Files.writeString(home, \"x\");\n"
        + "      throw new IllegalStateException(\"wrote \" + rel.toAbsolutePath() + \" and \""
        + " + home.toAbsolutePath());\n"
        + "    } catch (java.io.IOException e) {\n"
        + "      throw new java.io.UncheckedIOException(e);\n"
        + "    }\n"
        + "  }\n"
        + "}\n");
    student("heidi", adder("try { new java.io.FileOutputStream(java.io.FileDescriptor.out)"
        + ".write(\"forged\\n\".getBytes()); } catch (java.io.IOException e) { }"
        + " return a + b;"));
    // A thread that never ends, its name full of terminal escapes.
    student("ivan", "public class SimpleAdder implements Adder {\n"
        + "  static Thread t;\n"
        + "  public int add(int a, int b) {\n"
        + "    if (t == null) {\n"
        + "      t = new Thread(() -> { while (true) { try { Thread.sleep(100); }"
        + " catch (InterruptedException e) { } } }, \"spin\\u001b[2J\\u0007<&>\");\n"
        + "      t.start();\n"
        + "    }\n"
        + "    return a + b;\n"
        + "  }\n"
        + "}\n");
    Files.createDirectories(klass.resolve("judy"));
    student("mallory", adder("return b + a;"));
    Path ghost = klass.resolve("mallory/patterns/ghost/Ghost.java");
    Files.createDirectories(ghost.getParent());
    Files.writeString(ghost, "public class Ghost { }");
    // The course's reference solutions, through a linked folder.
    Files.createDirectories(klass.resolve("nick"));
    Files.createSymbolicLink(klass.resolve("nick/basics"), cli.course.resolve("solutions/basics"));
    // A source file of 2 MB.
    student("olivia", adder("return a + b;") + "//" + "x".repeat(2 << 20) + "\n");
    // The course's own reference solution, linked in.
    Path link = klass.resolve("oscar").resolve(ADDER).resolve("SimpleAdder.java");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, cli.course.resolve("solutions").resolve(ADDER)
        .resolve("SimpleAdder.java"));
    Path answers = klass.resolve("peggy/quizzes/sums-quiz/answers.yaml");
    Files.createDirectories(answers.getParent());
    Files.writeString(answers, QuizExercise.key(CourseLoader.load(cli.course).find("sums-quiz")
        .orElseThrow()));
    // Not students.
    Files.createDirectories(klass.resolve(".git"));
    Files.writeString(klass.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(klass.resolve("README.txt"), "the class of 2026\n");
  }

  private static Map<String, Expect> expected(boolean onlyAdder) {
    Map<String, Expect> m = new LinkedHashMap<>();
    m.put("alice", new Expect("adder", "passed"));
    m.put("bob", new Expect("adder", "failed", "add returns the sum", "expected: <"));
    m.put("carol", new Expect("adder", "compile_error", "does not compile"));
    m.put("dave", new Expect("adder", "timeout", "CPU time", "loop"));
    m.put("erin", new Expect("adder", "crashed", "called System.exit"));
    m.put("frank", new Expect("adder", "failed", "your code printed", "xxxxxxxx"));
    m.put("grace", new Expect("adder", "failed", "IllegalStateException", "wrote "));
    m.put("heidi", new Expect("adder", "crashed", "standard output", "System.out"));
    m.put("ivan", new Expect("adder", "crashed", "thread(s) running", "spin"));
    m.put("judy", onlyAdder ? new Expect("adder", "missing", "no SimpleAdder.java in")
        : new Expect(null, "missing", "no file of any exercise of the course"));
    m.put("mallory", new Expect("adder", "passed"));
    m.put("nick", new Expect("adder", "refused", "outside the student's folder"));
    m.put("olivia", new Expect("adder", "refused", "a learner file may have at most 1048576"));
    m.put("oscar", new Expect("adder", "refused", "symbolic link"));
    m.put("peggy", onlyAdder ? new Expect("adder", "missing", "nothing submitted for adder")
        : new Expect("sums-quiz", "passed"));
    return m;
  }

  @Test
  void gradesAClassTwoAtATimeIntoJsonAndJunitAndTouchesNothingElse() throws Exception {
    buildClass();
    Path userDir = Path.of(System.getProperty("user.dir"));
    Path realHome = Path.of(System.getProperty("user.home"));
    assertFalse(Files.exists(userDir.resolve("out.txt")));
    assertFalse(Files.exists(realHome.resolve("pwned.txt")));
    Map<String, String> before = snapshot();
    Path reports = Files.createDirectory(tmp.resolve("reports"));

    CliHarness.Result json = cli.run("grade", klass.toString(), "--jobs", "2", "--format", "json",
        "--out", reports.resolve("grades.jsonl").toString());
    assertEquals(1, json.code(), json.out() + json.err());
    String jsonText = Files.readString(reports.resolve("grades.jsonl"));
    List<String> written = checkJson(jsonText, expected(false));
    checkTable(json.out(), expected(false));
    assertTrue(json.out().contains("3 of 15 submissions pass; 3 of 15 students pass everything"
        + " they submitted · 11 graded in "), json.out());
    assertTrue(json.out().contains("with 2 workers"), json.out());
    assertTrue(json.err().contains("graded alice: 1 of 1 passed"), json.err());
    assertTrue(json.err().contains("wrote " + reports.resolve("grades.jsonl")), json.err());

    CliHarness.Result junit = cli.run("grade", klass.toString(), "--jobs", "2", "--format",
        "junit", "--exercise", "adder", "--out", reports.resolve("grades.xml").toString());
    assertEquals(1, junit.code(), junit.out() + junit.err());
    written.addAll(checkJunit(reports.resolve("grades.xml"), expected(true)));
    checkTable(junit.out(), expected(true));
    assertEquals(List.of("grades.jsonl", "grades.xml"), list(reports), "no temporary file left");

    // The writes landed in the workers' own folders, which are gone; nothing else changed.
    assertEquals(4, written.size(), written.toString());
    for (String w : written) {
      assertTrue(Path.of(w).getParent().getFileName().toString().startsWith("dstutor-worker-"),
          w);
      assertTrue(waitGone(Path.of(w).getParent()), w + "'s folder is deleted");
    }
    assertFalse(Files.exists(userDir.resolve("out.txt")));
    assertFalse(Files.exists(realHome.resolve("pwned.txt")));
    assertEquals(before, snapshot());
  }

  @Test
  void badArgumentsAreUsageErrorsBeforeAnyGrading() throws Exception {
    Files.createDirectories(klass);
    CliHarness.Result empty = cli.run("grade", klass.toString());
    assertEquals(2, empty.code(), empty.err());
    assertTrue(empty.err().contains(klass + " holds no student folder: put each student's"
        + " workspace in a folder of its own"), empty.err());
    student("alice", adder("return a + b;"));
    CliHarness.Result none = cli.run("grade", tmp.resolve("nope").toString());
    assertEquals(2, none.code());
    assertTrue(none.err().contains("no folder " + tmp.resolve("nope") + ": give the folder that"
        + " holds one folder per student"), none.err());
    CliHarness.Result jobs = cli.run("grade", klass.toString(), "--jobs", "0");
    assertEquals(2, jobs.code());
    assertTrue(jobs.err().contains("--jobs 0 is out of range; give 1 to 64"), jobs.err());
    CliHarness.Result typo = cli.run("grade", klass.toString(), "--exercise", "addr");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("no exercise 'addr'; did you mean 'adder'?"), typo.err());
    CliHarness.Result inside = cli.run("grade", klass.toString(), "--format", "json", "--out",
        klass.resolve("grades.jsonl").toString());
    assertEquals(2, inside.code());
    assertTrue(inside.err().contains("is inside the class folder"), inside.err());
    CliHarness.Result format = cli.run("grade", klass.toString(), "--format", "xml");
    assertEquals(2, format.code());
    assertTrue(format.err().contains("text, json, junit"), format.err());
    assertEquals(List.of("alice"), list(klass));
  }

  @Test
  void aPassingClassExitsZeroWithTheTableOnStdout() throws Exception {
    student("alice", adder("return a + b;"));
    CliHarness.Result r = cli.run("grade", klass.toString(), "--jobs", "1");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().matches("(?s)student +exercise +status +time +first problem\n"
        + "alice +adder +passed +\\d+\\.\\d s\n\n1 of 1 submissions pass; 1 of 1 students.*"),
        r.out());
    CliHarness.Result json = cli.run("grade", klass.toString(), "--format", "json");
    assertEquals(0, json.code(), json.err());
    JsonNode rec = new ObjectMapper().readTree(json.out());
    assertEquals("alice", rec.get("student").asText());
    assertEquals("passed", rec.get("status").asText());
    assertTrue(json.err().contains("1 of 1 submissions pass"), json.err());
  }

  @Test
  void interruptedGradingEndsEveryWorkerAndWritesNoReport() throws Exception {
    student("dave", adder("while (true) { }"));
    student("dan", adder("while (true) { }"));
    Path report = tmp.resolve("grades.xml");
    CliHarness.Result[] result = new CliHarness.Result[1];
    // Other tests in this JVM may have workers of their own: only new ones count.
    java.util.Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid)
        .collect(java.util.stream.Collectors.toSet());
    java.util.function.Supplier<List<ProcessHandle>> mine = () -> ProcessHandle.current()
        .children().filter(p -> !before.contains(p.pid()) && p.isAlive()).toList();
    Thread t = new Thread(() -> result[0] = cli.run("grade", klass.toString(), "--jobs", "2",
        "--format", "junit", "--out", report.toString()));
    t.start();
    // Interrupt once both workers run the loops (as the shell does on Ctrl-C).
    while (mine.get().size() < 2 && t.isAlive()) {
      Thread.sleep(50);
    }
    t.interrupt();
    t.join();
    assertEquals(2, result[0].code(), result[0].err());
    assertTrue(result[0].err().contains("grading stopped (interrupted); every worker was ended"
        + " and no report was written"), result[0].err());
    assertFalse(Files.exists(report));
    assertEquals(List.of(), list(tmp).stream().filter(n -> n.startsWith(".grades")).toList());
    assertEquals(List.of(), mine.get(), "the grade command waited for its workers to end");
  }

  /** Checks every record; returns the paths the writing student said it wrote to. */
  private static List<String> checkJson(String text, Map<String, Expect> expected)
      throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String[] lines = text.split("\n");
    assertEquals(expected.size(), lines.length, text.length() > 20_000 ? "" : text);
    List<String> written = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Expect> x : expected.entrySet()) {
      String line = lines[i++];
      assertTrue(line.length() < 16_000, x.getKey() + "'s record has " + line.length()
          + " characters");
      JsonNode r = mapper.readTree(line);
      Expect e = x.getValue();
      String who = x.getKey() + ": " + line;
      assertEquals(x.getKey(), r.get("student").asText(), who);
      if (e.exercise() == null) {
        assertTrue(r.get("exercise").isNull(), who);
      } else {
        assertEquals(e.exercise(), r.get("exercise").asText(), who);
      }
      assertEquals(e.status(), r.get("status").asText(), who);
      for (String field : List.of("passed", "failed", "millis", "seed", "tests")) {
        assertTrue(r.has(field), who + " lacks " + field);
      }
      StringBuilder messages = new StringBuilder();
      if (r.hasNonNull("message")) {
        messages.append(r.get("message").asText()).append('\n');
      }
      for (JsonNode t : r.get("tests")) {
        if (!t.get("status").asText().equals("passed")) {
          messages.append(t.get("name").asText()).append('\n');
        }
        if (t.hasNonNull("message")) {
          assertTrue(t.get("message").asText().length() < 4_200, who);
          messages.append(t.get("message").asText()).append('\n');
        }
      }
      if (r.has("errors")) {
        for (JsonNode err : r.get("errors")) {
          messages.append(err.get("file").asText()).append(": ")
              .append(err.get("message").asText()).append('\n');
        }
      }
      for (String w : e.words()) {
        assertTrue(messages.toString().contains(w), who + " should say '" + w + "'");
      }
      if (e.status().equals("passed")) {
        assertEquals(0, r.get("failed").asInt(), who);
        assertTrue(r.get("passed").asInt() > 0, who);
      }
      if (x.getKey().equals("bob")) {
        assertEquals("sum", firstFailing(r).get("hint").asText(), who);
      }
      if (x.getKey().equals("carol")) {
        assertTrue(r.get("errors").get(0).get("file").asText().endsWith("carol/basics/adder/"
            + "SimpleAdder.java"), who);
      }
      if (x.getKey().equals("frank")) {
        assertFalse(messages.toString().contains("the end"), "cut after 64 KB: " + who);
      }
      if (x.getKey().equals("grace")) {
        written.addAll(writtenPaths(messages.toString()));
      }
    }
    return written;
  }

  private static JsonNode firstFailing(JsonNode r) {
    for (JsonNode t : r.get("tests")) {
      if (!t.get("status").asText().equals("passed")) {
        return t;
      }
    }
    throw new AssertionError("no failing test in " + r);
  }

  /** Parses the XML (it must be well-formed) and checks every testsuite and testcase. */
  private static List<String> checkJunit(Path file, Map<String, Expect> expected)
      throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals(String.valueOf(expected.size()), root.getAttribute("tests"));
    NodeList suites = root.getElementsByTagName("testsuite");
    assertEquals(expected.size(), suites.getLength());
    List<String> written = new ArrayList<>();
    int failures = 0;
    int errors = 0;
    int i = 0;
    for (Map.Entry<String, Expect> x : expected.entrySet()) {
      Element suite = (Element) suites.item(i++);
      Expect e = x.getValue();
      String who = x.getKey();
      assertEquals(who, suite.getAttribute("name"));
      NodeList cases = suite.getElementsByTagName("testcase");
      assertEquals(1, cases.getLength(), who);
      Element c = (Element) cases.item(0);
      assertEquals(who, c.getAttribute("classname"));
      assertEquals(e.exercise(), c.getAttribute("name"), who);
      NodeList failure = c.getElementsByTagName("failure");
      NodeList error = c.getElementsByTagName("error");
      if (e.status().equals("passed")) {
        assertEquals(0, failure.getLength() + error.getLength(), who);
        continue;
      }
      boolean isError = List.of("timeout", "crashed").contains(e.status());
      Element f = (Element) (isError ? error : failure).item(0);
      assertNotNull(f, who + " has a " + (isError ? "error" : "failure"));
      assertEquals(0, (isError ? failure : error).getLength(), who);
      failures += isError ? 0 : 1;
      errors += isError ? 1 : 0;
      assertEquals(e.status(), f.getAttribute("type"), who);
      assertFalse(f.getAttribute("message").isBlank(), who);
      String body = f.getTextContent();
      assertTrue(body.length() < 64_000, who);
      for (String w : e.words()) {
        assertTrue(body.contains(w), who + " should say '" + w + "': " + body);
      }
      if (who.equals("ivan")) {
        assertTrue(body.contains("spin\\u001b[2J\\u0007<&>"), body);
      }
      if (who.equals("bob")) {
        assertTrue(f.getAttribute("message").startsWith("1 of 2 properties fail, the first: add"
            + " returns the sum"), f.getAttribute("message"));
        String out = c.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(out.contains("✓ adding zero changes nothing (passed)"), out);
      }
      if (who.equals("grace")) {
        written.addAll(writtenPaths(body));
      }
    }
    assertEquals(String.valueOf(failures), root.getAttribute("failures"));
    assertEquals(String.valueOf(errors), root.getAttribute("errors"));
    return written;
  }

  /** The table on stdout: one row per record with the student, exercise and status. */
  private static void checkTable(String out, Map<String, Expect> expected) {
    String[] lines = out.split("\n");
    assertTrue(lines[0].matches("student +exercise +status +time +first problem"), out);
    int i = 1;
    for (Map.Entry<String, Expect> x : expected.entrySet()) {
      Expect e = x.getValue();
      String word = e.status().equals("failed") ? "failed \\d/2" : e.status();
      String row = lines[i++];
      assertTrue(row.matches(x.getKey() + " +" + (e.exercise() == null ? "-" : e.exercise())
          + " +" + word + "( .*)?"), row);
      assertTrue(row.chars().noneMatch(Character::isISOControl), "no control character: " + row);
    }
    assertTrue(out.length() < 10_000, out);
  }

  private static List<String> writtenPaths(String text) {
    Matcher m = Pattern.compile("wrote (\\S+/out\\.txt) and (\\S+/pwned\\.txt)").matcher(text);
    assertTrue(m.find(), text);
    return new ArrayList<>(List.of(m.group(1), m.group(2)));
  }

  private static boolean waitGone(Path dir) throws InterruptedException {
    for (int i = 0; i < 100 && Files.exists(dir); i++) {
      Thread.sleep(100);
    }
    return !Files.exists(dir);
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * Every file of the class, the course, the home and the workspace (size, time, hash), and of the
   * test's working directory (size and time; its build output aside).
   */
  private Map<String, String> snapshot() throws IOException {
    Map<String, String> m = new TreeMap<>();
    for (Path root : List.of(klass, cli.course, cli.home, cli.workspace)) {
      walk(root, root, true, m);
    }
    Path userDir = Path.of(System.getProperty("user.dir"));
    walk(userDir, userDir.resolve("target"), false, m);
    return m;
  }

  private static void walk(Path root, Path skip, boolean hash, Map<String, String> m)
      throws IOException {
    if (!Files.exists(root)) {
      m.put(root.toString(), "absent");
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> !p.startsWith(skip) || skip.equals(root)).forEach(p -> {
        try {
          String v;
          if (Files.isSymbolicLink(p)) {
            v = "link " + Files.readSymbolicLink(p);
          } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            v = "dir " + Files.getLastModifiedTime(p);
          } else {
            v = Files.size(p) + " " + Files.getLastModifiedTime(p) + (hash ? " " + HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))
                : "");
          }
          m.put(p.toString(), v);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }
}
