package dstutor.drill;

import dstutor.course.LinkCheck;
import dstutor.yaml.Caps;
import dstutor.yaml.Fields;
import dstutor.yaml.Problem;
import dstutor.yaml.ProblemsException;
import dstutor.yaml.Suggest;
import dstutor.yaml.YNode;
import dstutor.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads {@code content/drills/*.yaml} (format: spec/formats.md, "Drills") into {@link Drill}s,
 * collecting every problem with file:line:column instead of stopping at the first, so that a
 * course author sees them all in one {@code course check}. Links and exercise ids are checked only
 * when asked ({@link #check}); a run loads one drill without following links.
 */
public final class DrillLoader {
  static final Set<String> DRILL_KEYS = keys("id", "title", "minutes", "systems", "prompt",
      "phases", "curveballs", "rubric", "checklist", "outline", "sources");
  static final Set<String> PHASE_KEYS = keys("id", "title", "at", "minutes", "prompt",
      "questions", "estimates");
  static final Set<String> ESTIMATE_KEYS = keys("id", "ask", "estimate", "working");
  static final Set<String> ESTIMATE_VALUE_KEYS = keys("answer", "unit", "within");
  static final Set<String> CURVEBALL_KEYS = keys("at", "text", "concepts");
  static final Set<String> CONCEPT_KEYS = keys("id", "concept", "phases", "weight", "phrases",
      "read", "exercise");
  /** Phase ids a drill may use, in the order its phases must follow. */
  public static final List<String> PHASE_IDS = List.of("requirements", "estimates", "api",
      "data-model", "high-level-design", "deep-dives", "failures");

  private final Path root;
  private final LinkCheck links;
  private final Set<String> exercises;
  private final List<Problem> problems = new ArrayList<>();

  /** The drills that loaded whole, and every problem found (a drill with problems is left out). */
  public record Loaded(List<Drill> drills, List<Problem> problems) {
    public Loaded {
      drills = List.copyOf(drills);
      problems = List.copyOf(problems);
    }
  }

  private DrillLoader(Path root, LinkCheck links, Set<String> exercises) {
    this.root = root.toAbsolutePath().normalize();
    this.links = links;
    this.exercises = exercises;
  }

  /** The folder of a course's drills. */
  public static Path dir(Path courseRoot) {
    return courseRoot.resolve("content").resolve("drills");
  }

  /** Every drill, for listing and running: links and exercise ids are not followed. */
  public static Loaded load(Path courseRoot) {
    return new DrillLoader(courseRoot, null, null).all();
  }

  /**
   * Every drill with every check, for {@code course check}: {@code links} says whether a {@code
   * read:} link resolves, {@code exercises} are the course's exercise ids.
   */
  public static Loaded check(Path courseRoot, LinkCheck links, Set<String> exercises) {
    return new DrillLoader(courseRoot, links, exercises).all();
  }

  /** One drill by id, for a run; a missing or broken file throws with its problems. */
  public static Drill one(Path courseRoot, String id) throws ProblemsException {
    Path file = dir(courseRoot).resolve(id + ".yaml");
    if (!Files.isRegularFile(file)) {
      throw new ProblemsException(Problem.inFile(file, "no drill '" + id + "'"));
    }
    DrillLoader l = new DrillLoader(courseRoot, null, null);
    Drill d = l.read(file);
    if (d == null || !l.problems.isEmpty()) {
      throw new ProblemsException(l.problems);
    }
    return d;
  }

  /** The drill ids (file names) in a course, sorted, without reading the files. */
  public static List<String> ids(Path courseRoot) {
    Path dir = dir(courseRoot);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private Loaded all() {
    List<Drill> drills = new ArrayList<>();
    for (String id : ids(root)) {
      Drill d = read(dir(root).resolve(id + ".yaml"));
      if (d != null) {
        drills.add(d);
      }
    }
    return new Loaded(drills, problems);
  }

  private Drill read(Path file) {
    YNode doc;
    try {
      doc = YamlReader.readYaml(file);
    } catch (ProblemsException e) {
      problems.addAll(e.problems());
      return null;
    }
    int before = problems.size();
    String name = file.getFileName().toString();
    name = name.substring(0, name.length() - ".yaml".length());
    Fields f = new Fields(doc, "a drill", problems);
    f.rejectUnknown(DRILL_KEYS);
    String id = f.string("id", true);
    if (id != null && !id.equals(name)) {
      problems.add(Problem.at(f.locOf("id"), "id '" + id + "' differs from the file name '"
          + name + ".yaml'; make them equal"));
    }
    String title = capped(f, text(f, "title"), "title");
    int minutes = f.integer("minutes", 1, 600, 45, true);
    List<String> systems = f.strings("systems", false);
    if (links != null) {
      for (String s : systems) {
        if (!Files.isRegularFile(root.resolve("content/systems/" + s + ".md"))) {
          problems.add(Problem.at(f.locOf("systems"), "'" + s + "' in 'systems' has no page"
              + " content/systems/" + s + ".md"));
        }
      }
    }
    String prompt = text(f, "prompt");
    List<Phase> phases = new PhaseReader(problems, (pf, t) -> capped(pf, t, "title"))
        .read(f, minutes);
    Set<String> phaseIds = new HashSet<>();
    phases.forEach(p -> phaseIds.add(p.id()));
    List<Concept> rubric = readRubric(f, phaseIds);
    Set<String> conceptIds = new HashSet<>();
    rubric.forEach(c -> conceptIds.add(c.id()));
    List<Curveball> curveballs = readCurveballs(f, minutes, conceptIds);
    List<String> checklist = f.strings("checklist", true);
    count(f, "checklist", checklist.size(), 4, 8);
    for (int i = 0; i < checklist.size(); i++) {
      if (checklist.get(i).isBlank()) {
        problems.add(Problem.at(f.nodes("checklist", false).get(i).loc(), "empty checklist item"));
      }
    }
    String outline = text(f, "outline");
    if (outline != null) {
      long lines = outline.lines().count();
      if (lines < 20 || lines > 60) {
        problems.add(Problem.at(f.locOf("outline"), "the outline has " + lines + " lines; write"
            + " 20 to 60 that cover every phase and every rubric concept"));
      }
    }
    if (outline != null) {
      // The outline is the model answer: it must earn full coverage, or the rubric's phrases and
      // the outline's wording disagree.
      for (Concept c : rubric) {
        if (c.phrases().stream().noneMatch(p -> Phrases.mentions(outline, p))) {
          problems.add(Problem.at(f.locOf("outline"), "the outline mentions no phrase of concept '"
              + c.id() + "' (" + String.join(", ", c.phrases()) + "); the model outline covers"
              + " every rubric concept"));
        }
      }
    }
    List<String> sources = f.strings("sources", true);
    if (sources.isEmpty() && f.map().get("sources") != null) {
      problems.add(Problem.at(f.locOf("sources"), "'sources' is empty; list what the facts were"
          + " checked against"));
    }
    if (problems.size() > before) {
      return null;
    }
    return new Drill(id, title, minutes, systems, prompt, phases, curveballs, rubric, checklist,
        outline, sources, file);
  }

  private List<Concept> readRubric(Fields f, Set<String> phaseIds) {
    List<Concept> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<YNode> nodes = f.nodes("rubric", true);
    count(f, "rubric", nodes.size(), 8, 14);
    for (YNode n : nodes) {
      Fields c = new Fields(n, "a rubric concept", problems);
      c.rejectUnknown(CONCEPT_KEYS);
      String id = c.string("id", true);
      if (id != null && !ids.add(id)) {
        problems.add(Problem.at(c.locOf("id"), "rubric concept id '" + id + "' is used twice"));
      }
      String concept = text(c, "concept");
      List<String> phases = c.strings("phases", true);
      List<YNode> phaseNodes = c.nodes("phases", false);
      if (phases.isEmpty() && c.map().get("phases") != null) {
        problems.add(Problem.at(c.locOf("phases"), "'phases' is empty; name at least one phase"
            + " where this concept is expected"));
      }
      for (int i = 0; i < phases.size(); i++) {
        if (!phaseIds.contains(phases.get(i))) {
          problems.add(Problem.at(phaseNodes.get(i).loc(), "concept '" + id + "' names phase '"
              + phases.get(i) + "', which is not a phase of this drill" + didYouMean(phases.get(i),
              phaseIds)));
        }
      }
      int weight = c.integer("weight", 1, 5, 1, true);
      List<String> phrases = c.strings("phrases", true);
      List<YNode> phraseNodes = c.nodes("phrases", false);
      if (phrases.isEmpty() && c.map().get("phrases") != null) {
        problems.add(Problem.at(c.locOf("phrases"), "'phrases' is empty; list the words that"
            + " count as mentioning this concept"));
      }
      // "write-ahead log" and "write ahead log" match the same words; listing both is harmless
      // (authors write the forms learners type), so only a phrase without words is a problem.
      for (int i = 0; i < phrases.size(); i++) {
        if (Phrases.words(phrases.get(i)).isEmpty()) {
          problems.add(Problem.at(phraseNodes.get(i).loc(), "an empty phrase in concept '" + id
              + "'; a phrase needs at least one word"));
        }
      }
      String read = c.string("read", true);
      if (read != null && links != null) {
        String bad = links.problem(root, read);
        if (bad != null) {
          problems.add(Problem.at(c.locOf("read"), bad.replaceFirst("^see: ", "read: ")));
        }
      }
      String exercise = c.string("exercise", false);
      if (exercise != null && exercises != null && !exercises.contains(exercise)) {
        problems.add(Problem.at(c.locOf("exercise"), "exercise '" + exercise + "' is not in the"
            + " course" + didYouMean(exercise, exercises)));
      }
      out.add(new Concept(id, concept, phases, weight, phrases, read, exercise));
    }
    return out;
  }

  private List<Curveball> readCurveballs(Fields f, int minutes, Set<String> conceptIds) {
    List<Curveball> out = new ArrayList<>();
    List<YNode> nodes = f.nodes("curveballs", true);
    count(f, "curveballs", nodes.size(), 2, 3);
    for (YNode n : nodes) {
      Fields c = new Fields(n, "a curveball", problems);
      c.rejectUnknown(CURVEBALL_KEYS);
      int at = c.integer("at", 0, Integer.MAX_VALUE, 0, true);
      if (at <= 0 || at >= minutes) {
        problems.add(Problem.at(c.locOf("at"), "curveball at minute " + at + " is outside the"
            + " drill's " + minutes + " minutes; pick a minute from 1 to " + (minutes - 1)));
      }
      String text = text(c, "text");
      List<String> concepts = c.strings("concepts", false);
      List<YNode> conceptNodes = c.nodes("concepts", false);
      for (int i = 0; i < concepts.size(); i++) {
        if (!conceptIds.contains(concepts.get(i))) {
          problems.add(Problem.at(conceptNodes.get(i).loc(), "curveball names concept '"
              + concepts.get(i) + "', which is not in the rubric" + didYouMean(concepts.get(i),
              conceptIds)));
        }
      }
      out.add(new Curveball(at, text, concepts));
    }
    return out;
  }

  /** A required text that must not be blank. */
  /**
   * A title cut to {@link Caps#TITLE} for showing; one over it is reported by a check (links
   * set), and shown cut in use.
   */
  private String capped(Fields f, String title, String key) {
    if (title != null && title.length() > Caps.TITLE && links != null) {
      problems.add(Problem.at(f.locOf(key), "the " + key + " '" + title + "' is over "
          + Caps.TITLE + " characters, and shown cut; shorten it"));
    }
    return Caps.clip(title, Caps.TITLE);
  }

  private String text(Fields f, String key) {
    String s = f.string(key, true);
    if (s != null && s.isBlank()) {
      problems.add(Problem.at(f.locOf(key), "'" + key + "' is empty; write it"));
    }
    return s;
  }

  private void count(Fields f, String key, int n, int min, int max) {
    if (f.map().get(key) != null && (n < min || n > max)) {
      problems.add(Problem.at(f.locOf(key), "'" + key + "' has " + n + " item(s); a drill has "
          + min + " to " + max));
    }
  }

  static String didYouMean(String typed, Set<String> known) {
    String close = Suggest.closest(typed, known);
    return close != null ? "; did you mean '" + close + "'?" : "";
  }

  private static Set<String> keys(String... k) {
    return new LinkedHashSet<>(List.of(k));
  }
}
