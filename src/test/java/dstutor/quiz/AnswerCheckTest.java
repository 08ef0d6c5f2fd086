package dstutor.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.quiz.Card.Choice;
import dstutor.quiz.Card.Estimate;
import dstutor.quiz.Card.Option;
import dstutor.quiz.Card.Order;
import dstutor.quiz.Card.Terms;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One checker per kind, on its edge cases; cards are shown unshuffled unless a test says. */
class AnswerCheckTest {
  private static final String READ = "content/patterns/quorum.md#overlapping-quorums";

  private static Card card(Card.Answer a) {
    return new Card("quorum-x", "quorum", "Which?", a, "Because sets overlap.", READ, null);
  }

  /** The card shown in its written order (a, b, c = the first, second, third). */
  private static Shown plain(Card c, int n) {
    List<Integer> identity = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      identity.add(i);
    }
    return new Shown(c, identity);
  }

  private static final Choice ONE = new Choice(List.of(
      new Option("R + W > N", true, null),
      new Option("R + W = N", false, "Two halves can be disjoint."),
      new Option("W > R", false, "Only the sum matters.")));

  private static final Choice TWO = new Choice(List.of(
      new Option("3 + 2", true, null),
      new Option("2 × 3", false, "A product."),
      new Option("5 + 0", true, null)));

  @Test
  void choiceReadsLettersInAnyCaseAndSeparation() {
    Shown s = plain(card(ONE), 3);
    assertTrue(AnswerCheck.check(s, "a").right());
    assertTrue(AnswerCheck.check(s, " A ").right());
    assertTrue(AnswerCheck.check(s, "a)").right());
    Shown two = plain(card(TWO), 3);
    for (String in : new String[] {"a,c", "A C", "c a", "a and c", "ac", "a, c, a"}) {
      assertTrue(AnswerCheck.check(two, in).right(), in);
    }
    assertFalse(AnswerCheck.check(two, "a").right(), "only one of the two");
    assertFalse(AnswerCheck.check(two, "a b c").right(), "a wrong one with them");
  }

  @Test
  void aWrongChoiceShowsItsWhyTheAnswerAndTheLink() {
    Outcome o = AnswerCheck.check(plain(card(ONE), 3), "b");
    assertTrue(o.readable());
    assertFalse(o.right());
    assertEquals(List.of("you answered: b) R + W = N", "why not b): Two halves can be disjoint.",
        "the answer: a) R + W > N", "Because sets overlap.",
        "read: dstutor read quorum#overlapping-quorums"), o.lines());
    Outcome partial = AnswerCheck.check(plain(card(TWO), 3), "a");
    assertEquals(List.of("also correct: c) 5 + 0"), partial.why());
    assertEquals("a) 3 + 2; c) 5 + 0", partial.answer());
  }

  @Test
  void lettersOutOfRangeOrNoneAreNotGraded() {
    Shown s = plain(card(ONE), 3);
    assertEquals("'d' is not one of the letters a to c", AnswerCheck.check(s, "d").problem());
    assertEquals("'1' is not one of the letters a to c", AnswerCheck.check(s, "1").problem());
    assertEquals("type letters from a to c", AnswerCheck.check(s, "  ").problem());
  }

  @Test
  void choicesAreCheckedThroughTheShuffle() {
    Card c = card(ONE);
    Shown s = Shown.of(c, 7);
    char right = s.letterOf(0);
    assertTrue(AnswerCheck.check(s, String.valueOf(right)).right());
    assertTrue(AnswerCheck.check(s, String.valueOf(right)).lines().stream().noneMatch(
        l -> l.startsWith("the answer")), "a right answer does not repeat the answer");
    assertEquals(right + ") R + W > N", s.lettered().get(right - 'a'));
  }

  private static final Order ORDER = new Order(List.of("first", "second", "third", "fourth"));

  @Test
  void orderReadsLettersWithOrWithoutSpaces() {
    Shown s = new Shown(card(ORDER), List.of(2, 0, 3, 1));
    // Shown: a) third, b) first, c) fourth, d) second. Right: b d a c.
    assertTrue(AnswerCheck.check(s, "b d a c").right());
    assertTrue(AnswerCheck.check(s, "bdac").right());
    assertTrue(AnswerCheck.check(s, "B, D, A, C").right());
    Outcome wrong = AnswerCheck.check(s, "a b c d");
    assertFalse(wrong.right());
    assertEquals("a b c d", wrong.given());
    assertEquals(List.of("0 of 4 in the right place"), wrong.why());
    assertEquals("b d a c\n  1. b) first\n  2. d) second\n  3. a) third\n  4. c) fourth",
        wrong.answer());
  }

  @Test
  void orderNeedsEveryLetterOnce() {
    Shown s = new Shown(card(ORDER), List.of(2, 0, 3, 1));
    String how = "put all 4 letters in order, each once, like d c b a";
    assertEquals(how, AnswerCheck.check(s, "b d a").problem());
    assertEquals(how, AnswerCheck.check(s, "b d a a").problem());
    assertEquals(how, AnswerCheck.check(s, "b d a c c").problem());
    assertEquals("'e' is not one of the letters a to d", AnswerCheck.check(s, "bdae").problem());
  }

  @Test
  void aShuffledOrderIsNeverTheAnswerAndDependsOnTheSeed() {
    Card c = card(new Order(List.of("a", "b", "c")));
    Set<List<Integer>> seen = new HashSet<>();
    for (long seed = 0; seed < 200; seed++) {
      List<Integer> order = Shown.of(c, seed).order();
      assertNotEquals(List.of(0, 1, 2), order);
      seen.add(order);
    }
    assertEquals(5, seen.size(), "every order but the answer turns up");
    assertEquals(Shown.of(c, 42), Shown.of(c, 42), "the same seed, the same letters");
  }

  private static final Terms TERMS = new Terms(List.of("overlap|intersect",
      "available|availability", "read repair"), 2, "A model answer.");

  @Test
  void termsMatchWholeWordsCaseInsensitivelyWithPlurals() {
    Card c = card(TERMS);
    Shown s = Shown.of(c, 0);
    assertTrue(AnswerCheck.check(s, "Writes stay AVAILABLE but quorums may not overlap").right());
    assertTrue(AnswerCheck.check(s, "the sets intersect; availability").right());
    assertTrue(AnswerCheck.check(s, "overlaps and read-repairs").right(), "s and hyphens");
    assertTrue(AnswerCheck.check(s, "overlapes\nand\nread   repair").right(), "es, lines");
    assertFalse(AnswerCheck.check(s, "unavailable overlapping").right(), "not whole words");
    Outcome o = AnswerCheck.check(s, "it stays available");
    assertFalse(o.right());
    assertEquals(List.of("you named 1 of the 2 key terms needed: available (or availability)",
        "not named: overlap (or intersect)", "not named: read repair"), o.why());
    assertTrue(o.lines().contains("a model answer: A model answer."), o.lines().toString());
    assertEquals("write an answer in a sentence or two", AnswerCheck.check(s, " ").problem());
  }

  @Test
  void termsNeedAllByDefault() {
    Card c = card(new Terms(List.of("overlap", "available"), 2, "m"));
    assertFalse(AnswerCheck.check(Shown.of(c, 0), "overlap").right());
    assertTrue(AnswerCheck.check(Shown.of(c, 0), "overlap, available").right());
  }

  private static final Estimate EST = new Estimate(21_600_000, "hints", 2,
      "2,000/s × 3 h × 3,600 s/h = 21.6 million hints.");

  @Test
  void anEstimateIsRightWithinTheFactor() {
    Shown s = Shown.of(card(EST), 0);
    assertTrue(AnswerCheck.check(s, "21.6 million").right());
    assertTrue(AnswerCheck.check(s, "10.8M").right());
    assertTrue(AnswerCheck.check(s, "4.32e7 hints").right());
    assertFalse(AnswerCheck.check(s, "10.7M").right());
    Outcome o = AnswerCheck.check(s, "2k");
    assertFalse(o.right());
    assertEquals(List.of("you answered: 2,000 hints", "that is 10,800 times too low; within a"
        + " factor of 2 counts", "the answer: about 21.6 million hints (accepted: 10.8 million to"
        + " 43.2 million)", "working: 2,000/s × 3 h × 3,600 s/h = 21.6 million hints.",
        "Because sets overlap.", "read: dstutor read quorum#overlapping-quorums"), o.lines());
    assertEquals("could not read 'lots' as a number: write a number, like 5800, 5,800, 5.8k,"
        + " 5.8e3, 2M, 1.5G or 3 million (in hints)", AnswerCheck.check(s, "lots").problem());
  }

  @Test
  void aReadLinkBecomesACommand() {
    assertEquals("dstutor read quorum#x", AnswerCheck.readCommand("content/patterns/quorum.md#x"));
    assertEquals("dstutor read dynamo", AnswerCheck.readCommand("content/systems/dynamo.md"));
  }
}
