package dstutor.quiz;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dstutor.progress.AtomicFile;
import dstutor.quiz.Reviews.CardState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The review state on disk, {@code DSTUTOR_HOME/reviews.json}: versioned JSON written to a
 * temporary file and renamed into place, as progress is. A file that cannot be read is moved
 * aside, never silently replaced, and the learner is told where it went.
 *
 * <p>A drill that missed concepts brings their topics forward with:
 * <pre>
 *   ReviewStore store = new ReviewStore(home, clock);
 *   Reviews reviews = store.load();
 *   reviews.bringForward(topics, clock.instant());
 *   store.save(reviews);
 * </pre>
 */
public final class ReviewStore {
  static final int VERSION = 1;
  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;
  private final Clock clock;
  private final List<String> warnings = new ArrayList<>();

  public ReviewStore(Path home, Clock clock) {
    this.file = home.resolve("reviews.json");
    this.clock = clock;
  }

  public Path file() {
    return file;
  }

  /** Messages for the learner about the last load (a damaged file moved aside). */
  public List<String> warnings() {
    return warnings;
  }

  /** The stored state; a fresh one when there is none or it was damaged (see warnings). */
  public Reviews load() throws IOException {
    AtomicFile.removeLeftovers(file);
    if (!Files.exists(file)) {
      return new Reviews();
    }
    try {
      return parse();
    } catch (IOException | RuntimeException e) {
      String stamp = LocalDateTime.ofInstant(clock.instant(), clock.getZone())
          .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      Path aside = AtomicFile.moveAside(file, stamp);
      warnings.add("your review schedule " + file + " could not be read (" + AtomicFile.why(e)
          + "); it was moved to " + aside + " and your cards start afresh. If you can repair"
          + " it, move it back while dstutor is not running.");
      return new Reviews();
    }
  }

  /**
   * The stored state, a fresh one when there is none; a damaged file is left where it is and
   * throws. For readers that only look (the mastery view, {@code next}); {@link #load} before
   * writing.
   */
  public Reviews read() throws IOException {
    if (!Files.exists(file)) {
      return new Reviews();
    }
    try {
      return parse();
    } catch (RuntimeException e) {
      throw new IOException(file + " could not be read: " + AtomicFile.why(e), e);
    }
  }

  private Reviews parse() throws IOException {
    Reviews r = new Reviews();
    int version = -1;
    try (JsonParser in = JSON.createParser(file.toFile())) {
      expect(in.nextToken(), JsonToken.START_OBJECT, "the file is not a JSON object");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String name = in.currentName();
        JsonToken t = in.nextToken();
        switch (name) {
          case "version" -> version = in.getIntValue();
          case "cards" -> {
            expect(t, JsonToken.START_OBJECT, "'cards' is not an object");
            while (in.nextToken() == JsonToken.FIELD_NAME) {
              String id = in.currentName();
              expect(in.nextToken(), JsonToken.START_OBJECT, "card '" + id + "' is not an"
                  + " object");
              r.states().put(id, readCard(in, id));
            }
          }
          case "forwarded" -> {
            expect(t, JsonToken.START_OBJECT, "'forwarded' is not an object");
            while (in.nextToken() == JsonToken.FIELD_NAME) {
              String topic = in.currentName();
              in.nextToken();
              r.forwarded().put(topic, Instant.parse(in.getText()));
            }
          }
          default -> in.skipChildren();
        }
      }
      if (in.currentToken() != JsonToken.END_OBJECT || in.nextToken() != null) {
        throw new IOException("unexpected content after the JSON object");
      }
    } catch (DateTimeParseException e) {
      throw new IOException("a date is not valid: " + e.getParsedString());
    }
    if (version != VERSION) {
      throw new IOException(version < 0 ? "it has no version" : "it is version " + version
          + ", this dstutor reads version " + VERSION);
    }
    return r;
  }

  private static CardState readCard(JsonParser in, String id) throws IOException {
    int repetitions = 0;
    double ef = Sm2.NEW.ef();
    int interval = 0;
    LocalDate due = null;
    Instant last = null;
    boolean lastRight = false;
    LocalDate introduced = null;
    int reviews = 0;
    int lapses = 0;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String name = in.currentName();
      in.nextToken();
      switch (name) {
        case "repetitions" -> repetitions = in.getIntValue();
        case "ef" -> ef = in.getDoubleValue();
        case "interval" -> interval = in.getIntValue();
        case "due" -> due = LocalDate.parse(in.getText());
        case "last" -> last = Instant.parse(in.getText());
        case "lastRight" -> lastRight = in.getBooleanValue();
        case "introduced" -> introduced = LocalDate.parse(in.getText());
        case "reviews" -> reviews = in.getIntValue();
        case "lapses" -> lapses = in.getIntValue();
        default -> in.skipChildren();
      }
    }
    if (due == null || last == null || introduced == null) {
      throw new IOException("card '" + id + "' lacks its due, last or introduced date");
    }
    if (ef < Sm2.MIN_EF || repetitions < 0 || interval < 0) {
      throw new IOException("card '" + id + "' has an impossible schedule");
    }
    return new CardState(new Sm2(repetitions, ef, interval), due, last, lastRight, introduced,
        reviews, lapses);
  }

  private static void expect(JsonToken got, JsonToken want, String message) throws IOException {
    if (got != want) {
      throw new IOException(message);
    }
  }

  /** Writes atomically: a temporary file in the same folder, then a rename over the old one. */
  public void save(Reviews r) throws IOException {
    AtomicFile.write(file, os -> {
      try (JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeNumberField("version", VERSION);
        g.writeObjectFieldStart("cards");
        for (Map.Entry<String, CardState> e : r.states().entrySet()) {
          CardState s = e.getValue();
          g.writeObjectFieldStart(e.getKey());
          g.writeNumberField("repetitions", s.schedule().repetitions());
          g.writeNumberField("ef", s.schedule().ef());
          g.writeNumberField("interval", s.schedule().interval());
          g.writeStringField("due", s.due().toString());
          g.writeStringField("last", s.last().toString());
          g.writeBooleanField("lastRight", s.lastRight());
          g.writeStringField("introduced", s.introduced().toString());
          g.writeNumberField("reviews", s.reviews());
          g.writeNumberField("lapses", s.lapses());
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("forwarded");
        for (Map.Entry<String, Instant> e : r.forwarded().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue().toString());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
    });
  }
}
