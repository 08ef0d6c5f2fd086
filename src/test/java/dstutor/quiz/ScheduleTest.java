package dstutor.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SM-2 as published, and the schedule built on it: due days, new cards a day, drill misses. */
class ScheduleTest {
  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    Instant now;
    final ZoneId zone;

    TestClock(String start, ZoneId zone) {
      this.now = Instant.parse(start);
      this.zone = zone;
    }

    void days(long n) {
      now = now.plus(Duration.ofDays(n));
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
      return new TestClock(now.toString(), z);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static Card card(String topic, int i) {
    return new Card(topic + "-" + i, topic, "?", new Card.Terms(List.of("x"), 1, "x"), null,
        "content/patterns/" + topic + ".md", null);
  }

  static List<Card> cards(String topic, int n) {
    List<Card> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(card(topic, i));
    }
    return out;
  }

  @Test
  void sm2IntervalsAndEasinessAsPublished() {
    Sm2 s = Sm2.NEW.next(4);
    assertEquals(new Sm2(1, 2.5, 1), s);
    s = s.next(4);
    assertEquals(new Sm2(2, 2.5, 6), s);
    s = s.next(4);
    assertEquals(new Sm2(3, 2.5, 15), s, "6 × 2.5");
    s = s.next(4);
    assertEquals(new Sm2(4, 2.5, 38), s, "15 × 2.5 = 37.5, rounded up");
    Sm2 missed = s.next(2);
    assertEquals(0, missed.repetitions());
    assertEquals(1, missed.interval());
    assertEquals(2.18, missed.ef(), 1e-9, "2.5 + 0.1 - 3 × (0.08 + 3 × 0.02)");
    assertEquals(2.6, Sm2.NEW.next(5).ef(), 1e-9);
    assertEquals(2.36, Sm2.NEW.next(3).ef(), 1e-9);
    assertEquals(1.7, Sm2.NEW.next(0).ef(), 1e-9);
    Sm2 low = Sm2.NEW;
    for (int i = 0; i < 10; i++) {
      low = low.next(2);
    }
    assertEquals(1.3, low.ef(), 1e-9, "EF never falls below 1.3");
    // After a miss the intervals start again at 1 and 6, then grow by the lowered EF.
    Sm2 again = missed.next(4).next(4).next(4);
    assertEquals(new Sm2(3, 2.18, 14), again, "6 × 2.18 = 13.08, rounded up");
  }

  @Test
  void aCardAnsweredRightMovesOutAndAMissedOneComesBackSooner() {
    TestClock clock = new TestClock("2026-12-01T09:00:00Z", ZoneOffset.UTC);
    Card c = card("quorum", 1);
    Reviews r = new Reviews();
    assertFalse(r.isDue(c, clock), "a new card is introduced, not due");
    assertEquals(LocalDate.parse("2026-12-02"), r.record(c, true, clock).due());
    assertFalse(r.isDue(c, clock));
    clock.days(1);
    assertTrue(r.isDue(c, clock));
    assertEquals(LocalDate.parse("2026-12-08"), r.record(c, true, clock).due(), "6 days");
    clock.days(6);
    assertEquals(LocalDate.parse("2026-12-23"), r.record(c, true, clock).due(), "15 days");
    clock.days(15);
    Reviews.CardState missed = r.record(c, false, clock);
    assertEquals(LocalDate.parse("2026-12-24"), missed.due(), "back the next day");
    assertEquals(1, missed.lapses());
    assertEquals(4, missed.reviews());
    assertFalse(missed.lastRight());
    clock.days(1);
    assertEquals(LocalDate.parse("2026-12-25"), r.record(c, true, clock).due(), "1 day again");
  }

  @Test
  void dueDaysAreTheLearnersCalendarDays() {
    // 23:30 in New York is already the next day in UTC: the card is due from local midnight.
    TestClock clock = new TestClock("2026-12-02T04:30:00Z", ZoneId.of("America/New_York"));
    Card c = card("quorum", 1);
    Reviews r = new Reviews();
    assertEquals(LocalDate.parse("2026-12-02"), r.record(c, true, clock).due());
    clock.now = Instant.parse("2026-12-02T05:00:00Z");
    assertTrue(r.isDue(c, clock), "00:00 in New York");
  }

  @Test
  void newCardsComeAFewADayAfterTheDueOnes() {
    TestClock clock = new TestClock("2026-12-01T09:00:00Z", ZoneOffset.UTC);
    List<Card> deck = cards("quorum", 12);
    Reviews r = new Reviews();
    List<Card> first = r.queue(deck, clock, 10, false);
    assertEquals(deck.subList(0, 10), first);
    for (Card c : first.subList(0, 4)) {
      r.record(c, true, clock);
    }
    assertEquals(deck.subList(4, 10), r.queue(deck, clock, 10, false), "6 new left today");
    first.subList(4, 10).forEach(c -> r.record(c, false, clock));
    assertEquals(List.of(), r.queue(deck, clock, 10, false), "nothing due, no new left today");
    assertEquals(12, r.queue(deck, clock, 10, true).size(), "--all: every card");
    clock.days(1);
    List<Card> next = r.queue(deck, clock, 10, false);
    assertEquals(12, next.size(), "10 due and the 2 new ones");
    assertEquals(deck.subList(10, 12), next.subList(10, 12), "new ones after the reviews");
    assertEquals(10, r.dueCount(deck, clock));
  }

  @Test
  void aDrillMissMakesATopicsCardsDueNewOnesIncluded() {
    TestClock clock = new TestClock("2026-12-01T09:00:00Z", ZoneOffset.UTC);
    List<Card> quorum = cards("quorum", 3);
    List<Card> gossip = cards("gossip", 2);
    List<Card> all = new ArrayList<>(quorum);
    all.addAll(gossip);
    Deck deck = new Deck(all);
    Reviews r = new Reviews();
    r.record(quorum.get(0), true, clock);
    r.record(gossip.get(0), true, clock);
    clock.days(1);
    r.record(quorum.get(0), true, clock);
    r.record(gossip.get(0), true, clock);
    assertEquals(List.of(), r.queue(all, clock, 0, false), "due in 6 days; no new cards");
    clock.now = clock.now.plusSeconds(60);
    r.bringForward(Set.of("quorum"), clock.instant());
    assertEquals(quorum, r.queue(all, clock, 0, false), "the reviewed card and the 2 new ones");
    assertEquals(new Reviews.Recall(3, 1, 1, 3), r.recall(deck, clock).get("quorum"));
    assertEquals(new Reviews.Recall(2, 1, 1, 0), r.recall(deck, clock).get("gossip"));
    clock.now = clock.now.plusSeconds(60);
    r.record(quorum.get(0), true, clock);
    r.record(quorum.get(1), false, clock);
    assertEquals(List.of(quorum.get(2)), r.queue(all, clock, 0, false));
    r.prune(deck);
    assertEquals(Map.of("quorum", r.forwarded().get("quorum")), r.forwarded(), "one unanswered");
    r.record(quorum.get(2), true, clock);
    r.prune(deck);
    assertEquals(Map.of(), r.forwarded(), "all answered since: the mark goes");
    assertEquals(LocalDate.parse("2026-12-17"), r.state(quorum.get(0).id()).due(),
        "an early review moves the card on as usual: 6 × 2.5 = 15 days");
  }
}
