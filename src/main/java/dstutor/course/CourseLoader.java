package dstutor.course;

import dstutor.yaml.YNode;
import dstutor.yaml.YamlReader;
import dstutor.yaml.Fields;
import dstutor.yaml.Caps;
import dstutor.yaml.Problem;
import dstutor.yaml.Suggest;
import dstutor.yaml.ProblemsException;
import dstutor.yaml.SourceText;
import dstutor.course.Exercise.HintRung;
import dstutor.course.Exercise.Limits;
import dstutor.yaml.YNode.YMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads a course folder and checks it: every problem is collected and reported with file, line,
 * column and the fix, so that a course author sees them all at once.
 */
public final class CourseLoader {
  static final Set<String> COURSE_KEYS = new LinkedHashSet<>(List.of("version", "title", "tracks"));
  static final Set<String> TRACK_KEYS = new LinkedHashSet<>(List.of("id", "title", "exercises"));
  static final Set<String> EXERCISE_KEYS = new LinkedHashSet<>(List.of("id", "title", "kind",
      "difficulty", "minutes", "requires", "patterns", "systems", "given", "files", "suite",
      "hints", "limits", "quiz", "pass", "sandbox"));
  /** Keys that only a code exercise has, and only a quiz exercise has. */
  static final List<String> CODE_ONLY = List.of("given", "files", "suite", "limits", "sandbox");
  static final List<String> QUIZ_ONLY = List.of("quiz", "pass");
  static final Set<String> HINT_KEYS = new LinkedHashSet<>(List.of("id", "text", "see"));
  static final Set<String> LIMIT_KEYS =
      new LinkedHashSet<>(List.of("test-seconds", "total-seconds", "memory-mb"));
  private static final int SUPPORTED_VERSION = 1;

  private final Path root;
  private final LinkCheck links;
  private final boolean strict;
  private final List<Problem> problems = new ArrayList<>();
  /**
   * Text over its cap (a title, a brief's heading): reported with the rest, but the exercise it
   * is in still loads, so that others do not report it missing.
   */
  private final List<Problem> overCaps = new ArrayList<>();

  private CourseLoader(Path root, LinkCheck links) {
    this.root = root;
    this.links = links;
    this.strict = links != null;
  }

  /**
   * Loads and validates the course in {@code root} for use; throws with every problem found.
   * Links into content pages are not followed here (that costs start-up time on every command);
   * {@link #check(Path)} does.
   */
  public static Course load(Path root) throws ProblemsException {
    return new CourseLoader(root.toAbsolutePath().normalize(), null).load();
  }

  /**
   * Loads with every check, links and anchors of hints included (for {@code course check});
   * {@code links} says whether a link resolves (the content package knows; this one does not).
   */
  public static Course check(Path root, LinkCheck links) throws ProblemsException {
    return new CourseLoader(root.toAbsolutePath().normalize(), links).load();
  }

  private Course load() throws ProblemsException {
    Path courseFile = root.resolve("exercises").resolve("course.yaml");
    if (!Files.isRegularFile(courseFile)) {
      throw new ProblemsException(Problem.inFile(root, "not a course folder: it has no"
          + " exercises/course.yaml (a course folder holds exercises/, solutions/ and content/)"));
    }
    YNode doc = YamlReader.readYaml(courseFile);
    Fields f = new Fields(doc, "course.yaml", problems);
    f.rejectUnknown(COURSE_KEYS);
    int version = f.integer("version", 1, Integer.MAX_VALUE, SUPPORTED_VERSION, true);
    if (version != SUPPORTED_VERSION) {
      problems.add(Problem.at(f.locOf("version"), "course format version " + version
          + " is not supported by this dstutor (it reads version " + SUPPORTED_VERSION
          + "); update dstutor"));
    }
    String title = title(f, "title", false);
    Map<String, Path> found = scanExercises();
    Map<String, Exercise> byId = new LinkedHashMap<>();
    List<Track> tracks = new ArrayList<>();
    Set<String> trackIds = new HashSet<>();
    Map<String, YNode.Loc> listedAt = new HashMap<>();
    for (YNode t : f.nodes("tracks", true)) {
      Fields tf = new Fields(t, "a track", problems);
      tf.rejectUnknown(TRACK_KEYS);
      String id = tf.string("id", true);
      String trackTitle = title(tf, "title", false);
      if (id != null && !trackIds.add(id)) {
        problems.add(Problem.at(tf.locOf("id"), "track id '" + id + "' is used twice"));
      }
      List<String> ids = tf.strings("exercises", true);
      List<YNode> nodes = tf.nodes("exercises", true);
      for (int i = 0; i < ids.size() && i < nodes.size(); i++) {
        String ex = ids.get(i);
        YNode.Loc at = nodes.get(i).loc();
        if (listedAt.containsKey(ex)) {
          problems.add(Problem.at(at, "exercise '" + ex + "' is listed twice (also at line "
              + listedAt.get(ex).line() + ")"));
          continue;
        }
        listedAt.put(ex, at);
        Path def = found.get(ex);
        if (def == null) {
          String close = Suggest.closest(ex, found.keySet());
          problems.add(Problem.at(at, "no exercise '" + ex + "': no exercises/**/"
              + Problem.quote(ex) + "/exercise.yaml"
              + (close != null ? "; did you mean '" + close + "'?" : "")));
          continue;
        }
        Exercise e = readExercise(def);
        if (e != null) {
          byId.put(ex, e);
        }
      }
      tracks.add(new Track(id == null ? "?" : id, trackTitle == null ? id : trackTitle, ids));
    }
    for (Map.Entry<String, Path> e : found.entrySet()) {
      if (!listedAt.containsKey(e.getKey())) {
        problems.add(Problem.inFile(e.getValue(), "exercise '" + e.getKey()
            + "' is on no track; add it to a track's exercises in " + courseFile));
      }
    }
    checkRequires(byId);
    checkClassNames(byId);
    problems.addAll(overCaps);
    if (!problems.isEmpty()) {
      throw new ProblemsException(problems);
    }
    return new Course(root, title == null ? "dstutor" : title, tracks, byId);
  }

