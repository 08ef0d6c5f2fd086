package dstutor.grade;

import dstutor.course.Course;
import dstutor.yaml.ProblemsException;
import dstutor.course.CourseLoader;
import dstutor.course.Exercise;
import dstutor.yaml.Problem;
import dstutor.yaml.YNode;
import dstutor.yaml.YamlReader;
import dstutor.grade.InMemoryCompiler.Source;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Mutation testing of the hidden suites, for course authors: compiles each exercise's reference
 * solution, given files and suite, has PIT (its STRONGER mutators) change the reference's learner
 * classes one mutant at a time, runs the suite against each, and compares the mutants that survive
 * with the exercise's accepted list, {@code solutions/<path>/mutants.yaml}. A survivor not on the
 * list fails the run: the suite must kill it, or the author explains in one line why it is
 * equivalent or invisible through the API. PIT runs in a child JVM from the class path given with
 * {@code --pit-classpath}; {@code src/mutants/mutants.sh} resolves it with Maven.
 *
 * <pre>
 * java -cp dstutor.jar dstutor.grade.Mutants --pit-classpath CP [--course DIR] [--exercise ID]...
 * </pre>
 */
public final class Mutants {
  /** The accepted-survivors file in an exercise's solutions folder. */
  public static final String ACCEPTED = "mutants.yaml";

  /**
   * One mutant PIT made. {@code code} is the mutated source line, trimmed: entries match on file,
   * method, mutator, description and code, so they survive edits elsewhere in the file.
   */
  record Mutant(String file, String method, int line, String mutator, String description,
      String code, String status) {
    boolean survived() {
      return status.equals("SURVIVED") || status.equals("NO_COVERAGE");
    }

    String key() {
      return file + "|" + method + "|" + mutator + "|" + description + "|" + code;
    }

    String where() {
      return file + ":" + line + " (" + method + ") " + mutator + ": " + description;
    }
  }

  /** One accepted survivor from mutants.yaml. */
  record Accepted(String key, String why, YNode.Loc loc) {}

  private final PrintStream out;
  private final String pitClasspath;
  private final String ownClasspath;
  private final int threads;

  Mutants(PrintStream out, String pitClasspath, String ownClasspath, int threads) {
    this.out = out;
    this.pitClasspath = pitClasspath;
    this.ownClasspath = ownClasspath;
    this.threads = threads;
  }

