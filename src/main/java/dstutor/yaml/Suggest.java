package dstutor.yaml;

import java.util.Collection;

/** "Did you mean" for ids and keys: the closest candidate by edit distance, if it is close. */
public final class Suggest {
  private static final int MAX_TYPED = 200;
  private Suggest() {}

  /** The candidate nearest to {@code typed}, or null when none is within a third of its length. */
  public static String closest(String typed, Collection<String> candidates) {
    if (typed.length() > MAX_TYPED) {
      return null; // no typo makes a word this long, and the distance would cost its square
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c == null) {
        continue; // an id that was missing in the file: its own problem says so
      }
      int d = distance(typed.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (best == null) {
      return null;
    }
    int limit = Math.max(2, Math.max(typed.length(), best.length()) / 3);
    boolean prefix = best.startsWith(typed) && typed.length() >= 3;
    return bestDistance <= limit || prefix ? best : null;
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
