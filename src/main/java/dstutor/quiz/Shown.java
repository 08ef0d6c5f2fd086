package dstutor.quiz;

import dstutor.quiz.Card.Choice;
import dstutor.quiz.Card.Estimate;
import dstutor.quiz.Card.Order;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A card as the learner sees it: choices and items to order in a shuffled order, lettered a, b,
 * c... Choices are shuffled too, since authors tend to write the correct one first. The shuffle is
 * our own seeded generator (not java.util.Random), so that a quiz exercise's answers.yaml, lettered
 * once, keeps meaning the same thing on every version of Java.
 */
public record Shown(Card card, List<Integer> order) {
  public Shown {
    order = List.copyOf(order);
  }

  /** {@code card} shuffled by {@code seed}; items to order never start in the correct order. */
  public static Shown of(Card card, long seed) {
    return new Shown(card, permutation(texts(card).size(), seed,
        card.answer() instanceof Order));
  }

  /** A seed from a card id and a salt (a day, or 0 for a quiz exercise's fixed lettering). */
  public static long seed(String cardId, long salt) {
    long h = 0xcbf29ce484222325L;
    for (byte b : cardId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return h ^ (salt * 0x9e3779b97f4a7c15L);
  }

  /** The letter of position {@code i}: a, b, c... */
  public static char letter(int i) {
    return (char) ('a' + i);
  }

  /** The original index of what is shown at letter position {@code i}. */
  public int at(int i) {
    return order.get(i);
  }

  /** The letter under which original item {@code index} is shown. */
  public char letterOf(int index) {
    return letter(order.indexOf(index));
  }

  /** The texts in shown order, each with its letter: {@code a) ...}. */
  public List<String> lettered() {
    List<String> texts = texts(card);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      out.add(letter(i) + ") " + texts.get(order.get(i)));
    }
    return out;
  }

  /** The texts that get letters: the choices, or the items to order; none for other kinds. */
  static List<String> texts(Card card) {
    if (card.answer() instanceof Choice c) {
      return c.options().stream().map(Card.Option::text).toList();
    }
    if (card.answer() instanceof Order o) {
      return o.items();
    }
    return List.of();
  }

  /** What to type, in a few words: shown next to the prompt. */
  public String howToAnswer() {
    if (card.answer() instanceof Choice c) {
      long right = c.options().stream().filter(Card.Option::correct).count();
      return right == 1 ? "one letter" : "the " + right + " correct letters, like a c";
    }
    if (card.answer() instanceof Order o) {
      return "the " + o.items().size() + " letters in order, like "
          + String.join(" ", example(o.items().size()));
    }
    if (card.answer() instanceof Estimate e) {
      return "a number in " + e.unit() + ", like 5800, 5.8k or 3 million";
    }
    return "a sentence or two; end with an empty line";
  }

  private static List<String> example(int n) {
    List<String> out = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      out.add(String.valueOf(letter(i)));
    }
    return out;
  }

  /** A shuffle of 0..n-1 (SplitMix64 driving Fisher-Yates), never the identity if asked. */
  static List<Integer> permutation(int n, long seed, boolean avoidIdentity) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    long state = seed;
    for (int i = n - 1; i > 0; i--) {
      state += 0x9e3779b97f4a7c15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      z = z ^ (z >>> 31);
      int j = (int) Long.remainderUnsigned(z, i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    boolean identity = true;
    for (int i = 0; i < n; i++) {
      identity &= a[i] == i;
    }
    if (identity && avoidIdentity && n > 1) {
      // Rotate by one: still a fixed function of the seed, and no longer the answer itself.
      int first = a[0];
      System.arraycopy(a, 1, a, 0, n - 1);
      a[n - 1] = first;
    }
    List<Integer> out = new ArrayList<>();
    for (int v : a) {
      out.add(v);
    }
    return out;
  }
}