  public static void main(String[] args) {
    String pit = System.getenv("DSTUTOR_PIT_CLASSPATH");
    Path course = Path.of(".");
    List<String> only = new ArrayList<>();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length && !a.equals("--help")) {
        usage("missing the value of " + a);
      }
      switch (a) {
        case "--pit-classpath" -> pit = args[++i];
        case "--course" -> course = Path.of(args[++i]);
        case "--exercise" -> only.add(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--help" -> {
          System.out.println("usage: Mutants --pit-classpath CP [--course DIR] [--exercise ID]..."
              + " [--threads N]");
          System.exit(0);
        }
        default -> usage("unknown argument " + a);
      }
    }
    if (pit == null || pit.isBlank()) {
      usage("no PIT class path: run src/mutants/mutants.sh, which resolves it");
    }
    Course c;
    try {
      c = CourseLoader.load(course);
    } catch (ProblemsException e) {
      for (Problem p : e.problems()) {
        System.err.println(p);
      }
      System.exit(2);
      return;
    }
    List<Exercise> chosen = new ArrayList<>();
    for (String id : only) {
      chosen.add(c.find(id).orElseGet(() -> {
        usage("no exercise '" + id + "' in " + c.root());
        return null;
      }));
    }
    if (chosen.isEmpty()) {
      chosen.addAll(c.ordered());
    }
    Mutants m = new Mutants(System.out, pit, absolute(System.getProperty("java.class.path")),
        threads);
    int failures = 0;
    for (Exercise e : chosen) {
      if (e.isQuiz()) {
        System.out.println("mutants: " + e.id() + " is a quiz; it has no suite to mutate");
        continue;
      }
      failures += m.run(e);
    }
    System.out.println(failures == 0 ? "mutants: every survivor is on its exercise's accepted list"
        : "mutants: " + failures + " problem(s); kill each survivor with a property, or accept it"
            + " in the exercise's " + ACCEPTED + " with a reason");
    System.exit(failures == 0 ? 0 : 1);
  }

  private static void usage(String message) {
    System.err.println("mutants: " + message);
    System.exit(2);
  }

  private static String absolute(String classpath) {
    return Stream.of(classpath.split(File.pathSeparator)).filter(s -> !s.isEmpty())
        .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
        .reduce((a, b) -> a + File.pathSeparator + b).orElse("");
  }

  /** Mutation-tests one exercise; returns the number of problems (0 when all is as accepted). */
  int run(Exercise e) {
    if (!e.kind().equals("code")) {
      return 0;
    }
    long start = System.nanoTime();
    Path work;
    try {
      work = Files.createTempDirectory("dstutor-mutants-" + e.id() + "-");
    } catch (IOException ex) {
      out.println(e.id() + ": cannot make a work folder: " + ex.getMessage());
      return 1;
    }
    try {
      return run(e, work, start);
    } catch (IOException ex) {
      out.println(e.id() + ": " + ex.getMessage());
      return 1;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      delete(work);
    }
  }

  private int run(Exercise e, Path work, long start) throws IOException, InterruptedException {
    InMemoryCompiler javac = new InMemoryCompiler(ownClasspath);
    List<Source> given = new ArrayList<>();
    for (String g : e.given()) {
      given.add(new Source(g, e.dir().resolve(g).toString(), Files.readString(e.dir().resolve(g)),
          true));
    }
    List<Source> learner = new ArrayList<>(given);
    for (String f : e.files()) {
      Path p = e.solutionDir().resolve(f);
      learner.add(new Source(f, p.toString(), Files.readString(p), true));
    }
    List<Source> all = new ArrayList<>(learner);
    all.add(new Source(e.suite(), e.suiteFile().toString(), Files.readString(e.suiteFile()),
        false));
    InMemoryCompiler.Output compiled = javac.compile(all);
    if (!compiled.ok()) {
      out.println(e.id() + ": the reference and suite do not compile: "
          + compiled.errors().get(0).message());
      return 1;
    }
    // The learner's classes: those of given + reference, less those of the given files alone.
    Set<String> targets = new TreeSet<>(javac.compile(learner).classes().keySet());
    if (!given.isEmpty()) {
      targets.removeAll(javac.compile(given).classes().keySet());
    }
    Path classes = work.resolve("classes");
    for (Map.Entry<String, byte[]> c : compiled.classes().entrySet()) {
      Path file = classes.resolve(c.getKey().replace('.', '/') + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, c.getValue());
    }
    String suite = e.suite().substring(0, e.suite().length() - ".java".length());
    Path report = work.resolve("report");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", pitClasspath + File.pathSeparator + ownClasspath + File.pathSeparator + classes,
        "org.pitest.mutationtest.commandline.MutationCoverageReport",
        "--reportDir", report.toString(),
        "--targetClasses", String.join(",", targets),
        "--targetTests", suite + "," + suite + "$*",
        "--sourceDirs", e.solutionDir().toString(),
        "--mutableCodePaths", classes.toString(),
        "--mutators", "STRONGER",
        "--outputFormats", "XML",
        "--timestampedReports=false",
        "--threads", String.valueOf(threads)));
    Path log = work.resolve("pit.log");
    Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      out.println(e.id() + ": PIT did not finish in 30 minutes");
      return 1;
    }
    Path xml = report.resolve("mutations.xml");
    if (p.exitValue() != 0 || !Files.isRegularFile(xml)) {
      List<String> lines = Files.readAllLines(log);
      out.println(e.id() + ": PIT failed (exit " + p.exitValue() + "):");
      lines.stream().skip(Math.max(0, lines.size() - 15)).forEach(l -> out.println("    " + l));
      return 1;
    }
    List<Mutant> mutants = parse(xml, e.solutionDir());
    return judge(e.id(), e.solutionDir(), mutants, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Prints the result for exercise {@code id} and returns the number of problems: survivors not
   * accepted in {@code solutionDir/mutants.yaml}, and entries of that file that are malformed.
   */
  int judge(String id, Path solutionDir, List<Mutant> mutants, double seconds) {
    List<Accepted> accepted = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Path file = solutionDir.resolve(ACCEPTED);
    if (Files.isRegularFile(file)) {
      readAccepted(file, accepted, problems);
    }
    List<Mutant> survivors = mutants.stream().filter(Mutant::survived).toList();
    List<Accepted> unused = new ArrayList<>(accepted);
    List<Mutant> unlisted = new ArrayList<>();
    for (Mutant m : survivors) {
      Accepted a = unused.stream().filter(x -> x.key().equals(m.key())).findFirst().orElse(null);
      if (a != null) {
        unused.remove(a);
      } else {
        unlisted.add(m);
      }
    }
    long killed = mutants.size() - survivors.size();
    out.printf(Locale.ROOT, "%s: %d of %d mutants killed, %d survived (%d accepted)   %.1f s%n",
        id, killed, mutants.size(), survivors.size(), survivors.size() - unlisted.size(),
        seconds);
    for (String pr : problems) {
      out.println("  ✗ " + pr);
    }
    for (Mutant m : unlisted) {
      out.println("  ✗ survived, not accepted: " + m.where());
      out.println("      " + m.code());
    }
    if (!unlisted.isEmpty()) {
      out.println("    kill them with a property, or add to " + file + " (with a reason):");
      for (Mutant m : unlisted) {
        out.println(entry(m));
      }
    }
    for (Accepted a : unused) {
      out.println("  ! " + a.loc() + ": accepted but no longer survives; remove it");
    }
    return problems.size() + unlisted.size();
  }

  /** A mutants.yaml entry for {@code m}, to paste and complete. */
  static String entry(Mutant m) {
    return "  - file: " + m.file() + "\n    method: " + m.method() + "\n    mutator: " + m.mutator()
        + "\n    description: " + quote(m.description()) + "\n    code: " + quote(m.code())
        + "\n    why: \"\"";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void readAccepted(Path file, List<Accepted> into, List<String> problems) {
    YNode root;
    try {
      root = YamlReader.readYaml(file);
    } catch (ProblemsException ex) {
      ex.problems().forEach(p -> problems.add(p.toString()));
      return;
    }
    if (!(root instanceof YNode.YMap map) || !(map.get("accepted") instanceof YNode.YList list)) {
      problems.add(file + ":1:1: expected 'accepted:' with a list of survivors");
      return;
    }
    Set<String> keys = Set.of("file", "method", "mutator", "description", "code", "why");
    for (YNode item : list.items()) {
      if (!(item instanceof YNode.YMap m)) {
        problems.add(item.loc() + ": expected an entry with file, method, mutator, description,"
            + " code and why");
        continue;
      }
      boolean ok = true;
      for (Map.Entry<String, YNode.Entry> en : m.entries().entrySet()) {
        if (!keys.contains(en.getKey())) {
          problems.add(en.getValue().keyLoc() + ": unknown key '" + en.getKey() + "'; allowed: "
              + new TreeSet<>(keys));
          ok = false;
        }
      }
      for (String k : keys) {
        String v = text(m.get(k));
        if (v == null || v.isBlank()) {
          problems.add(m.loc() + ": '" + k + "' is missing or empty"
              + (k.equals("why") ? "; say why the mutant is equivalent or invisible through the"
                  + " API" : ""));
          ok = false;
        }
      }
      if (ok) {
        into.add(new Accepted(text(m.get("file")) + "|" + text(m.get("method")) + "|"
            + text(m.get("mutator")) + "|" + text(m.get("description")) + "|"
            + text(m.get("code")), text(m.get("why")), m.loc()));
      }
    }
  }

  private static String text(YNode n) {
    return n instanceof YNode.YScalar s ? s.text() : null;
  }

  /** The mutants of PIT's XML report, in file and line order. */
  static List<Mutant> parse(Path xml, Path sourceDir) throws IOException {
    List<Mutant> out = new ArrayList<>();
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var doc = factory.newDocumentBuilder().parse(xml.toFile());
      NodeList nodes = doc.getElementsByTagName("mutation");
      for (int i = 0; i < nodes.getLength(); i++) {
        Element el = (Element) nodes.item(i);
        String file = child(el, "sourceFile");
        int line = Integer.parseInt(child(el, "lineNumber"));
        String mutator = child(el, "mutator");
        mutator = mutator.substring(mutator.lastIndexOf('.') + 1);
        out.add(new Mutant(file, child(el, "mutatedMethod"), line, mutator,
            child(el, "description"), sourceLine(sourceDir.resolve(file), line),
            el.getAttribute("status")));
      }
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IOException("cannot read PIT's report " + xml + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(Mutant::file).thenComparingInt(Mutant::line)
        .thenComparing(Mutant::mutator).thenComparing(Mutant::description));
    return out;
  }

  private static String child(Element el, String name) {
    NodeList n = el.getElementsByTagName(name);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
  }

  private static String sourceLine(Path file, int line) throws IOException {
    List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
    return line >= 1 && line <= lines.size() ? lines.get(line - 1).strip() : "";
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
