package dstutor.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dstutor.yaml.YNode.Entry;
import dstutor.yaml.YNode.Loc;
import dstutor.yaml.YNode.YList;
import dstutor.yaml.YNode.YMap;
import dstutor.yaml.YNode.YScalar;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML (and JSON, which is YAML's subset and our progress format) into {@link YNode}s with
 * locations. Uses Jackson's streaming parsers only: no data binding, which keeps start-up cheap.
 */
public final class YamlReader {
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
    try (JsonParser p = yamlFactory().createParser(text)) {
      return document(file, p);
    } catch (JsonProcessingException e) {
      throw new ProblemsException(syntaxProblem(file, e));
    } catch (IOException e) {
      throw new ProblemsException(Problem.inFile(file, "cannot read: " + e.getMessage()));
    }
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
    try (Reader r = Files.newBufferedReader(file);
        JsonParser p = factory.createParser(r)) {
      return document(file, p);
    } catch (NoSuchFileException e) {
      throw new ProblemsException(Problem.inFile(file, "file not found"));
    } catch (JsonProcessingException e) {
      throw new ProblemsException(syntaxProblem(file, e));
    } catch (IOException e) {
      throw new ProblemsException(Problem.inFile(file, "cannot read: " + e.getMessage()));
    }
  }

  private static YNode document(Path file, JsonParser p) throws IOException, ProblemsException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new ProblemsException(Problem.inFile(file, "the file is empty"));
    }
    return value(file, p, t);
  }

  private static Problem syntaxProblem(Path file, JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    String msg = e.getOriginalMessage();
    // SnakeYAML's messages span several lines with a caret drawing; the first lines say what.
    // SnakeYAML's message continues with "in 'reader', line N, column M:", the source line and a
    // caret; the place is already in the problem's location, so keep only what went wrong.
    StringBuilder what = new StringBuilder();
    boolean afterPlace = false;
    for (String line : msg.lines().map(String::trim).toList()) {
      if (line.startsWith("in '")) {
        afterPlace = true;
      } else if (afterPlace || line.startsWith("^")) {
        afterPlace = false;
      } else if (!line.isEmpty()) {
        what.append(what.length() == 0 ? "" : ", ").append(line);
      }
    }
    msg = what.length() == 0 ? msg.trim() : what.toString();
    String fix = " (check the indentation and that every key is followed by ': ')";
    if (l == null || l.getLineNr() < 1) {
      return Problem.inFile(file, "not valid YAML: " + msg + fix);
    }
    return new Problem(file, l.getLineNr(), Math.max(1, l.getColumnNr()), "not valid YAML: " + msg
        + fix);
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
