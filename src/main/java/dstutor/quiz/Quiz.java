package dstutor.quiz;

import dstutor.term.Console;
import dstutor.term.Console.Style;
import dstutor.term.LineInput;
import dstutor.yaml.Problem;
import dstutor.yaml.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code dstutor quiz} without the command line: picks the cards to serve, runs a {@link
 * QuizSession} over them and prints the summary. The faces pass in where things are and how to
 * talk to the learner; a problem the learner can fix is a {@link QuizException}.
 */
public final class Quiz {
  /** What the learner asked for: a topic or all (null), new cards allowed, every card. */
  public record Options(String topic, int newLimit, boolean all) {}

  /** A request that cannot be served as asked, with what to do instead. */
  public static final class QuizException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QuizException(String message) {
      super(message);
    }
  }

  private final Path courseRoot;
  private final Path home;
  private final Console console;
  private final Clock clock;

  public Quiz(Path courseRoot, Path home, Console console, Clock clock) {
    this.courseRoot = courseRoot;
    this.home = home;
    this.console = console;
    this.clock = clock;
  }

  /** Serves the cards asked for, reading answers from {@code input}; lines wrap at {@code width}. */
  public QuizSession.Summary run(Options options, LineInput input, int width) throws IOException {
    Deck deck = deck();
    if (deck.isEmpty()) {
      throw new QuizException("this course has no recall cards yet (none in "
          + CardLoader.folder(courseRoot) + ")");
    }
    List<Card> scope = options.topic() == null ? deck.cards() : topic(deck, options.topic());
    ReviewStore store = new ReviewStore(home, clock);
    Reviews reviews = store.load();
    store.warnings().forEach(console::warn);
    List<Card> queue = reviews.queue(scope, clock, options.newLimit(), options.all());
    String where = options.topic() == null ? "" : " of " + options.topic();
    QuizSession session = new QuizSession(console, input, clock, width);
    if (queue.isEmpty()) {
      console.println("No card" + where + " is due now. " + nextDue(reviews, scope, session)
          + " To go through them anyway: dstutor quiz " + (options.topic() == null ? ""
          : options.topic() + " ") + "--all");
      return new QuizSession.Summary(0, 0, false);
    }
    int fresh = (int) queue.stream().filter(c -> reviews.state(c.id()) == null).count();
    console.println(console.paint(Style.BOLD, QuizSession.cards(queue.size()) + where
        + (options.all() ? ", all of them" : ": " + (queue.size() - fresh) + " due, " + fresh
            + " new (" + options.newLimit() + " new a day at most)")));
    console.println(console.paint(Style.DIM, "Answers are saved after every card; q or Ctrl-D"
        + " stops."));
    QuizSession.Summary s = session.run(queue, reviews, store::save);
    reviews.prune(deck);
    store.save(reviews);
    console.println("");
    int answered = s.right() + s.wrong();
    console.println(console.paint(Style.BOLD, (s.stopped() ? "Stopped" : "Done") + ": "
        + s.right() + " right, " + s.wrong() + " wrong of " + QuizSession.cards(answered)
        + " answered" + (s.stopped() ? " (saved)" : "") + "."));
    int stillDue = reviews.dueCount(scope, clock);
    console.println((stillDue > 0 ? QuizSession.cards(stillDue) + where + " still due now. " : "")
        + nextDue(reviews, scope, session));
    return s;
  }

  /** "Next due: tomorrow (2026-12-02), 3 cards." from the cards of {@code scope}. */
  private String nextDue(Reviews reviews, List<Card> scope, QuizSession session) {
    LocalDate today = Reviews.today(clock);
    LocalDate next = null;
    for (Card c : scope) {
      Reviews.CardState st = reviews.state(c.id());
      if (st != null && st.due().isAfter(today) && (next == null || st.due().isBefore(next))) {
        next = st.due();
      }
    }
    if (next == null) {
      int fresh = (int) scope.stream().filter(c -> reviews.state(c.id()) == null).count();
      return fresh > 0 ? QuizSession.cards(fresh) + " not seen yet; new ones come each day."
          : "";
    }
    LocalDate day = next;
    long n = scope.stream().filter(c -> reviews.state(c.id()) != null
        && reviews.state(c.id()).due().equals(day)).count();
    return "Next due: " + session.when(next) + ", " + QuizSession.cards((int) n) + ".";
  }

  private List<Card> topic(Deck deck, String topic) {
    List<Card> cards = deck.topic(topic);
    if (!cards.isEmpty()) {
      return cards;
    }
    if (pageIds().contains(topic)) {
      throw new QuizException("page '" + topic + "' has no recall cards yet; `dstutor quiz`"
          + " without a topic serves the cards of every topic");
    }
    Set<String> known = new TreeSet<>(deck.topics());
    String close = Suggest.closest(topic, known);
    throw new QuizException("no topic '" + topic + "'" + (close != null ? "; did you mean '"
        + close + "'?" : "") + " Topics with cards: " + String.join(", ", known));
  }

  private Set<String> pageIds() {
    Set<String> out = new TreeSet<>();
    for (String folder : new String[] {"patterns", "systems"}) {
      try (var s = Files.list(courseRoot.resolve("content").resolve(folder))) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
            .forEach(n -> out.add(n.substring(0, n.length() - 3)));
      } catch (IOException e) {
        // No such folder: no pages of that kind.
      }
    }
    return out;
  }

  /** The deck; cards with problems are left out, and the learner hears how many. */
  private Deck deck() {
    CardLoader.Result r = CardLoader.load(courseRoot);
    List<Problem> problems = r.problems();
    if (!problems.isEmpty()) {
      console.warn(problems.size() + " problem(s) in the card files; the cards concerned are left"
          + " out. The first:\n  " + problems.get(0) + "\n`dstutor course check` lists them all.");
    }
    return r.deck();
  }

  /**
   * The line {@code dstutor next} adds when reviews are due, or null. Cheap when the learner has
   * never quizzed (no schedule file), and never fails: a problem here must not stop {@code next}.
   */
  public static String dueLine(Path courseRoot, Path home, Clock clock) {
    ReviewStore store = new ReviewStore(home, clock);
    if (!Files.exists(store.file())) {
      return null;
    }
    try {
      // read, not load: a damaged file is reported and moved aside by `quiz`, not here.
      Reviews reviews = store.read();
      int due = reviews.dueCount(CardLoader.load(courseRoot).deck().cards(), clock);
      return due == 0 ? null : (due == 1 ? "1 recall card is due" : due
          + " recall cards are due") + ": dstutor quiz";
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Recall per topic (cards, reviewed, right on the last review, due now) from the learner's
   * schedule, for the mastery view; throws when the schedule file is damaged (it is left as it
   * is: {@code dstutor quiz} reports it and moves it aside).
   */
  public static Map<String, Reviews.Recall> recall(Path courseRoot, Path home, Clock clock)
      throws IOException {
    return new ReviewStore(home, clock).read().recall(CardLoader.load(courseRoot).deck(), clock);
  }
}
