package dstutor.content;

import dstutor.content.Terms.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the sections of every page for a query with BM25F over three fields: the section's
 * heading (weighted most), the page title and the section's text. A section whose heading or text
 * holds the query as an exact phrase ranks higher still.
 */
public final class SearchIndex {
  static final double K1 = 1.2;
  private static final Field HEADING = new Field(3.0, 0.5);
  private static final Field TITLE = new Field(0.5, 0.0);
  /** The page title counts most for the summary, the section that stands for the whole page. */
  private static final Field TITLE_OF_SUMMARY = new Field(3.0, 0.0);
  /** Sections that point elsewhere rather than explain: found, but after the ones that explain. */
  static final Set<String> NAVIGATION = Set.of("sources", "related-patterns", "practise-it");
  private static final double NAVIGATION_WEIGHT = 0.4;
  private static final Field BODY = new Field(1.0, 0.75);
  /** Bonus for the whole query as a phrase, as a share of the query's summed idf. */
  private static final double PHRASE_IN_HEADING = 1.0;
  private static final double PHRASE_IN_BODY = 0.4;

  private record Field(double weight, double b) {}

  /** One section as indexed: its tokens per field and the term counts. */
  private record Doc(Section section, List<Token> heading, List<Token> title, List<Token> body,
      Map<String, Integer> tfHeading, Map<String, Integer> tfTitle, Map<String, Integer> tfBody) {}

  /** A ranked section with the snippet to show and what {@code read} takes to open it. */
  public record Hit(Section section, double score, Snippet snippet) {
    public String readTarget() {
      return section.readTarget();
    }
  }

  private final List<Doc> docs = new ArrayList<>();
  private final Map<String, Integer> df = new HashMap<>();
  private final double avgHeading;
  private final double avgTitle;
  private final double avgBody;

  private SearchIndex(List<Section> sections) {
    double h = 0;
    double t = 0;
    double b = 0;
    for (Section s : sections) {
      Doc d = new Doc(s, Terms.tokens(s.heading()), Terms.tokens(s.pageTitle()),
          Terms.tokens(s.text()), new HashMap<>(), new HashMap<>(), new HashMap<>());
      count(d.heading(), d.tfHeading());
      count(d.title(), d.tfTitle());
      count(d.body(), d.tfBody());
      Set<String> terms = new HashSet<>(d.tfHeading().keySet());
      terms.addAll(d.tfTitle().keySet());
      terms.addAll(d.tfBody().keySet());
      for (String term : terms) {
        df.merge(term, 1, Integer::sum);
      }
      h += d.heading().size();
      t += d.title().size();
      b += d.body().size();
      docs.add(d);
    }
    int n = Math.max(1, docs.size());
    avgHeading = Math.max(1, h / n);
    avgTitle = Math.max(1, t / n);
    avgBody = Math.max(1, b / n);
  }

  /** An index over every section of {@code pages}. */
  public static SearchIndex of(List<Page> pages) {
    List<Section> sections = new ArrayList<>();
    for (Page p : pages) {
      sections.addAll(p.sections());
    }
    return new SearchIndex(sections);
  }

  /** Whether {@code query} has a word to search for once common words are dropped. */
  public static boolean searchable(String query) {
    return !Terms.content(query).isEmpty();
  }

  /** The best {@code limit} sections for {@code query}, best first; empty when none matches. */
  public List<Hit> search(String query, int limit) {
    List<Token> all = Terms.tokens(query);
    List<String> terms = new ArrayList<>(new LinkedHashSet<>(Terms.content(query)));
    List<String> phrase = all.stream().map(Token::term).toList();
    double idfSum = 0;
    for (String term : terms) {
      idfSum += idf(term);
    }
    List<Hit> hits = new ArrayList<>();
    for (Doc d : docs) {
      double score = 0;
      int matched = 0;
      for (String term : terms) {
        Field title = d.section().anchor().equals("summary") ? TITLE_OF_SUMMARY : TITLE;
        double tf = weighted(HEADING, d.tfHeading(), term, d.heading().size(), avgHeading)
            + weighted(title, d.tfTitle(), term, d.title().size(), avgTitle)
            + weighted(BODY, d.tfBody(), term, d.body().size(), avgBody);
        if (tf > 0) {
          matched++;
          score += idf(term) * tf * (K1 + 1) / (K1 + tf);
        }
      }
      if (matched == 0) {
        continue;
      }
      // A section that has every word beats one that repeats some of them.
      score *= (double) matched / terms.size();
      if (phrase.size() > 1) {
        boolean summary = d.section().anchor().equals("summary");
        if (find(d.heading(), phrase) >= 0 || summary && find(d.title(), phrase) >= 0) {
          score += PHRASE_IN_HEADING * idfSum;
        } else if (find(d.body(), phrase) >= 0) {
          score += PHRASE_IN_BODY * idfSum;
        }
      }
      if (NAVIGATION.contains(d.section().anchor())) {
        score *= NAVIGATION_WEIGHT;
      }
      hits.add(new Hit(d.section(), score, null));
    }
    hits.sort(Comparator.comparingDouble(Hit::score).reversed()
        .thenComparing(h -> h.section().readTarget()));
    List<Hit> top = new ArrayList<>();
    for (Hit h : hits.subList(0, Math.min(limit, hits.size()))) {
      top.add(new Hit(h.section(), h.score(), snippet(h.section(), terms, phrase)));
    }
    return top;
  }

  private double idf(String term) {
    int n = df.getOrDefault(term, 0);
    return Math.log(1 + (docs.size() - n + 0.5) / (n + 0.5));
  }

  private static double weighted(Field f, Map<String, Integer> tf, String term, int len,
      double avg) {
    Integer n = tf.get(term);
    if (n == null) {
      return 0;
    }
    return f.weight() * n / (1 - f.b() + f.b() * len / avg);
  }

  private static void count(List<Token> tokens, Map<String, Integer> tf) {
    for (Token t : tokens) {
      if (!t.stop()) {
        tf.merge(t.term(), 1, Integer::sum);
      }
    }
  }

  /** The index of the first token where {@code phrase} starts, or -1. */
  private static int find(List<Token> tokens, List<String> phrase) {
    outer:
    for (int i = 0; i + phrase.size() <= tokens.size(); i++) {
      for (int j = 0; j < phrase.size(); j++) {
        if (!tokens.get(i + j).term().equals(phrase.get(j))) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Where in the section's text to cut the snippet: at the exact phrase if it is there, else
   * where the most different query words fall within a few lines, else at the start.
   */
  static Snippet snippet(Section s, List<String> terms, List<String> phrase) {
    List<Token> body = Terms.tokens(s.text());
    List<int[]> matched = new ArrayList<>();
    for (Token t : body) {
      if (!t.stop() && terms.contains(t.term())) {
        matched.add(new int[] {t.start(), t.end()});
      }
    }
    int focus = 0;
    int at = phrase.size() > 1 ? find(body, phrase) : -1;
    if (at >= 0) {
      focus = body.get(at).start();
    } else {
      int best = 0;
      int window = 25;
      for (int i = 0; i < body.size(); i++) {
        if (body.get(i).stop() || !terms.contains(body.get(i).term())) {
          continue;
        }
        Set<String> seen = new HashSet<>();
        for (int j = i; j < Math.min(body.size(), i + window); j++) {
          if (!body.get(j).stop() && terms.contains(body.get(j).term())) {
            seen.add(body.get(j).term());
          }
        }
        if (seen.size() > best) {
          best = seen.size();
          focus = body.get(i).start();
        }
      }
    }
    return Snippet.around(s.text(), focus, matched);
  }
}
