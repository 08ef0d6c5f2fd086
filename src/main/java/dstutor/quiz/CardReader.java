package dstutor.quiz;

import dstutor.course.LinkCheck;
import dstutor.quiz.Card.Answer;
import dstutor.quiz.Card.Choice;
import dstutor.quiz.Card.Estimate;
import dstutor.quiz.Card.Option;
import dstutor.quiz.Card.Order;
import dstutor.quiz.Card.Terms;
import dstutor.yaml.Fields;
import dstutor.yaml.Problem;
import dstutor.yaml.YNode;
import dstutor.yaml.YNode.YScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one card (the format of {@code spec/formats.md}, "Recall cards") from its YAML node,
 * collecting a problem with its place for everything wrong. Card files and quiz exercises share
 * it, so a question of a quiz is checked exactly as a card is.
 */
final class CardReader {
  /** The longest alternative of a key term. */
  static final int MAX_TERM = 100;
  static final Set<String> KINDS = new LinkedHashSet<>(List.of("choices", "order", "terms",
      "estimate"));
  static final Set<String> CARD_KEYS = new LinkedHashSet<>(List.of("id", "ask", "choices",
      "order", "terms", "estimate", "need", "answer", "working", "explain", "read"));
  static final Set<String> CHOICE_KEYS = new LinkedHashSet<>(List.of("text", "correct", "why"));
  static final Set<String> ESTIMATE_KEYS = new LinkedHashSet<>(List.of("answer", "unit",
      "within"));
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern READ =
      Pattern.compile("content/(patterns|systems)/[a-z0-9-]+\\.md(#[^#\\s]*)?");

  private final List<Problem> problems;
  private final Path courseRoot;
  private final LinkCheck links;
  // Many cards link the same section; each link is checked once.
  private final Map<String, String> checked = new HashMap<>();

  /** {@code links} may be null: links are then only checked for their form. */
  CardReader(List<Problem> problems, Path courseRoot, LinkCheck links) {
    this.problems = problems;
    this.courseRoot = courseRoot;
    this.links = links;
  }

  /**
   * The card in {@code node}, or null when it has a problem (each one reported). {@code topic}
   * is the card file's topic (ids must start with it), or null for a quiz question.
   */
  Card read(YNode node, String topic) {
    int before = problems.size();
    Fields f = new Fields(node, "a card", problems);
    f.rejectUnknown(CARD_KEYS);
    String id = f.string("id", true);
    String what = id == null ? "this card" : "card '" + id + "'";
    if (id != null) {
      if (!ID.matcher(id).matches()) {
        problems.add(Problem.at(f.locOf("id"), "id '" + id + "' must be lower-case words"
            + " joined by hyphens, like quorum-overlap"));
      } else if (topic != null && !id.startsWith(topic + "-")) {
        problems.add(Problem.at(f.locOf("id"), "id '" + id + "' must start with the topic, '"
            + topic + "-', so that ids stay unique across card files"));
      }
    }
    String ask = text(f, "ask", true, what);
    String explain = text(f, "explain", false, what);
    String read = f.string("read", true);
    if (read != null) {
      checkRead(f, read);
    }
    List<String> present = f.map().entries().keySet().stream().filter(KINDS::contains).toList();
    Answer answer = null;
    if (present.isEmpty()) {
      problems.add(Problem.at(f.map().loc(), what + " has no answer: add one of 'choices',"
          + " 'order', 'terms' or 'estimate'"));
    } else if (present.size() > 1) {
      problems.add(Problem.at(f.map().entries().get(present.get(1)).keyLoc(), what + " has both '" + present.get(0)
          + "' and '" + present.get(1) + "'; a card checks its answer one way, keep one"));
    } else {
      String kind = present.get(0);
      onlyOn(f, kind, "terms", "need", "answer");
      onlyOn(f, kind, "estimate", "working");
      answer = switch (kind) {
        case "choices" -> choice(f, what);
        case "order" -> order(f, what);
        case "terms" -> terms(f, what);
        default -> estimate(f, what);
      };
    }
    if (problems.size() > before || answer == null) {
      return null;
    }
    return new Card(id, topic, ask, answer, explain, read, node.loc());
  }

  private void onlyOn(Fields f, String kind, String owner, String... keys) {
    if (kind.equals(owner)) {
      return;
    }
    for (String k : keys) {
      if (f.map().get(k) != null) {
        problems.add(Problem.at(f.map().entries().get(k).keyLoc(), "'" + k + "' belongs only on"
            + " a '" + owner + "' card; this one is '" + kind + "'"));
      }
    }
  }

  /** A required or optional text that must not be blank. */
  private String text(Fields f, String key, boolean required, String what) {
    String s = f.string(key, required);
    if (s != null && s.isBlank()) {
      problems.add(Problem.at(f.locOf(key), what + " has an empty '" + key + "'"));
      return null;
    }
    return s == null ? null : s.strip();
  }

  private void checkRead(Fields f, String read) {
    if (!READ.matcher(read).matches()) {
      problems.add(Problem.at(f.locOf("read"), "read: '" + read + "' must be a page of the"
          + " course with an optional anchor, like content/patterns/quorum.md#sloppy-quorums"));
      return;
    }
    if (links == null) {
      return;
    }
    String bad = checked.computeIfAbsent(read, r -> {
      String p = links.problem(courseRoot, r);
      return p == null ? "" : p;
    });
    if (!bad.isEmpty()) {
      // The link check speaks of hints' "see:"; here the key is "read:".
      problems.add(Problem.at(f.locOf("read"), bad.startsWith("see: ")
          ? "read: " + bad.substring(5) : bad));
    }
  }

