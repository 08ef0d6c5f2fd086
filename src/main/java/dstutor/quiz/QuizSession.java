package dstutor.quiz;

import dstutor.quiz.Card.Terms;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import dstutor.term.LineInput;
import dstutor.term.Wrap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One sitting of {@code dstutor quiz}: serves cards one at a time, reads and checks each answer,
 * shows the feedback, reschedules the card by SM-2 and saves after every card, so that stopping
 * ({@code q}, end of input) loses nothing. Cards missed in the sitting are asked again at its end
 * until answered right, as SM-2 prescribes; those repeats do not change the schedule.
 */
public final class QuizSession {
  /** Saves the review state; called after every graded card. */
  @FunctionalInterface
  public interface Saver {
    void save(Reviews reviews) throws IOException;
  }

  /** What a sitting did: first answers right and wrong, whether it was stopped early. */
  public record Summary(int right, int wrong, boolean stopped) {}

  private final Console console;
  private final LineInput input;
  private final Clock clock;
  private final int width;
  private boolean stopped;

  public QuizSession(Console console, LineInput input, Clock clock, int width) {
    this.console = console;
    this.input = input;
    this.clock = clock;
    this.width = width;
  }

  /** Serves {@code queue}, recording each first answer in {@code reviews}. */
  public Summary run(List<Card> queue, Reviews reviews, Saver saver) {
    int right = 0;
    int wrong = 0;
    List<Card> missed = new ArrayList<>();
    long day = Reviews.today(clock).toEpochDay();
    for (int i = 0; i < queue.size() && !stopped; i++) {
      Card card = queue.get(i);
      Outcome o = ask(Shown.of(card, Shown.seed(card.id(), day)), (i + 1) + "/" + queue.size());
      if (o == null) {
        break;
      }
      Reviews.CardState s = reviews.record(card, o.right(), clock);
      save(saver, reviews);
      console.println("  " + console.paint(Style.DIM, "next review: " + when(s.due())));
      if (o.right()) {
        right++;
      } else {
        wrong++;
        missed.add(card);
      }
    }
    if (!missed.isEmpty() && !stopped) {
      console.println("");
      boolean one = missed.size() == 1;
      console.println(console.paint(Style.BOLD, "Once more, the " + (one ? "card" : cards(
          missed.size())) + " you missed (SM-2 repeats " + (one ? "it" : "them") + " until"
          + " right; the schedule stays as it is)"));
    }
    for (int round = 1; !missed.isEmpty() && !stopped; round++) {
      List<Card> again = new ArrayList<>();
      for (int i = 0; i < missed.size() && !stopped; i++) {
        Card card = missed.get(i);
        Outcome o = ask(Shown.of(card, Shown.seed(card.id(), day + round)), "again "
            + (i + 1) + "/" + missed.size());
        if (o != null && !o.right()) {
          again.add(card);
        }
      }
      missed = again;
    }
    return new Summary(right, wrong, stopped);
  }

  private static void save(Saver saver, Reviews reviews) {
    try {
      saver.save(reviews);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Shows one card and reads answers until one can be graded; null when the learner stops. */
  private Outcome ask(Shown shown, String position) {
    Card card = shown.card();
    console.println("");
    console.println(console.paint(Style.DIM, "[" + position + "] " + (card.topic() == null ? ""
        : card.topic() + " · ") + kindName(card)));
    print(card.ask(), "");
    for (String item : shown.lettered()) {
      print(item, "  ");
    }
    while (true) {
      String answer = read(card, shown.howToAnswer());
      if (answer == null) {
        stopped = true;
        return null;
      }
      Outcome o = AnswerCheck.check(shown, answer);
      if (!o.readable()) {
        console.println("  " + console.paint(Style.YELLOW, o.problem()) + "; or q to stop");
        continue;
      }
      console.println(o.right() ? console.paint(Style.GREEN, "✓ right")
          : console.paint(Style.RED, "✗ not quite"));
      for (String line : o.lines()) {
        for (String part : line.split("\n")) {
          print(part, part.startsWith("  ") ? "" : "  ");
        }
      }
      return o;
    }
  }

  /** One answer: a line, or for a terms card lines up to an empty one. Null means stop. */
  private String read(Card card, String how) {
    String first = input.readLine("answer (" + how + "; q stops)> ");
    if (first == null || first.strip().equalsIgnoreCase("q")) {
      return null;
    }
    if (!(card.answer() instanceof Terms) || first.isBlank()) {
      return first;
    }
    StringBuilder text = new StringBuilder(first);
    String more;
    while ((more = input.readLine("... ")) != null && !more.isBlank()) {
      text.append('\n').append(more);
    }
    return text.toString();
  }

  private void print(String text, String indent) {
    for (String l : Wrap.line(indent + text, width)) {
      console.println(l);
    }
  }

  static String kindName(Card card) {
    return switch (card.answer().key()) {
      case "choices" -> "choose";
      case "order" -> "put in order";
      case "terms" -> "explain";
      default -> "estimate";
    };
  }

  /** A due day for people: today, tomorrow, in N days, with the date. */
  public String when(LocalDate due) {
    LocalDate today = Reviews.today(clock);
    long days = ChronoUnit.DAYS.between(today, due);
    if (days <= 0) {
      return "today";
    }
    return (days == 1 ? "tomorrow" : "in " + days + " days") + " (" + due + ")";
  }

  /** "1 card" or "3 cards". */
  public static String cards(int n) {
    return String.format(Locale.ROOT, "%d card%s", n, n == 1 ? "" : "s");
  }
}
