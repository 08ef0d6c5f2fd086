package dstutor.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When an answer mentions a rubric phrase (spec/formats.md, "Drills"): the phrase's words appear
 * consecutively among the answer's words, case-insensitively, and each of the learner's words may
 * carry a trailing "s" or "es" ("virtual nodes" mentions "virtual node").
 *
 * <p>A word is a run of letters and digits: punctuation, hyphens, slashes and line breaks all
 * split words, so "vector-clock" mentions "vector clock" and a phrase never matches inside a
 * longer word ("ring" is not in "string"). Apostrophes are dropped instead of splitting, so that a
 * possessive reads as the plural it sounds like ("the leader's lease" mentions "leader lease").
 */
public final class Phrases {
  private Phrases() {}

  /** The words of {@code text}, lower case. */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (cp == '\'' || cp == '\u2019') {
        return;
      }
      if (Character.isLetterOrDigit(cp)) {
        w.appendCodePoint(cp);
      } else if (w.length() > 0) {
        out.add(w.toString().toLowerCase(Locale.ROOT));
        w.setLength(0);
      }
    });
    if (w.length() > 0) {
      out.add(w.toString().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** Whether {@code text} mentions {@code phrase}. */
  public static boolean mentions(String text, String phrase) {
    return mentions(words(text), words(phrase));
  }

  /** Whether {@code phraseWords} occur consecutively in {@code textWords}. */
  public static boolean mentions(List<String> textWords, List<String> phraseWords) {
    if (phraseWords.isEmpty()) {
      return false;
    }
    outer:
    for (int i = 0; i + phraseWords.size() <= textWords.size(); i++) {
      for (int j = 0; j < phraseWords.size(); j++) {
        if (!sameWord(textWords.get(i + j), phraseWords.get(j))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The learner's word {@code typed} stands for {@code wanted}, allowing a plural ending. */
  static boolean sameWord(String typed, String wanted) {
    if (typed.equals(wanted)) {
      return true;
    }
    return typed.startsWith(wanted) && (typed.length() == wanted.length() + 1
        ? typed.endsWith("s") : typed.length() == wanted.length() + 2 && typed.endsWith("es"));
  }
}