  private Choice choice(Fields f, String what) {
    List<YNode> nodes = f.nodes("choices", true);
    if (nodes.size() < 2 || nodes.size() > 6) {
      problems.add(Problem.at(f.locOf("choices"), what + " has " + nodes.size() + " choices;"
          + " give 2 to 6"));
    }
    List<Option> options = new ArrayList<>();
    Set<String> texts = new HashSet<>();
    int correct = 0;
    for (YNode n : nodes) {
      Fields c = new Fields(n, "a choice", problems);
      c.rejectUnknown(CHOICE_KEYS);
      String text = text(c, "text", true, "a choice");
      if (text != null && !texts.add(text)) {
        problems.add(Problem.at(c.locOf("text"), "the choice '" + text + "' appears twice"));
      }
      boolean right = false;
      YNode flag = c.map().get("correct");
      if (flag instanceof YScalar s && s.kind() == YScalar.Kind.BOOLEAN) {
        right = s.text().equals("true");
      } else if (flag != null) {
        problems.add(Problem.at(flag.loc(), "'correct' must be true or false"));
      }
      String why = text(c, "why", false, "a choice");
      if (right) {
        correct++;
      } else if (why == null && c.map().get("why") == null && text != null) {
        problems.add(Problem.at(c.map().loc(), "the wrong choice '" + text + "' has no 'why';"
            + " say why it is wrong, the learner who picks it reads that"));
      }
      options.add(new Option(text, right, right ? null : why));
    }
    if (!nodes.isEmpty() && correct == 0) {
      problems.add(Problem.at(f.locOf("choices"), what + " has no correct choice; mark one"
          + " with 'correct: true'"));
    } else if (correct == nodes.size() && !nodes.isEmpty()) {
      problems.add(Problem.at(f.locOf("choices"), "every choice of " + what + " is correct;"
          + " a question needs at least one wrong choice"));
    }
    return new Choice(options);
  }

  private Order order(Fields f, String what) {
    List<String> items = f.strings("order", true);
    if (items.size() < 3 || items.size() > 7) {
      problems.add(Problem.at(f.locOf("order"), what + " has " + items.size() + " items to"
          + " order; give 3 to 7"));
    }
    if (new HashSet<>(items).size() != items.size()) {
      problems.add(Problem.at(f.locOf("order"), "the items of " + what + " must be distinct"));
    }
    if (items.stream().anyMatch(String::isBlank)) {
      problems.add(Problem.at(f.locOf("order"), what + " has an empty item to order"));
    }
    return new Order(items.stream().map(String::strip).toList());
  }

  private Terms terms(Fields f, String what) {
    List<String> terms = f.strings("terms", true);
    if (terms.isEmpty() && f.map().get("terms") != null) {
      problems.add(Problem.at(f.locOf("terms"), what + " lists no terms"));
    }
    for (String t : terms) {
      if (Matching.alternatives(t).isEmpty()) {
        problems.add(Problem.at(f.locOf("terms"), "the term '" + t + "' of " + what
            + " has no words"));
      }
    }
    // A term becomes a regular expression; a page of text as a term would overflow its compiler.
    List<String> tooLong = terms.stream().filter(t -> Matching.alternatives(t).stream()
        .anyMatch(a -> a.length() > MAX_TERM)).toList();
    for (String t : tooLong) {
      problems.add(Problem.at(f.locOf("terms"), "a term of " + what + " is " + t.length()
          + " characters long; a key term is a word or a few, at most " + MAX_TERM));
    }
    terms = terms.stream().filter(t -> !tooLong.contains(t)).toList();
    int need = f.integer("need", 1, Math.max(1, terms.size()), terms.size(), false);
    String model = text(f, "answer", true, what);
    if (model != null && !terms.isEmpty()) {
      int hits = Matching.found(terms, model).size();
      if (hits < need) {
        problems.add(Problem.at(f.locOf("answer"), "the model answer of " + what + " names only "
            + hits + " of the terms and needs " + need + "; reword it or the terms"));
      }
    }
    return new Terms(terms, need, model);
  }

  private Estimate estimate(Fields f, String what) {
    Fields e = new Fields(f.map().get("estimate"), "estimate", problems);
    e.rejectUnknown(ESTIMATE_KEYS);
    double answer = number(e, "answer", true, Double.NaN);
    if (answer <= 0) {
      problems.add(Problem.at(e.locOf("answer"), "the estimate's answer must be above zero"));
    }
    String unit = text(e, "unit", true, "the estimate");
    double within = number(e, "within", false, 2);
    if (within < 1) {
      problems.add(Problem.at(e.locOf("within"), "'within' is the factor an answer may be off"
          + " by, so at least 1 (2 accepts half to double the answer), not " + within));
    }
    String working = text(f, "working", true, what);
    return new Estimate(answer, unit, within, working);
  }

  private double number(Fields f, String key, boolean required, double fallback) {
    YNode n = f.map().get(key);
    if (n == null) {
      if (required) {
        f.string(key, true);
      }
      return fallback;
    }
    if (n instanceof YScalar s && (s.kind() == YScalar.Kind.INTEGER
        || s.kind() == YScalar.Kind.FLOAT)) {
      try {
        return Double.parseDouble(s.text());
      } catch (NumberFormatException e) {
        // a YAML number Java does not read: 0x10, 0o17, 1_000, .inf; fall through to the problem
      }
    }
    problems.add(Problem.at(n.loc(), "'" + key + "' must be a number, like 21600000 or 2.16e7"));
    return fallback;
  }
}
