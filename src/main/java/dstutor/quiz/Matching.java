package dstutor.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Key terms in free text, as the card format defines them: a term lists alternatives separated by
 * {@code |}; an alternative matches as whole words, case-insensitively, with a trailing s or es
 * on the learner's last word tolerated. Words inside an alternative may be separated by spaces or
 * hyphens either way ("read repair" matches "read-repair"), since learners write both.
 */
final class Matching {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
  // A word character as Python's Unicode \w sees it, so that spec/check_cards.py agrees.
  private static final String WORD = "[\\p{L}\\p{N}_]";

  private Matching() {}

  /** The alternatives of one term, trimmed, empty ones dropped. */
  static List<String> alternatives(String term) {
    List<String> out = new ArrayList<>();
    for (String a : term.split("\\|")) {
      if (!a.isBlank()) {
        out.add(a.strip());
      }
    }
    return out;
  }

  /** Whether one of the term's alternatives occurs in {@code text}. */
  static boolean matches(String term, String text) {
    for (String alt : alternatives(term)) {
      if (pattern(alt).matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  /** The terms of {@code terms} that occur in {@code text}, in their order. */
  static List<String> found(List<String> terms, String text) {
    return terms.stream().filter(t -> matches(t, text)).toList();
  }

  private static Pattern pattern(String alternative) {
    return CACHE.computeIfAbsent(alternative, a -> {
      StringBuilder re = new StringBuilder("(?<!" + WORD + ")");
      String[] words = a.split("[\\s-]+");
      for (int i = 0; i < words.length; i++) {
        if (i > 0) {
          re.append("[\\s-]+");
        }
        re.append(Pattern.quote(words[i]));
      }
      re.append("(?:s|es)?(?!" + WORD + ")");
      return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    });
  }
}
