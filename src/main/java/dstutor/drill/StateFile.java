package dstutor.drill;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dstutor.drill.RunState.End;
import dstutor.drill.RunState.EstimateAnswer;
import dstutor.drill.RunState.PhaseRecord;
import dstutor.drill.Summary.ConceptResult;
import dstutor.progress.AtomicFile;
import dstutor.yaml.ProblemsException;
import dstutor.yaml.YNode;
import dstutor.yaml.YNode.YList;
import dstutor.yaml.YNode.YMap;
import dstutor.yaml.YNode.YScalar;
import dstutor.yaml.YamlReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's folder, {@code DSTUTOR_HOME/drills/<yyyyMMdd-HHmmss>-<id>/}: {@code state.json}
 * (versioned JSON, written to a temporary file and renamed into place, so a crash never leaves half
 * a file) and, once finished, {@code report.md}. A file that cannot be read is reported and left
 * where it is; nothing here deletes a learner's answers.
 */
public final class StateFile {
  static final int VERSION = 1;
  public static final String STATE = "state.json";
  public static final String REPORT = "report.md";
  static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final JsonFactory JSON = new JsonFactory();

  private StateFile() {}

  /** What a state file held: the run and the summary saved with it. */
  public record Saved(RunState state, Summary summary) {}

  /** A state file that cannot be read; the message names it and says what to do. */
  public static final class DamagedException extends Exception {
    private static final long serialVersionUID = 1L;

    DamagedException(Path file, String why) {
      super("the drill state " + file + " cannot be read (" + why + "); it is left as it is."
          + " Start the drill again, or repair the file and run dstutor drill --resume.");
    }
  }

  public static Path drillsDir(Path home) {
    return home.resolve("drills");
  }

  /** A new, empty run folder named after the start time and the drill. */
  public static Path newRunDir(Path home, String drillId, LocalDateTime started)
      throws IOException {
    String base = started.format(FOLDER) + "-" + drillId;
    Path dir = drillsDir(home).resolve(base);
    for (int n = 2; Files.exists(dir); n++) {
      dir = drillsDir(home).resolve(base + "-" + n);
    }
    Files.createDirectories(dir);
    return dir;
  }

