package dstutor.quiz;

import dstutor.quiz.Card.Choice;
import dstutor.quiz.Card.Estimate;
import dstutor.quiz.Card.Option;
import dstutor.quiz.Card.Order;
import dstutor.quiz.Card.Terms;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Checks one answer against one card: a pure function per kind, from what the learner typed to an
 * {@link Outcome} that says right or wrong and what to show. An answer that cannot be read (a
 * letter out of range, no number) is not graded: the outcome says how to write one.
 */
public final class AnswerCheck {
  private AnswerCheck() {}

  /** Checks {@code input} against the card as it was {@code shown}. */
  public static Outcome check(Shown shown, String input) {
    Card card = shown.card();
    if (card.answer() instanceof Choice c) {
      return choice(shown, c, input);
    }
    if (card.answer() instanceof Order o) {
      return order(shown, o, input);
    }
    if (card.answer() instanceof Terms t) {
      return terms(card, t, input);
    }
    return estimate(card, (Estimate) card.answer(), input);
  }

  /** A choice card: the letters of the chosen choices, like {@code b}, {@code a,c} or {@code A C}. */
  static Outcome choice(Shown shown, Choice c, String input) {
    Letters letters = Letters.read(input, c.options().size());
    if (letters.problem() != null) {
      return Outcome.unreadable(letters.problem());
    }
    Set<Integer> chosen = new LinkedHashSet<>();
    for (int pos : letters.positions()) {
      chosen.add(shown.at(pos));
    }
    Set<Integer> correct = new LinkedHashSet<>();
    for (int pos = 0; pos < c.options().size(); pos++) {
      if (c.options().get(shown.at(pos)).correct()) {
        correct.add(shown.at(pos));
      }
    }
    boolean right = chosen.equals(correct);
    List<String> why = new ArrayList<>();
    for (int i : chosen) {
      Option o = c.options().get(i);
      if (!o.correct()) {
        why.add("why not " + shown.letterOf(i) + "): " + o.why());
      }
    }
    if (!right && correct.size() > 1) {
      for (int i : correct) {
        if (!chosen.contains(i)) {
          why.add("also correct: " + shown.letterOf(i) + ") " + c.options().get(i).text());
        }
      }
    }
    return outcome(shown.card(), right, lettered(shown, c, chosen), why,
        lettered(shown, c, correct), null, null);
  }

  private static String lettered(Shown shown, Choice c, Set<Integer> indices) {
    List<Integer> byLetter = new ArrayList<>(indices);
    byLetter.sort((a, b) -> Character.compare(shown.letterOf(a), shown.letterOf(b)));
    List<String> out = new ArrayList<>();
    for (int i : byLetter) {
      out.add(shown.letterOf(i) + ") " + c.options().get(i).text());
    }
    return String.join("; ", out);
  }

  /** An order card: every letter once, in order, like {@code c a b d} or {@code cabd}. */
  static Outcome order(Shown shown, Order o, String input) {
    int n = o.items().size();
    Letters letters = Letters.read(input, n);
    if (letters.problem() != null) {
      return Outcome.unreadable(letters.problem());
    }
    List<Integer> pos = letters.positions();
    if (pos.size() != n || new LinkedHashSet<>(pos).size() != n) {
      return Outcome.unreadable("put all " + n + " letters in order, each once, like "
          + Letters.sequence(n));
    }
    int inPlace = 0;
    boolean right = true;
    for (int k = 0; k < n; k++) {
      boolean ok = shown.at(pos.get(k)) == k;
      right &= ok;
      inPlace += ok ? 1 : 0;
    }
    StringBuilder given = new StringBuilder();
    for (int p : pos) {
      given.append(given.length() == 0 ? "" : " ").append(Shown.letter(p));
    }
    StringBuilder answer = new StringBuilder();
    StringBuilder steps = new StringBuilder();
    for (int k = 0; k < n; k++) {
      answer.append(k == 0 ? "" : " ").append(shown.letterOf(k));
      steps.append("\n  ").append(k + 1).append(". ").append(shown.letterOf(k)).append(") ")
          .append(o.items().get(k));
    }
    List<String> why = right ? List.of() : List.of(inPlace + " of " + n
        + " in the right place");
    return outcome(shown.card(), right, given.toString(), why, answer.append(steps).toString(),
        null, null);
  }

