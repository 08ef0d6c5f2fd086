package dstutor.progress;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The learner's progress on disk, in {@code DSTUTOR_HOME/progress.json}: versioned JSON, written
 * to a temporary file and renamed into place, so a crash never leaves half a file. A file that
 * cannot be read is moved aside (never silently replaced) and the learner is told where it went.
 */
public final class ProgressStore {
  static final int VERSION = 1;
  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;
  private final List<String> warnings = new ArrayList<>();

  public ProgressStore(Path home) {
    this.file = home.resolve("progress.json");
  }

  public Path file() {
    return file;
  }

  /** Messages for the learner about the last load (a damaged file moved aside). */
  public List<String> warnings() {
    return warnings;
  }

  public Progress load() throws IOException {
    AtomicFile.removeLeftovers(file);
    if (!Files.exists(file)) {
      return new Progress();
    }
    try {
      return parse();
    } catch (IOException | RuntimeException e) {
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      Path aside = AtomicFile.moveAside(file, stamp);
      warnings.add("your progress file " + file + " could not be read (" + AtomicFile.why(e)
          + "); it was moved to " + aside + " and dstutor starts with fresh progress. If you"
          + " can repair it, move it back while dstutor is not running.");
      return new Progress();
    }
  }

  private Progress parse() throws IOException {
    Progress p = new Progress();
    int version = -1;
    try (JsonParser in = JSON.createParser(file.toFile())) {
      expect(in.nextToken(), JsonToken.START_OBJECT, "the file is not a JSON object");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String name = in.currentName();
        JsonToken t = in.nextToken();
        switch (name) {
          case "version":
            version = in.getIntValue();
            break;
          case "current":
            p.setCurrent(t == JsonToken.VALUE_NULL ? null : in.getText());
            break;
          case "exercises":
            expect(t, JsonToken.START_OBJECT, "'exercises' is not an object");
            while (in.nextToken() == JsonToken.FIELD_NAME) {
              String id = in.currentName();
              expect(in.nextToken(), JsonToken.START_OBJECT, "exercise '" + id
                  + "' is not an object");
              readState(in, p.of(id));
            }
            break;
          default:
            in.skipChildren();
        }
      }
      if (in.currentToken() != JsonToken.END_OBJECT || in.nextToken() != null) {
        throw new IOException("unexpected content after the JSON object");
      }
    }
    if (version != VERSION) {
      throw new IOException(version < 0 ? "it has no version" : "it is version " + version
          + ", this dstutor reads version " + VERSION);
    }
    return p;
  }

  private static void readState(JsonParser in, Progress.ExerciseState s) throws IOException {
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String name = in.currentName();
      in.nextToken();
      switch (name) {
        case "submits" -> s.submits = in.getIntValue();
        case "passed" -> s.passed = in.getBooleanValue();
        case "firstPassSubmit" -> s.firstPassSubmit = in.getIntValue();
        case "hintsShown" -> s.hintsShown = in.getIntValue();
        case "lastStatus" -> s.lastStatus = in.getValueAsString();
        case "lastFailing" -> s.lastFailing = in.getIntValue();
        default -> in.skipChildren();
      }
    }
  }

  private static void expect(JsonToken got, JsonToken want, String message) throws IOException {
    if (got != want) {
      throw new IOException(message);
    }
  }

  /** Writes atomically: a temporary file in the same folder, then a rename over the old one. */
  public void save(Progress p) throws IOException {
    AtomicFile.write(file, os -> {
      try (JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeNumberField("version", VERSION);
        if (p.current() != null) {
          g.writeStringField("current", p.current());
        }
        g.writeObjectFieldStart("exercises");
        for (var e : p.all().entrySet()) {
          Progress.ExerciseState s = e.getValue();
          g.writeObjectFieldStart(e.getKey());
          g.writeNumberField("submits", s.submits);
          g.writeBooleanField("passed", s.passed);
          g.writeNumberField("firstPassSubmit", s.firstPassSubmit);
          g.writeNumberField("hintsShown", s.hintsShown);
          if (s.lastStatus != null) {
            g.writeStringField("lastStatus", s.lastStatus);
          }
          g.writeNumberField("lastFailing", s.lastFailing);
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
      }
    });
  }
}