  public static void save(Path dir, RunState s, Drill drill) throws IOException {
    Summary summary = Summary.of(drill, s);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("version", VERSION);
      g.writeStringField("drill", s.drillId);
      g.writeStringField("title", s.title);
      g.writeStringField("started", s.started);
      g.writeNumberField("minutes", s.minutes);
      g.writeNumberField("elapsedMillis", s.elapsed);
      g.writeNumberField("phase", s.phase);
      g.writeBooleanField("finished", s.finished);
      if (s.endReason != null) {
        g.writeStringField("endReason", s.endReason);
      }
      g.writeArrayFieldStart("phases");
      for (PhaseRecord p : s.phases) {
        g.writeStartObject();
        g.writeStringField("id", p.id);
        g.writeNumberField("startedMillis", p.started);
        g.writeNumberField("endedMillis", p.ended);
        if (p.end != null) {
          g.writeStringField("end", p.end.name().toLowerCase(Locale.ROOT));
        }
        g.writeStringField("answer", p.answer);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("curveballsShown");
      for (Map.Entry<Integer, Long> e : s.curveballsShown.entrySet()) {
        g.writeNumberField(e.getKey().toString(), e.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("warnings");
      for (String w : s.warnings) {
        g.writeString(w);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("estimates");
      for (Map.Entry<String, EstimateAnswer> e : s.estimates.entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        g.writeStringField("typed", e.getValue().typed());
        g.writeNumberField("value", e.getValue().value());
        g.writeBooleanField("right", e.getValue().right());
        g.writeNumberField("atMillis", e.getValue().at());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeObjectFieldStart("summary");
      g.writeNumberField("coverage", summary.coverage());
      g.writeNumberField("plannedMillis", summary.plannedMillis());
      g.writeNumberField("usedMillis", summary.usedMillis());
      g.writeArrayFieldStart("concepts");
      for (ConceptResult c : summary.concepts()) {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("concept", c.concept());
        g.writeNumberField("weight", c.weight());
        g.writeStringField("read", c.read());
        if (c.exercise() != null) {
          g.writeStringField("exercise", c.exercise());
        }
        g.writeBooleanField("covered", c.covered());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
    write(dir.resolve(STATE), out.toString(StandardCharsets.UTF_8));
  }

  public static void writeReport(Path dir, String markdown) throws IOException {
    write(dir.resolve(REPORT), markdown);
  }

  /** Writes atomically: a temporary file in the same folder, then a rename over the old one. */
  private static void write(Path file, String text) throws IOException {
    AtomicFile.write(file, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static Saved load(Path dir) throws DamagedException {
    Path file = dir.resolve(STATE);
    YNode doc;
    try {
      doc = YamlReader.readJson(file);
    } catch (ProblemsException e) {
      throw new DamagedException(file, e.problems().get(0).message());
    }
    try {
      return read(doc);
    } catch (RuntimeException e) {
      throw new DamagedException(file, e.getMessage());
    }
  }

  private static Saved read(YNode doc) {
    YMap m = map(doc, "the file");
    int version = (int) num(m, "version");
    if (version != VERSION) {
      throw new IllegalStateException("it is version " + version + ", this dstutor reads version "
          + VERSION);
    }
    RunState s = new RunState();
    s.drillId = str(m, "drill");
    s.title = str(m, "title");
    s.started = str(m, "started");
    s.minutes = (int) num(m, "minutes");
    s.elapsed = (long) num(m, "elapsedMillis");
    s.phase = (int) num(m, "phase");
    s.finished = Boolean.parseBoolean(str(m, "finished"));
    s.endReason = m.get("endReason") == null ? null : str(m, "endReason");
    for (YNode n : list(m, "phases")) {
      YMap p = map(n, "a phase");
      PhaseRecord r = new PhaseRecord(str(p, "id"));
      r.started = (long) num(p, "startedMillis");
      r.ended = (long) num(p, "endedMillis");
      r.end = p.get("end") == null ? null
          : End.valueOf(str(p, "end").toUpperCase(Locale.ROOT));
      r.answer = str(p, "answer");
      s.phases.add(r);
    }
    if (s.minutes < 1 || s.phases.isEmpty() || s.phase < 0 || s.phase > s.phases.size()
        || (!s.finished && s.phase == s.phases.size())) {
      throw new IllegalStateException("its minutes, phases or current phase are out of range");
    }
    map(m.get("curveballsShown"), "curveballsShown").entries().forEach((k, e) ->
        s.curveballsShown.put(Integer.parseInt(k), (long) number(e.value())));
    list(m, "warnings").forEach(n -> s.warnings.add(text(n)));
    map(m.get("estimates"), "estimates").entries().forEach((k, e) -> {
      YMap a = map(e.value(), "an estimate");
      s.estimates.put(k, new EstimateAnswer(str(a, "typed"), num(a, "value"),
          Boolean.parseBoolean(str(a, "right")), (long) num(a, "atMillis")));
    });
    YMap sm = map(m.get("summary"), "summary");
    List<ConceptResult> concepts = new ArrayList<>();
    for (YNode n : list(sm, "concepts")) {
      YMap c = map(n, "a concept");
      concepts.add(new ConceptResult(str(c, "id"), str(c, "concept"), (int) num(c, "weight"),
          str(c, "read"), c.get("exercise") == null ? null : str(c, "exercise"),
          Boolean.parseBoolean(str(c, "covered"))));
    }
    Summary summary = new Summary((int) num(sm, "coverage"), (long) num(sm, "plannedMillis"),
        (long) num(sm, "usedMillis"), concepts);
    return new Saved(s, summary);
  }

  private static YMap map(YNode n, String what) {
    if (n instanceof YMap m) {
      return m;
    }
    throw new IllegalStateException(what + " is not an object");
  }

  private static List<YNode> list(YMap m, String key) {
    if (m.get(key) instanceof YList l) {
      return l.items();
    }
    throw new IllegalStateException("'" + key + "' is missing or not a list");
  }

  private static String str(YMap m, String key) {
    YNode n = m.get(key);
    if (n == null) {
      throw new IllegalStateException("'" + key + "' is missing");
    }
    return text(n);
  }

  private static String text(YNode n) {
    if (n instanceof YScalar s && s.text() != null) {
      return s.text();
    }
    throw new IllegalStateException("a value at line " + n.loc().line() + " is not text");
  }

  private static double num(YMap m, String key) {
    YNode n = m.get(key);
    if (n == null) {
      throw new IllegalStateException("'" + key + "' is missing");
    }
    return number(n);
  }

  private static double number(YNode n) {
    if (n instanceof YScalar s && (s.kind() == YScalar.Kind.INTEGER
        || s.kind() == YScalar.Kind.FLOAT)) {
      return Double.parseDouble(s.text());
    }
    throw new IllegalStateException("a value at line " + n.loc().line() + " is not a number");
  }
}