  /** A terms card: free text naming at least {@code need} of the key terms. */
  static Outcome terms(Card card, Terms t, String input) {
    if (input == null || input.isBlank()) {
      return Outcome.unreadable("write an answer in a sentence or two");
    }
    List<String> found = Matching.found(t.terms(), input);
    boolean right = found.size() >= t.need();
    List<String> why = new ArrayList<>();
    if (!right) {
      why.add("you named " + found.size() + " of the " + t.need() + " key terms needed"
          + (found.isEmpty() ? "" : ": " + String.join(", ", found.stream().map(
              AnswerCheck::termText).toList())));
      for (String term : t.terms()) {
        if (!found.contains(term)) {
          why.add("not named: " + termText(term));
        }
      }
    }
    return new Outcome(right, null, null, why, null, t.model(), null, card.explain(),
        readCommand(card.read()));
  }

  /** "overlap|intersect" as "overlap (or intersect)". */
  private static String termText(String term) {
    List<String> alts = Matching.alternatives(term);
    return alts.size() == 1 ? alts.get(0) : alts.get(0) + " (or " + String.join(", ",
        alts.subList(1, alts.size())) + ")";
  }

  /** An estimate card: a number within the card's factor of its answer. */
  static Outcome estimate(Card card, Estimate e, String input) {
    OptionalDouble x = Estimates.parse(input, e.unit());
    if (x.isEmpty()) {
      return Outcome.unreadable("could not read '" + (input == null ? "" : input.strip())
          + "' as a number: " + Estimates.HOW + " (in " + e.unit() + ")");
    }
    double v = x.getAsDouble();
    boolean right = Estimates.accepts(e.answer(), e.within(), v);
    List<String> why = new ArrayList<>();
    if (!right) {
      if (v <= 0) {
        why.add("an amount of " + e.unit() + " is above zero");
      } else {
        double factor = v > e.answer() ? v / e.answer() : e.answer() / v;
        why.add(String.format(Locale.ROOT, "that is %s times too %s; within a factor of %s"
            + " counts", Estimates.format(factor), v > e.answer() ? "high" : "low",
            Estimates.format(e.within())));
      }
    }
    String answer = "about " + Estimates.format(e.answer()) + " " + e.unit() + " (accepted: "
        + Estimates.format(e.answer() / e.within()) + " to "
        + Estimates.format(e.answer() * e.within()) + ")";
    return outcome(card, right, Estimates.format(v) + " " + e.unit(), why, answer, null,
        e.working());
  }

  private static Outcome outcome(Card card, boolean right, String given, List<String> why,
      String answer, String model, String working) {
    return new Outcome(right, null, given, why, answer, model, working, card.explain(),
        readCommand(card.read()));
  }

  /** {@code content/patterns/quorum.md#x} as the command that shows it: {@code dstutor read quorum#x}. */
  public static String readCommand(String read) {
    int hash = read.indexOf('#');
    String path = hash < 0 ? read : read.substring(0, hash);
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.endsWith(".md")) {
      name = name.substring(0, name.length() - 3);
    }
    return "dstutor read " + name + (hash < 0 ? "" : read.substring(hash));
  }

  /** Letters typed for a choice or an order: positions, or what is wrong with them. */
  record Letters(List<Integer> positions, String problem) {
    static Letters read(String input, int n) {
      String s = input == null ? "" : input.strip().toLowerCase(Locale.ROOT);
      // Separators people type between letters: spaces, commas, "and", "a)" styles.
      s = s.replaceAll("\\band\\b", " ").replaceAll("[\\s,;/.()\\[\\]-]+", "");
      if (s.isEmpty()) {
        return new Letters(List.of(), "type " + (n == 1 ? "the letter a" : "letters from a to "
            + Shown.letter(n - 1)));
      }
      List<Integer> out = new ArrayList<>();
      for (char ch : s.toCharArray()) {
        int p = ch - 'a';
        if (p < 0 || p >= n) {
          return new Letters(List.of(), "'" + ch + "' is not one of the letters a to "
              + Shown.letter(n - 1));
        }
        out.add(p);
      }
      return new Letters(out, null);
    }

    /** An example sequence of {@code n} letters, not in order: {@code d c b a}. */
    static String sequence(int n) {
      StringBuilder b = new StringBuilder();
      for (int i = n - 1; i >= 0; i--) {
        b.append(b.length() == 0 ? "" : " ").append(Shown.letter(i));
      }
      return b.toString();
    }
  }
}