  /** Every exercise.yaml below exercises/, by its folder name. */
  private Map<String, Path> scanExercises() {
    Map<String, Path> found = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(root.resolve("exercises"), 5)) {
      s.filter(p -> p.getFileName().toString().equals("exercise.yaml"))
          .sorted()
          .forEach(p -> {
            String id = p.getParent().getFileName().toString();
            if (found.containsKey(id)) {
              problems.add(Problem.inFile(p, "a second exercise folder named '" + id
                  + "' (the first is " + found.get(id).getParent() + "); ids must be unique"));
            } else {
              found.put(id, p);
            }
          });
    } catch (IOException e) {
      problems.add(Problem.inFile(root.resolve("exercises"), "cannot list: " + e.getMessage()));
    }
    return found;
  }

  private Exercise readExercise(Path def) {
    YNode doc;
    try {
      doc = YamlReader.readYaml(def);
    } catch (ProblemsException e) {
      problems.addAll(e.problems());
      return null;
    }
    int before = problems.size();
    Fields f = new Fields(doc, "exercise.yaml", problems);
    f.rejectUnknown(EXERCISE_KEYS);
    Path dir = def.getParent();
    String folder = dir.getFileName().toString();
    String id = f.string("id", true);
    if (id != null && !id.equals(folder)) {
      problems.add(Problem.at(f.locOf("id"), "id '" + id + "' differs from its folder name '"
          + folder + "'; make them equal"));
    }
    String title = title(f, "title", true);
    String kind = f.string("kind", true);
    boolean quiz = Exercise.QUIZ.equals(kind);
    if (kind != null && !kind.equals(Exercise.CODE) && !quiz) {
      problems.add(Problem.at(f.locOf("kind"), "kind '" + kind
          + "' is not supported; this dstutor grades kind: code and kind: quiz"));
    }
    if (kind != null) {
      for (String key : quiz ? CODE_ONLY : QUIZ_ONLY) {
        if (f.map().get(key) != null) {
          problems.add(Problem.at(f.map().entries().get(key).keyLoc(), "'" + key + "' is only"
              + " for kind: " + (quiz ? "code" : "quiz") + (quiz ? "; a quiz exercise's"
                  + " questions are in its 'quiz' file, and the learner writes "
                  + Exercise.ANSWERS : "") + "; remove it"));
        }
      }
    }
    int difficulty = f.integer("difficulty", 1, 5, 1, true);
    int minutes = f.integer("minutes", 1, 600, 30, false);
    List<String> requires = f.strings("requires", false);
    List<String> patterns = f.strings("patterns", false);
    List<String> systems = f.strings("systems", false);
    String relDir = root.resolve("exercises").relativize(dir).toString().replace('\\', '/');
    Path solutionDir = root.resolve("solutions").resolve(relDir);
    List<String> given = quiz ? List.of() : f.strings("given", false);
    List<String> files = quiz ? List.of(Exercise.ANSWERS) : f.strings("files", true);
    String suite = quiz ? null : f.string("suite", true);
    String quizFile = quiz ? f.string("quiz", true) : null;
    int pass = quiz ? f.integer("pass", 1, 100, 100, true) : 0;
    if (quizFile != null && (!quizFile.endsWith(".yaml") || quizFile.contains("/")
        || quizFile.contains("\\"))) {
      problems.add(Problem.at(f.locOf("quiz"), "'" + quizFile + "' must be a .yaml file directly"
          + " in the exercise's solutions folder, like quiz.yaml"));
    } else if (quizFile != null) {
      checkFiles(f, "quiz", List.of(quizFile), solutionDir, "solutions folder (the questions"
          + " with their answers)");
    }
    if (!quiz) {
      checkFiles(f, "given", given, dir, "exercise folder");
      checkFiles(f, "files", files, dir, "exercise folder");
      checkFiles(f, "files", files, solutionDir, "solutions folder (the reference solution)");
    }
    if (suite != null) {
      checkFiles(f, "suite", List.of(suite), solutionDir, "solutions folder");
    }
    String sandbox = quiz ? null : f.string("sandbox", false);
    if (sandbox != null && (!sandbox.endsWith(".java") || sandbox.contains("/")
        || sandbox.contains("\\"))) {
      problems.add(Problem.at(f.locOf("sandbox"), "'" + sandbox + "' must be a .java file"
          + " directly in the exercise's solutions folder, like QuorumSandbox.java"));
    } else if (sandbox != null) {
      checkFiles(f, "sandbox", List.of(sandbox), solutionDir, "solutions folder");
    }
    for (String name : quiz ? List.<String>of() : concat(given, files)) {
      if (!name.endsWith(".java") || name.contains("/") || name.contains("\\")) {
        problems.add(Problem.at(f.locOf(name.equals(suite) ? "suite" : "files"), "'" + name
            + "' must be a .java file directly in the exercise folder"));
      }
    }
    if (!Files.isRegularFile(dir.resolve("brief.md"))) {
      problems.add(Problem.inFile(dir, "no brief.md; write the learner's brief there"));
    } else if (strict) {
      badBytes(dir.resolve("brief.md"));
      longHeadings(dir.resolve("brief.md"));
    }
    if (strict) {
      checkPages(f, "patterns", patterns, "patterns");
      checkPages(f, "systems", systems, "systems");
    }
    List<HintRung> hints = readHints(f);
    Limits limits = readLimits(f);
    if (problems.size() > before) {
      return null;
    }
    return new Exercise(id, title, kind, difficulty, minutes, requires, patterns, systems, given,
        files, suite, hints, limits, relDir, dir, solutionDir, def, quizFile, pass, sandbox);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private void checkFiles(Fields f, String key, List<String> names, Path dir, String where) {
    for (String n : names) {
      if (!Files.isRegularFile(dir.resolve(n))) {
        problems.add(Problem.at(f.locOf(key), "'" + n + "' is listed in '" + key
            + "' but there is no " + dir.resolve(n) + " in the " + where));
      }
    }
  }

  /** A text file that a learner reads must be UTF-8 (it is shown with U+FFFD otherwise). */
  private void badBytes(Path file) {
    try {
      SourceText t = SourceText.read(file);
      if (!t.valid()) {
        problems.add(t.badBytes());
      }
    } catch (IOException e) {
      problems.add(Problem.inFile(file, "cannot read: " + e.getMessage()));
    }
  }

  /**
   * A brief's headings over {@link Caps#HEADING} (they are shown cut). ATX headings only, outside
   * fenced code: what this package can see without a Markdown parser.
   */
  private void longHeadings(Path brief) {
    List<String> lines;
    try {
      lines = SourceText.read(brief).text().lines().toList();
    } catch (IOException e) {
      return; // badBytes reported it.
    }
    String fence = null;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).stripLeading();
      if (fence == null && (l.startsWith("```") || l.startsWith("~~~"))) {
        fence = l.substring(0, 3);
      } else if (fence != null && l.startsWith(fence)) {
        fence = null;
      } else if (fence == null && l.matches("#{1,6}(\\s.*)?")) {
        String text = l.replaceFirst("^#+\\s*", "").replaceFirst("\\s+#+\\s*$", "").strip();
        if (text.length() > Caps.HEADING) {
          overCaps.add(new Problem(brief, i + 1, 1, "the heading '" + text
              + "' is over " + Caps.HEADING + " characters, and shown cut; shorten it (or give"
              + " it the line break it lost)"));
        }
      }
    }
  }

  /**
   * A title, cut to {@link Caps#TITLE} for showing; in a check, one over it is a problem at
   * {@code key} of {@code f} (a {@link Problem} quotes the title short itself).
   */
  private String title(Fields f, String key, boolean required) {
    String title = f.string(key, required);
    if (title != null && title.length() > Caps.TITLE && strict) {
      overCaps.add(Problem.at(f.locOf(key), "the " + key + " '" + title
          + "' is over " + Caps.TITLE + " characters, and shown cut; shorten it"));
    }
    return Caps.clip(title, Caps.TITLE);
  }

  private void checkPages(Fields f, String key, List<String> ids, String folder) {
    Path dir = root.resolve("content").resolve(folder);
    for (String id : ids) {
      if (!Files.isRegularFile(dir.resolve(id + ".md"))) {
        problems.add(Problem.at(f.locOf(key), "'" + id + "' in '" + key + "' has no page "
            + root.relativize(dir.resolve(id + ".md"))));
      }
    }
  }

  private List<HintRung> readHints(Fields f) {
    List<HintRung> hints = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<YNode> nodes = f.nodes("hints", true);
    if (nodes.isEmpty() && f.map().get("hints") != null) {
      problems.add(Problem.at(f.locOf("hints"), "'hints' is empty; give at least one rung"));
    }
    for (YNode n : nodes) {
      Fields h = new Fields(n, "a hint", problems);
      h.rejectUnknown(HINT_KEYS);
      String id = h.string("id", true);
      String text = h.string("text", true);
      String see = h.string("see", true);
      if (id != null && !ids.add(id)) {
        problems.add(Problem.at(h.locOf("id"), "hint id '" + id + "' is used twice"));
      }
      if (text != null && text.isBlank()) {
        problems.add(Problem.at(h.locOf("text"), "hint '" + id + "' has an empty text"));
      }
      if (see != null && strict) {
        String bad = checkLink(see);
        if (bad != null) {
          problems.add(Problem.at(h.locOf("see"), bad));
        }
      }
      hints.add(new HintRung(id, text, see));
    }
    return hints;
  }

  /** Null when {@code see} (a path from the course root, with an optional #anchor) resolves. */
  String checkLink(String see) {
    return links.problem(root, see);
  }

  private Limits readLimits(Fields f) {
    YNode n = f.map().get("limits");
    if (n == null) {
      return Limits.DEFAULT;
    }
    Fields l = new Fields(n, "limits", problems);
    l.rejectUnknown(LIMIT_KEYS);
    Limits d = Limits.DEFAULT;
    return new Limits(l.integer("test-seconds", 1, 120, d.testSeconds(), false),
        l.integer("total-seconds", 1, 600, d.totalSeconds(), false),
        l.integer("memory-mb", 64, 4096, d.memoryMb(), false));
  }

  /**
   * The learner's workspace compiles every exercise together, in the default package, so two
   * exercises may not both have a Java file of the same name (the same class).
   */
  private void checkClassNames(Map<String, Exercise> byId) {
    Map<String, Exercise> owner = new HashMap<>();
    for (Exercise e : byId.values()) {
      List<String> names = new ArrayList<>(e.given());
      names.addAll(e.files());
      for (String n : names) {
        if (!n.endsWith(".java")) {
          continue;
        }
        Exercise first = owner.putIfAbsent(n, e);
        if (first != null && first != e) {
          problems.add(Problem.inFile(e.definition(), "class " + n.replace(".java", "")
              + " (" + n + ") is also in exercise '" + first.id() + "': the workspace compiles"
              + " all exercises together, so class names must be unique across the course;"
              + " rename one (prefix it with the exercise or system, as in QuorumReplica)"));
        }
      }
    }
  }

  private void checkRequires(Map<String, Exercise> byId) {
    for (Exercise e : byId.values()) {
      for (String r : e.requires()) {
        if (!byId.containsKey(r)) {
          String close = Suggest.closest(r, byId.keySet());
          problems.add(Problem.inFile(e.definition(), "requires '" + r
              + "', which is not an exercise of this course"
              + (close != null ? "; did you mean '" + close + "'?" : "")));
        }
      }
    }
    // Depth-first search for a cycle among prerequisites.
    Map<String, Integer> state = new HashMap<>();
    for (String id : byId.keySet()) {
      List<String> path = new ArrayList<>();
      if (cycle(id, byId, state, path)) {
        Exercise first = byId.get(path.get(0));
        problems.add(Problem.inFile(first.definition(), "prerequisites form a cycle: "
            + String.join(" -> ", path) + "; remove one of these 'requires'"));
        return;
      }
    }
  }

  private static boolean cycle(String id, Map<String, Exercise> byId, Map<String, Integer> state,
      List<String> path) {
    Integer s = state.get(id);
    if (s != null && s == 2) {
      return false;
    }
    path.add(id);
    if (s != null && s == 1) {
      path.subList(0, path.indexOf(id)).clear();
      return true;
    }
    state.put(id, 1);
    Exercise e = byId.get(id);
    if (e != null) {
      for (String r : e.requires()) {
        if (byId.containsKey(r) && cycle(r, byId, state, path)) {
          return true;
        }
      }
    }
    state.put(id, 2);
    path.remove(path.size() - 1);
    return false;
  }
}
