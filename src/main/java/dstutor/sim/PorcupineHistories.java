package dstutor.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the histories of porcupine's test data (github.com/anishathalye/porcupine, folder
 * test_data/) into {@link Op}s, with the meaning porcupine's own tests give them, so that the
 * checker can be validated on a peer's published verdicts (the benchmark and the tests use it).
 *
 * <p>{@code jepsen/*.log}: Jepsen's log of one etcd register (key {@value #REGISTER}), one line
 * per {@code :invoke} or completion of {@code :read}, {@code :write} or {@code :cas [from to]}.
 * An {@code :ok} cas swapped; a {@code :fail} cas found another value than {@code from}, a result
 * ({@link History#valueDiffered}); an {@code :info} completion of any operation leaves its outcome
 * unknown, so it may take effect at any time after its call, or never; a {@code :fail} read or
 * write had no effect. An operation still running when the log ends is unknown too.
 *
 * <p>{@code kv/*.txt}: Jepsen-style maps of get, put and append. Porcupine's kv model starts
 * every key at "" and cannot tell an absent key from an empty one; {@link Op} says "no value yet"
 * with {@code null}, so a get that returned "" is read as {@code null}, and a put or append of ""
 * is refused (the corpus has none).
 *
 * <p>The time of each event is its line number, in ms.
 */
final class PorcupineHistories {
  /** The key of the single register in the Jepsen histories. */
  static final String REGISTER = "r";

  private static final Pattern JEPSEN = Pattern.compile("INFO\\s+jepsen\\.util\\s+-\\s+(\\d+)"
      + "\\s+:(invoke|ok|fail|info)\\s+:(read|write|cas)\\s+(.*)");
  private static final Pattern CAS_ARGS = Pattern.compile("\\[(\\d+)\\s+(\\d+)\\]");
  private static final Pattern KV = Pattern.compile(
      "\\{:process (\\d+), :type :(invoke|ok|fail|info), :f :(get|put|append),"
          + " :key \"([^\"]*)\", :value (nil|\"([^\"]*)\")\\}");

  /** One history of the corpus and its published verdict ({@code null}: none published). */
  record Case(String file, Boolean linearizable) {}

  private PorcupineHistories() {}

  /** The histories listed in {@code dir/expected.tsv}, with their published verdicts. */
  static List<Case> cases(Path dir) throws IOException {
    List<Case> cases = new ArrayList<>();
    List<String> lines = Files.readAllLines(dir.resolve("expected.tsv"), StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) { // line 0 is the header
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\t");
      if (parts.length != 2 || !List.of("true", "false", "null").contains(parts[1])) {
        throw new IllegalArgumentException("expected.tsv line " + (i + 1)
            + ": want <file> TAB true|false|null, got: " + line);
      }
      cases.add(new Case(parts[0], parts[1].equals("null") ? null : Boolean.valueOf(parts[1])));
    }
    return cases;
  }

  /** The history in {@code file}: a Jepsen log if it ends in .log, a kv history if in .txt. */
  static List<Op> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".log")) {
        return jepsen(lines);
      }
      if (name.endsWith(".txt")) {
        return kv(lines);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("not a porcupine history (want .log or .txt): " + file);
  }

  /** A Jepsen etcd log, one line per event. */
  static List<Op> jepsen(List<String> lines) {
    Events events = new Events();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = JEPSEN.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("line " + (i + 1) + ": not a Jepsen log line: " + line);
      }
      long time = i + 1;
      String process = m.group(1);
      String type = m.group(2);
      Op.Kind kind = switch (m.group(3)) {
        case "read" -> Op.Kind.READ;
        case "write" -> Op.Kind.WRITE;
        default -> Op.Kind.CAS;
      };
      String arg = m.group(4).strip();
      if (type.equals("invoke")) {
        if (kind == Op.Kind.CAS) {
          Matcher cas = CAS_ARGS.matcher(arg);
          if (!cas.matches()) {
            throw new IllegalArgumentException("line " + (i + 1) + ": want :cas [from to]: "
                + line);
          }
          events.invokeCas(i + 1, process, cas.group(1), cas.group(2), time);
        } else {
          events.invoke(i + 1, process, kind, kind == Op.Kind.WRITE ? arg : null, time);
        }
        continue;
      }
      int id = events.pending(i + 1, process, kind);
      String note = arg.startsWith(":") ? arg.substring(1) : "";
      switch (type) {
        case "ok" -> events.history.ok(id, kind == Op.Kind.READ ? nil(arg) : null, time);
        case "fail" -> {
          if (kind == Op.Kind.CAS) {
            events.history.valueDiffered(id, time);
          } else {
            events.history.fail(id, note, time);
          }
        }
        default -> events.history.unknown(id, note.isEmpty() ? "info" : note, time);
      }
    }
    return events.history.ops();
  }

  /** A kv history of get, put and append, one event per line in Clojure map syntax. */
  static List<Op> kv(List<String> lines) {
    Events events = new Events();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = KV.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("line " + (i + 1) + ": not a kv history line: " + line);
      }
      long time = i + 1;
      String process = m.group(1);
      String type = m.group(2);
      Op.Kind kind = switch (m.group(3)) {
        case "get" -> Op.Kind.READ;
        case "put" -> Op.Kind.WRITE;
        default -> Op.Kind.APPEND;
      };
      String key = m.group(4);
      String value = m.group(6); // null for nil
      if (type.equals("invoke")) {
        if (kind != Op.Kind.READ && (value == null || value.isEmpty())) {
          throw new IllegalArgumentException("line " + (i + 1) + ": a " + m.group(3)
              + " of \"\" or nil, which cannot be told from no value: " + line);
        }
        events.invoke(i + 1, process, kind, key, kind == Op.Kind.READ ? null : value, time);
        continue;
      }
      int id = events.pending(i + 1, process, kind);
      switch (type) {
        case "ok" -> events.history.ok(id,
            kind == Op.Kind.READ && value != null && !value.isEmpty() ? value : null, time);
        case "fail" -> events.history.fail(id, "fail", time);
        default -> events.history.unknown(id, "info", time);
      }
    }
    return events.history.ops();
  }

  private static String nil(String v) {
    return v.equals("nil") ? null : v;
  }

  /** A history being built, and which operation each process is running. */
  private static final class Events {
    final History history = new History();
    final Map<String, Integer> running = new HashMap<>();

    void invoke(int line, String process, Op.Kind kind, String value, long time) {
      invoke(line, process, kind, REGISTER, value, time);
    }

    void invoke(int line, String process, Op.Kind kind, String key, String value, long time) {
      free(line, process);
      running.put(process, history.invoke(process, kind, key, value, time));
    }

    void invokeCas(int line, String process, String from, String to, long time) {
      free(line, process);
      running.put(process, history.invokeCas(process, REGISTER, from, to, time));
    }

    private void free(int line, String process) {
      if (running.containsKey(process)) {
        throw new IllegalArgumentException("line " + line + ": process " + process
            + " invokes while operation " + running.get(process) + " still runs");
      }
    }

    /** The operation {@code process} runs, which must be of {@code kind}; it ends now. */
    int pending(int line, String process, Op.Kind kind) {
      Integer id = running.remove(process);
      if (id == null) {
        throw new IllegalArgumentException("line " + line + ": process " + process
            + " completes an operation it did not invoke");
      }
      Op op = history.get(id);
      if (op.kind() != kind) {
        throw new IllegalArgumentException("line " + line + ": process " + process
            + " invoked " + op.callText() + " but completes a " + kind);
      }
      return id;
    }
  }
}
