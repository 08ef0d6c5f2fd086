package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.quiz.Card;
import dstutor.quiz.CardLoader;
import dstutor.quiz.Deck;
import dstutor.quiz.Shown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dstutor quiz} end to end on the fixture's five cards, answers piped in. */
class QuizCommandTest {
  private static final Instant DAY0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final Deck DECK = CardLoader.load(CliHarness.fixtureCourse()).deck();

  private static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  private static Clock day(int n) {
    return at(DAY0.plusSeconds(86_400L * n));
  }

  /** How the card is lettered on {@code clock}'s day. */
  private static Shown shown(String id, Clock clock) {
    Card c = DECK.find(id).orElseThrow();
    return Shown.of(c, Shown.seed(id, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
        .toEpochDay()));
  }

  /** The right answers to the five fixture cards, in deck order, as typed on {@code clock}'s day. */
  private static String rightAnswers(Clock clock) {
    Shown identity = shown("addition-identity", clock);
    Shown increasing = shown("addition-increasing", clock);
    Shown commutes = shown("addition-commutes", clock);
    StringBuilder order = new StringBuilder();
    for (int k = 0; k < 4; k++) {
      order.append(increasing.letterOf(k)).append(' ');
    }
    return identity.letterOf(0) + "\n" + order + "\nIt overflows and wraps around.\n\n"
        + "20 million\n" + commutes.letterOf(0) + "," + commutes.letterOf(1) + "\n";
  }

  @Test
  void rightAnswersMoveOutAndComeBackTheNextDay(@TempDir Path tmp) {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result r = cli.run(rightAnswers(day(0)), day(0), "quiz");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().startsWith("5 cards: 0 due, 5 new (10 new a day at most)\n"), r.out());
    assertEquals(5, count(r.out(), "✓ right"), r.out());
    assertTrue(r.out().contains("next review: tomorrow (2026-12-02)"), r.out());
    assertTrue(r.out().contains("Done: 5 right, 0 wrong of 5 cards answered.\n"
        + "Next due: tomorrow (2026-12-02), 5 cards.\n"), r.out());
    assertTrue(Files.exists(cli.home.resolve("reviews.json")));

    CliHarness.Result same = cli.run("", day(0), "quiz");
    assertTrue(same.out().startsWith("No card is due now. Next due: tomorrow (2026-12-02),"
        + " 5 cards."), same.out());
    assertFalse(cli.run("", day(0), "next").out().contains("recall card"));

    assertTrue(cli.run("", day(1), "next").out().endsWith("5 recall cards are due: dstutor"
        + " quiz\n"));
    CliHarness.Result next = cli.run(rightAnswers(day(1)), day(1), "quiz", "addition");
    assertTrue(next.out().startsWith("5 cards of addition: 5 due, 0 new"), next.out());
    assertTrue(next.out().contains("next review: in 6 days (2026-12-08)"), next.out());
  }

  @Test
  void aWrongAnswerExplainsItselfAndComesBackInTheSitting(@TempDir Path tmp) {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    Shown identity = shown("addition-identity", day(0));
    char zero = identity.letterOf(1);
    CliHarness.Result r = cli.run(zero + "\nq\n", day(0), "quiz");
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    assertTrue(out.contains("✗ not quite\n  you answered: " + zero + ") Zero\n  why not " + zero
        + "): That is what multiplying by zero gives.\n  the answer: " + identity.letterOf(0)
        + ") The number itself\n  Zero is the identity of addition.\n"
        + "  read: dstutor read addition#the-identity\n  next review: tomorrow (2026-12-02)\n"),
        out);
    assertTrue(out.endsWith("Stopped: 0 right, 1 wrong of 1 card answered (saved).\n"
        + "Next due: tomorrow (2026-12-02), 1 card.\n"), out);
    // The sitting goes on where it stopped: the next new card, not the one answered.
    CliHarness.Result again = cli.run("q\n", day(0), "quiz");
    assertTrue(again.out().startsWith("4 cards: 0 due, 4 new"), again.out());
  }

  @Test
  void missedCardsAreAskedAgainUntilRightWithoutRescheduling(@TempDir Path tmp)
      throws IOException {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    String answers = rightAnswers(day(0)).replace("20 million", "5000");
    CliHarness.Result r = cli.run(answers + "5000\n21.6M\n", day(0), "quiz");
    String out = r.out();
    assertTrue(out.contains("Once more, the card you missed (SM-2 repeats it until right; the"
        + " schedule stays as it is)"), out);
    assertEquals(2, count(out, "[again 1/1] addition · estimate"), "until right: " + out);
    assertEquals(2, count(out, "that is 4,320 times too low"), out);
    assertTrue(out.contains("Done: 4 right, 1 wrong of 5 cards answered."), out);
    String schedule = Files.readString(cli.home.resolve("reviews.json"));
    assertEquals(5, count(schedule, "\"reviews\" : 1,"), "repeats are not reviews: " + schedule);
  }

  @Test
  void anUnreadableAnswerIsAskedAgain(@TempDir Path tmp) {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result r = cli.run("z\n\nq\n", day(0), "quiz");
    assertTrue(r.out().contains("answer (one letter; q stops)> z\n  'z' is not one of the letters"
        + " a to c; or q to stop\nanswer (one letter; q stops)> \n  type letters from a to c;"
        + " or q to stop\n"), r.out());
    assertTrue(r.out().contains("Stopped: 0 right, 0 wrong of 0 cards answered (saved)."),
        r.out());
  }

  @Test
  void aMistypedTopicSuggestsTheClosest(@TempDir Path tmp) {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result r = cli.run("", day(0), "quiz", "additon");
    assertEquals(2, r.code());
    assertEquals("error: no topic 'additon'; did you mean 'addition'? Topics with cards:"
        + " addition\n", r.err());
  }

  @Test
  void newCardsAreLimitedAndAllServesEveryCard(@TempDir Path tmp) {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    assertTrue(cli.run("q\n", day(0), "quiz", "--new", "2").out().startsWith("2 cards: 0 due,"
        + " 2 new (2 new a day at most)"));
    assertTrue(cli.run("q\n", day(0), "quiz", "--new", "0").out().startsWith("No card is due"
        + " now. 5 cards not seen yet; new ones come each day."));
    assertTrue(cli.run("q\n", day(0), "quiz", "--all", "addition").out().startsWith("5 cards of"
        + " addition, all of them"));
  }

  @Test
  void aDamagedScheduleIsMovedAsideAndTheQuizGoesOn(@TempDir Path tmp) throws IOException {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    Files.createDirectories(cli.home);
    Files.writeString(cli.home.resolve("reviews.json"), "{ not json");
    CliHarness.Result r = cli.run("q\n", day(0), "quiz");
    assertEquals(0, r.code());
    Path aside = cli.home.resolve("reviews.json.damaged-20261201-090000");
    assertTrue(r.err().startsWith("warning: your review schedule " + cli.home.resolve(
        "reviews.json") + " could not be read ("), r.err());
    assertTrue(r.err().contains("it was moved to " + aside), r.err());
    assertEquals("{ not json", Files.readString(aside));
    assertTrue(r.out().startsWith("5 cards: 0 due, 5 new"), r.out());
    assertEquals(List.of(), List.of(cli.run("", day(0), "next").err().lines()
        .filter(l -> l.contains("review")).toArray()), "next does not touch it again");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
