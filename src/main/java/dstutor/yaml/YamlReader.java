package dstutor.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dstutor.yaml.YNode.Entry;
import dstutor.yaml.YNode.Loc;
import dstutor.yaml.YNode.YList;
import dstutor.yaml.YNode.YMap;
import dstutor.yaml.YNode.YScalar;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML (and JSON, which is YAML's subset and our progress format) into {@link YNode}s with
 * locations. Uses Jackson's streaming parsers only: no data binding, which keeps start-up cheap.
 */
public final class YamlReader {
  private static final Pattern EVENT =
      Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event\\([^>]*\\)>");
  /** A parser's message beyond this is the file's text quoted back; the location says where. */
  private static final int MAX_MESSAGE = 140;
  private static volatile YAMLFactory yaml;
  private static volatile JsonFactory json;

  private YamlReader() {}

  public static YNode readYaml(Path file) throws ProblemsException {
    return read(file, yamlFactory());
  }

  public static YNode readJson(Path file) throws ProblemsException {
    return read(file, jsonFactory());
  }

  /** Parses YAML text; {@code file} is only used in locations. */
  public static YNode parseYaml(Path file, String text) throws ProblemsException {
    return parse(file, yamlFactory(), text);
  }

  static JsonFactory jsonFactory() {
    if (json == null) {
      json = new JsonFactory();
    }
    return json;
  }

  private static YAMLFactory yamlFactory() {
    if (yaml == null) {
      yaml = new YAMLFactory();
    }
    return yaml;
  }

  private static YNode read(Path file, JsonFactory factory) throws ProblemsException {
    SourceText source;
    try {
      source = SourceText.read(file);
    } catch (NoSuchFileException e) {
      throw new ProblemsException(Problem.inFile(file, "file not found"));
    } catch (IOException e) {
      throw new ProblemsException(Problem.inFile(file, "cannot read: " + e.getMessage()));
    }
    if (!source.valid()) {
      throw new ProblemsException(source.badBytes());
    }
    return parse(file, factory, source.text());
  }

  /** The document in {@code text}; a syntax error becomes a problem where it was found. */
  private static YNode parse(Path file, JsonFactory factory, String text)
      throws ProblemsException {
    JsonParser p = null;
    try {
      p = factory.createParser(text);
      return document(file, p);
    } catch (JsonProcessingException e) {
      throw new ProblemsException(syntaxProblem(file, e, p));
    } catch (IOException e) {
      throw new ProblemsException(Problem.inFile(file, "cannot read: " + e.getMessage()));
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException e) {
          // nothing to release: the text is in memory
        }
      }
    }
  }

  private static YNode document(Path file, JsonParser p) throws IOException, ProblemsException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new ProblemsException(Problem.inFile(file, "the file is empty"));
    }
    return value(file, p, t);
  }

  private static Problem syntaxProblem(Path file, JsonProcessingException e, JsonParser p) {
    if (e instanceof StreamConstraintsException) {
      // A limit of Jackson's (nesting depth, say): no location of its own, the parser has one.
      JsonLocation l = p == null ? null : p.currentLocation();
      String msg = e.getOriginalMessage().replaceAll(", from `[^`]*`", "")
          + "; no course file needs that much: simplify it";
      return l == null || l.getLineNr() < 1 ? Problem.inFile(file, msg)
          : new Problem(file, l.getLineNr(), Math.max(1, l.getColumnNr()), msg);
    }
    JsonLocation l = e.getLocation();
    int line = l == null ? 0 : l.getLineNr();
    int column = l == null ? 0 : l.getColumnNr();
    // SnakeYAML knows where the problem is; Jackson's location is where its last token ended,
    // often the line before (a tab that starts a line is reported at the end of the previous
    // one). Something never closed (a bracket, a quote, a key without ':') is shown where it
    // opens; anything else where SnakeYAML stopped.
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        String context = m.getContext() == null ? "" : m.getContext();
        boolean unclosed = m.getContextMark() != null
            && (context.startsWith("while parsing a flow")
                || context.startsWith("while scanning a quoted")
                || context.startsWith("while scanning a simple key"));
        Mark mark = unclosed ? m.getContextMark() : m.getProblemMark();
        line = mark.getLine() + 1;
        column = mark.getColumn() + 1;
        break;
      }
    }
    String msg = e.getOriginalMessage();
    // SnakeYAML's messages span several lines with a caret drawing; the first lines say what.
    // SnakeYAML's message continues with "in 'reader', line N, column M:", the source line and a
    // caret; the place is already in the problem's location, so keep only what went wrong.
    StringBuilder what = new StringBuilder();
    boolean afterPlace = false;
    for (String part : msg.lines().map(String::trim).toList()) {
      if (part.startsWith("in '")) {
        afterPlace = true;
      } else if (afterPlace || part.startsWith("^")) {
        afterPlace = false;
      } else if (!part.isEmpty()) {
        what.append(what.length() == 0 ? "" : ", ").append(part);
      }
    }
    msg = what.length() == 0 ? msg.trim() : what.toString();
    // Jackson names SnakeYAML's events ("<org.yaml.snakeyaml.events.MappingStartEvent(...)>");
    // say what the author wrote instead, and cut what quotes the file at a readable length.
    msg = EVENT.matcher(msg).replaceAll(m -> switch (m.group(1)) {
      case "MappingStart" -> "a mapping";
      case "SequenceStart" -> "a list";
      case "Scalar" -> "a value";
      default -> "something else";
    });
    if (msg.length() > MAX_MESSAGE) {
      msg = msg.substring(0, MAX_MESSAGE) + "...";
    }
    String fix = " (check the indentation and that every key is followed by ': ')";
    if (line < 1) {
      return Problem.inFile(file, "not valid YAML: " + msg + fix);
    }
    return new Problem(file, line, Math.max(1, column), "not valid YAML: " + msg + fix);
  }

  private static Loc loc(Path file, JsonParser p) {
    JsonLocation l = p.currentTokenLocation();
    return new Loc(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private static YNode value(Path file, JsonParser p, JsonToken t) throws IOException,
      ProblemsException {
    Loc loc = loc(file, p);
    switch (t) {
      case START_OBJECT: {
        Map<String, Entry> entries = new LinkedHashMap<>();
        JsonToken k;
        while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
          Loc keyLoc = loc(file, p);
          String name = p.currentName();
          YNode v = value(file, p, p.nextToken());
          if (entries.containsKey(name)) {
            throw new ProblemsException(Problem.at(keyLoc, "key '" + name
                + "' appears twice in this mapping (first at line "
                + entries.get(name).keyLoc().line() + "); keep one"));
          }
          entries.put(name, new Entry(keyLoc, v));
        }
        return new YMap(loc, entries);
      }
      case START_ARRAY: {
        List<YNode> items = new ArrayList<>();
        JsonToken i;
        while ((i = p.nextToken()) != JsonToken.END_ARRAY) {
          items.add(value(file, p, i));
        }
        return new YList(loc, items);
      }
      case VALUE_STRING:
        if (p.getTextLength() > Caps.VALUE
            && p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser) {
          // A course file's values are short (the shipped course's longest is a drill's model
          // answer of about 4,000 characters); one this long is a broken file, and would be
          // printed whole by whichever command shows it.
          throw new ProblemsException(Problem.at(loc, "a value of " + p.getTextLength()
              + " characters; values in a course file are at most " + Caps.VALUE
              + " (did the file lose its line breaks?)"));
        }
        return new YScalar(loc, p.getText(), YScalar.Kind.STRING);
      case VALUE_NUMBER_INT:
        return new YScalar(loc, p.getText(), YScalar.Kind.INTEGER);
      case VALUE_NUMBER_FLOAT:
        return new YScalar(loc, p.getText(), YScalar.Kind.FLOAT);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new YScalar(loc, p.getText(), YScalar.Kind.BOOLEAN);
      case VALUE_NULL:
        return new YScalar(loc, null, YScalar.Kind.NULL);
      default:
        throw new ProblemsException(Problem.at(loc, "unexpected " + t));
    }
  }
}
