package dstutor.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits text into search terms: lower case, letters and digits only, with a light English
 * stemmer so that "quorums", "replicated" and "hashing" meet "quorum", "replicate" and "hash".
 */
final class Terms {
  /** Words too common to rank by; they still count inside an exact phrase. */
  static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "can",
      "do", "does", "for", "from", "how", "if", "in", "into", "is", "it", "its", "of", "on", "or",
      "so", "that", "the", "their", "then", "there", "this", "to", "was", "were", "what", "when",
      "which", "who", "why", "with");

  /** One word of a text: its stem, where it is, and whether it is a stop word. */
  record Token(String term, int start, int end, boolean stop) {}

  private Terms() {}

  static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        String word = text.substring(start, i).toLowerCase(Locale.ROOT);
        out.add(new Token(stem(word), start, i, STOP.contains(word)));
      }
    }
    return out;
  }

  /** The terms of a text that carry meaning (stop words dropped). */
  static List<String> content(String text) {
    List<String> out = new ArrayList<>();
    for (Token t : tokens(text)) {
      if (!t.stop()) {
        out.add(t.term());
      }
    }
    return out;
  }

  /** A deliberately small suffix stripper; both the index and the query go through it. */
  static String stem(String word) {
    String w = word;
    if (w.length() > 4 && w.endsWith("ies")) {
      w = w.substring(0, w.length() - 3) + "y";
    } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")
        && !w.endsWith("is")) {
      w = w.substring(0, w.length() - 1);
    }
    if (w.length() > 5 && w.endsWith("ing")) {
      w = w.substring(0, w.length() - 3);
    } else if (w.length() > 4 && w.endsWith("ed")) {
      w = w.substring(0, w.length() - 2);
    }
    if (w.length() > 3 && w.endsWith("e")) {
      w = w.substring(0, w.length() - 1);
    }
    return w;
  }
}
