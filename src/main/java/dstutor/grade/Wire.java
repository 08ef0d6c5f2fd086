package dstutor.grade;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dstutor.grade.InMemoryCompiler.Source;
import dstutor.grade.Verdict.CompileError;
import dstutor.grade.Verdict.Status;
import dstutor.grade.Verdict.TestResult;
import dstutor.grade.WorkerProtocol.Request;
import dstutor.grade.WorkerProtocol.Result;
import dstutor.grade.WorkerProtocol.Started;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one format spoken between dstutor's processes: the command line and its grading server, and
 * a grader and its worker JVM. Each message is one JSON object, {@code {"v": 1, "type": ..., "body":
 * {...}}}, followed by a newline. A reader takes only version {@value #VERSION}, the types it asks
 * for and the fields it knows; anything else is a {@link WireException} that says what was wrong,
 * never an object built from untrusted bytes (the worker runs learner code, which can write to the
 * worker's standard output).
 */
public final class Wire {
  /** The format's version; a reader refuses any other. */
  public static final int VERSION = 1;

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(16)
          .maxStringLength(64 << 20)
          .maxNumberLength(24)
          .build())
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .build();

  private Wire() {}

  /** A message that is not one this side understands. */
  public static final class WireException extends IOException {
    private static final long serialVersionUID = 1L;

    public WireException(String message) {
      super(message);
    }
  }

  /** Writes messages to a stream, one per line. Not thread-safe: callers synchronise. */
  public static final class Writer {
    private final OutputStream out;

    public Writer(OutputStream out) {
      this.out = out;
    }

    public void job(GradeJob job) throws IOException {
      write("job", g -> writeJob(g, job));
    }

    public void verdict(Verdict v) throws IOException {
      write("verdict", g -> writeVerdict(g, v, true));
    }

    /** The server's answer to a message it could not take. */
    public void error(String message) throws IOException {
      write("error", g -> {
        g.writeStartObject();
        g.writeStringField("message", message);
        g.writeEndObject();
      });
    }

    public void command(Command c) throws IOException {
      write("command", g -> {
        g.writeStartObject();
        g.writeArrayFieldStart("args");
        for (String a : c.args()) {
          g.writeString(a);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("env");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(c.env()).entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeBooleanField("color", c.color());
        g.writeBooleanField("interactive", c.interactive());
        g.writeNumberField("lines", c.lines());
        g.writeNumberField("columns", c.columns());
        g.writeEndObject();
      });
    }

    public void output(Output o) throws IOException {
      write("output", g -> {
        g.writeStartObject();
        g.writeNumberField("code", o.code());
        g.writeStringField("out", o.out());
        g.writeStringField("err", o.err());
        g.writeEndObject();
      });
    }

    void request(Request r) throws IOException {
      write("run", g -> writeRequest(g, r));
    }

    void started(Started s) throws IOException {
      write("started", g -> {
        g.writeStartObject();
        g.writeStringField("test", s.test());
        g.writeStringField("hint", s.hint());
        g.writeBooleanField("sideBySide", s.sideBySide());
        g.writeEndObject();
      });
    }

    void result(Result r) throws IOException {
      write("result", g -> writeResult(g, r));
    }

    private void write(String type, Body body) throws IOException {
      JsonGenerator g = JSON.createGenerator(out);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeNumberField("v", VERSION);
      g.writeStringField("type", type);
      g.writeFieldName("body");
      body.write(g);
      g.writeEndObject();
      g.writeRaw('\n');
      g.flush();
    }
  }

  /** Reads messages from a stream, one after the other. */
  public static final class Reader implements AutoCloseable {
    private final JsonParser p;

    public Reader(InputStream in) throws IOException {
      this.p = JSON.createParser(in);
    }

    /**
     * The next message, as one of {@code types}; null at the end of the stream. Throws a
     * {@link WireException} for anything else (bad JSON, another version, another type, a missing
     * or unknown field).
     */
    public Object next(String... types) throws IOException {
      JsonToken t;
      try {
        t = p.nextToken();
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new WireException("not a dstutor message: " + cap(e.getOriginalMessage()));
      }
      if (t == null) {
        return null;
      }
      Obj envelope;
      try {
        envelope = new Obj("message", readObject(p, t));
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new WireException("not a dstutor message: " + cap(e.getOriginalMessage()));
      }
      Object v = envelope.raw("v");
      if (!(v instanceof Long n) || n != VERSION) {
        throw new WireException("a message of version " + shorten(String.valueOf(v))
            + "; this side speaks version " + VERSION + " (is another dstutor installed?)");
      }
      String type = envelope.string("type");
      if (!List.of(types).contains(type)) {
        throw new WireException("a message of type '" + shorten(type) + "' where "
            + String.join(" or ", types) + " was expected");
      }
      Obj body = envelope.obj("body");
      envelope.done();
      Object message = switch (type) {
        case "job" -> readJob(body);
        case "verdict" -> readVerdict(body);
        case "error" -> new Error(body.string("message"));
        case "command" -> readCommand(body);
        case "output" -> new Output((int) body.longValue("code"), body.string("out"),
            body.string("err"));
        case "run" -> readRequest(body);
        case "started" -> new Started(body.stringOrNull("test"), body.stringOrNull("hint"),
            body.bool("sideBySide"));
        case "result" -> readResult(body);
        default -> throw new WireException("no such message type: " + shorten(type));
      };
      body.done();
      return message;
    }

    @Override
    public void close() throws IOException {
      p.close();
    }
  }

  /** A peer's refusal, with its reason. */
  public record Error(String message) {}

  /**
   * A command line for the server to run as the client would have: its arguments, its
   * environment, and what the client knows of its terminal.
   */
  public record Command(List<String> args, Map<String, String> env, boolean color,
      boolean interactive, int lines, int columns) {
    public Command {
      args = List.copyOf(args);
      env = Map.copyOf(env);
    }
  }

  /** What a command printed, and its exit code. */
  public record Output(int code, String out, String err) {}

  /** The verdict as {@code submit --json} prints it (and class grading records it). */
  public static String verdictJson(Verdict v) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      writeVerdict(g, v, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Writes the fields of {@code submit --json} into an object already started by the caller. */
  public static void verdictFields(JsonGenerator g, Verdict v) throws IOException {
    verdictFields(g, v, false);
  }

  // ---- encoding

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static void writeVerdict(JsonGenerator g, Verdict v, boolean wire) throws IOException {
    g.writeStartObject();
    verdictFields(g, v, wire);
    g.writeEndObject();
  }

  private static void verdictFields(JsonGenerator g, Verdict v, boolean wire) throws IOException {
    g.writeStringField("exercise", v.exercise());
    g.writeStringField("status", v.status().json());
    g.writeNumberField("passed", v.passed());
    g.writeNumberField("failed", v.failed());
    g.writeNumberField("millis", v.millis());
    writeLong(g, "seed", v.seed());
    writeTests(g, v.tests());
    if (wire || !v.compileErrors().isEmpty()) {
      g.writeArrayFieldStart("errors");
      for (CompileError e : v.compileErrors()) {
        g.writeStartObject();
        g.writeStringField("file", e.file());
        g.writeNumberField("line", e.line());
        g.writeNumberField("column", e.column());
        g.writeStringField("message", e.message());
        if (wire) {
          g.writeStringField("source", e.sourceLine());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (wire || v.message() != null) {
      g.writeStringField("message", v.message());
    }
  }

  private static void writeTests(JsonGenerator g, List<TestResult> tests) throws IOException {
    g.writeArrayFieldStart("tests");
    for (TestResult t : tests) {
      g.writeStartObject();
      g.writeStringField("name", t.name());
      g.writeStringField("status", t.status());
      g.writeStringField("message", t.message());
      g.writeStringField("hint", t.hint());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeLong(JsonGenerator g, String name, Long value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value);
    } else {
      g.writeNullField(name);
    }
  }

  private static void writeStrings(JsonGenerator g, String name,
      java.util.Collection<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String s : values) {
      g.writeString(s);
    }
    g.writeEndArray();
  }

  private static void writeJob(JsonGenerator g, GradeJob job) throws IOException {
    g.writeStartObject();
    g.writeStringField("exercise", job.exercise());
    g.writeStringField("suiteClass", job.suiteClass());
    writeStrings(g, "learnerFiles", job.learnerFiles());
    writeLong(g, "seed", job.seed());
    g.writeNumberField("testSeconds", job.testSeconds());
    g.writeNumberField("totalSeconds", job.totalSeconds());
    g.writeNumberField("memoryMb", job.memoryMb());
    g.writeBooleanField("full", job.full());
    g.writeArrayFieldStart("sources");
    for (Source s : job.sources()) {
      g.writeStartObject();
      g.writeStringField("file", s.fileName());
      g.writeStringField("path", s.displayPath());
      g.writeStringField("text", s.text());
      g.writeBooleanField("visible", s.visible());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeRequest(JsonGenerator g, Request r) throws IOException {
    g.writeStartObject();
    g.writeStringField("exercise", r.exercise());
    g.writeStringField("suiteClass", r.suiteClass());
    g.writeObjectFieldStart("classes");
    Base64.Encoder b64 = Base64.getEncoder();
    for (Map.Entry<String, byte[]> c : r.classes().entrySet()) {
      g.writeStringField(c.getKey(), b64.encodeToString(c.getValue()));
    }
    g.writeEndObject();
    writeStrings(g, "learnerFiles", r.learnerFiles());
    writeStrings(g, "learnerClasses", r.learnerClasses());
    writeLong(g, "seed", r.seed());
    g.writeNumberField("testSeconds", r.testSeconds());
    g.writeNumberField("memoryMb", r.memoryMb());
    g.writeBooleanField("full", r.full());
    g.writeBooleanField("oneAtATime", r.oneAtATime());
    g.writeEndObject();
  }

  private static void writeResult(JsonGenerator g, Result r) throws IOException {
    g.writeStartObject();
    g.writeStringField("status", r.status().json());
    writeTests(g, r.tests());
    g.writeStringField("message", r.message());
    writeLong(g, "seed", r.seed());
    g.writeBooleanField("reusable", r.reusable());
    g.writeEndObject();
  }

  // ---- decoding

  private static GradeJob readJob(Obj o) throws WireException {
    List<Source> sources = new ArrayList<>();
    for (Obj s : o.objs("sources")) {
      sources.add(new Source(s.string("file"), s.string("path"), s.string("text"),
          s.bool("visible")));
      s.done();
    }
    return new GradeJob(o.string("exercise"), sources, o.string("suiteClass"),
        new LinkedHashSet<>(o.strings("learnerFiles")), o.longOrNull("seed"),
        o.positiveInt("testSeconds"), o.positiveInt("totalSeconds"), o.positiveInt("memoryMb"),
        o.bool("full"));
  }

  private static Verdict readVerdict(Obj o) throws WireException {
    String exercise = o.string("exercise");
    Status status = status(o.string("status"));
    o.raw("passed");
    o.raw("failed");
    long millis = o.longValue("millis");
    Long seed = o.longOrNull("seed");
    List<TestResult> tests = tests(o);
    List<CompileError> errors = new ArrayList<>();
    for (Obj e : o.objs("errors")) {
      errors.add(new CompileError(e.string("file"), e.longValue("line"), e.longValue("column"),
          e.stringOrNull("source") == null ? "" : e.stringOrNull("source"),
          e.string("message")));
      e.done();
    }
    return new Verdict(exercise, status, tests, errors, o.stringOrNull("message"), seed, millis);
  }

  private static Command readCommand(Obj o) throws WireException {
    Map<String, String> env = new LinkedHashMap<>();
    Obj e = o.obj("env");
    for (String k : e.keys()) {
      env.put(k, e.string(k));
    }
    e.done();
    return new Command(o.strings("args"), env, o.bool("color"), o.bool("interactive"),
        o.positiveInt("lines"), o.positiveInt("columns"));
  }

  private static Request readRequest(Obj o) throws WireException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    Obj c = o.obj("classes");
    Base64.Decoder b64 = Base64.getDecoder();
    for (String name : c.keys()) {
      try {
        classes.put(name, b64.decode(c.string(name)));
      } catch (IllegalArgumentException e) {
        throw new WireException("class " + shorten(name) + " is not base64");
      }
    }
    c.done();
    return new Request(o.string("exercise"), o.string("suiteClass"), classes,
        new LinkedHashSet<>(o.strings("learnerFiles")),
        new LinkedHashSet<>(o.strings("learnerClasses")), o.longOrNull("seed"),
        o.positiveInt("testSeconds"), (int) o.longValue("memoryMb"), o.bool("full"),
        o.bool("oneAtATime"));
  }

  private static Result readResult(Obj o) throws WireException {
    return new Result(status(o.string("status")), tests(o), o.stringOrNull("message"),
        o.longOrNull("seed"), o.bool("reusable"));
  }

  private static List<TestResult> tests(Obj o) throws WireException {
    List<TestResult> tests = new ArrayList<>();
    for (Obj t : o.objs("tests")) {
      tests.add(new TestResult(t.string("name"), t.string("status"), t.stringOrNull("message"),
          t.stringOrNull("hint")));
      t.done();
    }
    return tests;
  }

  private static Status status(String s) throws WireException {
    for (Status st : Status.values()) {
      if (st.json().equals(s)) {
        return st;
      }
    }
    throw new WireException("no such status: " + shorten(s));
  }

  /** A JSON object read whole, with typed access that says which field was wrong. */
  private static final class Obj {
    private final String where;
    private final Map<String, Object> fields;
    private final Set<String> used = new LinkedHashSet<>();

    @SuppressWarnings("unchecked")
    Obj(String where, Object value) throws WireException {
      if (!(value instanceof Map)) {
        throw new WireException(where + " is not a JSON object");
      }
      this.where = where;
      this.fields = (Map<String, Object>) value;
    }

    Set<String> keys() {
      return fields.keySet();
    }

    Object raw(String name) throws WireException {
      if (!fields.containsKey(name)) {
        throw new WireException(where + " has no field '" + name + "'");
      }
      used.add(name);
      return fields.get(name);
    }

    String stringOrNull(String name) throws WireException {
      Object v = raw(name);
      if (v != null && !(v instanceof String)) {
        throw new WireException(where + "." + name + " is not a string");
      }
      return (String) v;
    }

    String string(String name) throws WireException {
      String s = stringOrNull(name);
      if (s == null) {
        throw new WireException(where + "." + name + " is null");
      }
      return s;
    }

    boolean bool(String name) throws WireException {
      if (!(raw(name) instanceof Boolean b)) {
        throw new WireException(where + "." + name + " is not true or false");
      }
      return b;
    }

    Long longOrNull(String name) throws WireException {
      Object v = raw(name);
      if (v != null && !(v instanceof Long)) {
        throw new WireException(where + "." + name + " is not a whole number");
      }
      return (Long) v;
    }

    long longValue(String name) throws WireException {
      Long v = longOrNull(name);
      if (v == null) {
        throw new WireException(where + "." + name + " is null");
      }
      return v;
    }

    int positiveInt(String name) throws WireException {
      long v = longValue(name);
      if (v < 1 || v > Integer.MAX_VALUE) {
        throw new WireException(where + "." + name + " is out of range: " + v);
      }
      return (int) v;
    }

    Obj obj(String name) throws WireException {
      return new Obj(where + "." + name, raw(name));
    }

    List<Obj> objs(String name) throws WireException {
      if (!(raw(name) instanceof List<?> list)) {
        throw new WireException(where + "." + name + " is not a list");
      }
      List<Obj> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(new Obj(where + "." + name + "[" + i + "]", list.get(i)));
      }
      return out;
    }

    List<String> strings(String name) throws WireException {
      if (!(raw(name) instanceof List<?> list)) {
        throw new WireException(where + "." + name + " is not a list");
      }
      List<String> out = new ArrayList<>();
      for (Object s : list) {
        if (!(s instanceof String str)) {
          throw new WireException(where + "." + name + " holds something not a string");
        }
        out.add(str);
      }
      return out;
    }

    /** Refuses fields this side does not know. */
    void done() throws WireException {
      for (String k : fields.keySet()) {
        if (!used.contains(k)) {
          throw new WireException(where + " has an unknown field '" + shorten(k) + "'");
        }
      }
    }
  }

  /** Reads one JSON value whose first token is {@code t}: maps, lists, strings, longs, booleans. */
  private static Object readObject(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      throw new WireException("not a dstutor message: it ends in the middle");
    }
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
          if (n != JsonToken.FIELD_NAME) {
            throw new WireException("not a dstutor message: bad object");
          }
          String name = p.currentName();
          if (m.containsKey(name)) {
            throw new WireException("field '" + shorten(name) + "' appears twice");
          }
          m.put(name, readObject(p, p.nextToken()));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
          l.add(readObject(p, n));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() != JsonParser.NumberType.INT
            && p.getNumberType() != JsonParser.NumberType.LONG) {
          throw new WireException("a number too large");
        }
        return p.getLongValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new WireException("not a dstutor message: unexpected "
          + String.valueOf(t).toLowerCase(Locale.ROOT));
    }
  }

  private static String cap(String s) {
    String line = s == null ? "" : s.lines().findFirst().orElse("");
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }

  static String shorten(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 60 ? s : s.substring(0, 60) + "... (" + s.length() + " chars)";
  }
}
