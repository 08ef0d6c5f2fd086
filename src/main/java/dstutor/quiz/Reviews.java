package dstutor.quiz;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The learner's review state: per card its SM-2 schedule and due day, and per topic when a drill
 * last brought it forward. Days are the learner's calendar days in the clock's zone, so a card due
 * "tomorrow" is due from midnight, not 24 hours after the answer. Stored by {@link ReviewStore}.
 */
public final class Reviews {
  /** New cards introduced per day unless {@code --new} says otherwise. */
  public static final int NEW_PER_DAY = 10;

  private final Map<String, CardState> cards = new LinkedHashMap<>();
  private final Map<String, Instant> forwarded = new LinkedHashMap<>();

  /**
   * One card's state: its schedule, the day it is due, when and how it was last answered, the day
   * it was first seen, and counts.
   */
  public record CardState(Sm2 schedule, LocalDate due, Instant last, boolean lastRight,
      LocalDate introduced, int reviews, int lapses) {}

  /** Recall of one topic, for the mastery view. */
  public record Recall(int cards, int reviewed, int rightLast, int due) {}

  /** The state of card {@code id}, or null for a card never reviewed. */
  public CardState state(String id) {
    return cards.get(id);
  }

  /** Every card state, by card id (for the store). */
  Map<String, CardState> states() {
    return cards;
  }

  /** When each topic was last brought forward (for the store). */
  Map<String, Instant> forwarded() {
    return forwarded;
  }

  /**
   * Whether {@code card} is due for review at the clock's now: its due day has come, or a drill
   * brought its topic forward after its last review (a new card of such a topic included). A new
   * card is otherwise not "due": it is introduced by {@link #queue}, a few a day.
   */
  public boolean isDue(Card card, Clock clock) {
    CardState s = cards.get(card.id());
    Instant fwd = forwarded.get(card.topic());
    if (s == null) {
      return fwd != null;
    }
    if (fwd != null && s.last().isBefore(fwd)) {
      return true;
    }
    return !today(clock).isBefore(s.due());
  }

  /**
   * The cards to serve now from {@code cards}: with {@code all}, every one; otherwise the due
   * ones, most overdue first, then up to {@code newLimit} new cards less those already introduced
   * today.
   */
  public List<Card> queue(List<Card> from, Clock clock, int newLimit, boolean all) {
    if (all) {
      return List.copyOf(from);
    }
    List<Card> due = new ArrayList<>();
    List<Card> fresh = new ArrayList<>();
    for (Card c : from) {
      if (isDue(c, clock)) {
        due.add(c);
      } else if (!cards.containsKey(c.id())) {
        fresh.add(c);
      }
    }
    // Reviews first, the longest overdue first; brought-forward new cards after them.
    due.sort(Comparator.comparing(c -> cards.containsKey(c.id()) ? cards.get(c.id()).due()
        : LocalDate.MAX));
    int room = Math.max(0, newLimit - introducedOn(today(clock)));
    List<Card> out = new ArrayList<>(due);
    out.addAll(fresh.subList(0, Math.min(room, fresh.size())));
    return out;
  }

  /** How many cards were first reviewed on {@code day}. */
  public int introducedOn(LocalDate day) {
    return (int) cards.values().stream().filter(s -> s.introduced().equals(day)).count();
  }

  /** Records an answer to {@code card} now and reschedules it by SM-2; returns its new state. */
  public CardState record(Card card, boolean right, Clock clock) {
    LocalDate today = today(clock);
    CardState old = cards.get(card.id());
    Sm2 schedule = (old == null ? Sm2.NEW : old.schedule()).next(right ? Sm2.RIGHT : Sm2.WRONG);
    CardState s = new CardState(schedule, today.plusDays(schedule.interval()), clock.instant(),
        right, old == null ? today : old.introduced(), (old == null ? 0 : old.reviews()) + 1,
        (old == null ? 0 : old.lapses()) + (right ? 0 : 1));
    cards.put(card.id(), s);
    return s;
  }

  /**
   * Makes every card of {@code topics} due now, new cards included (beyond the daily limit of new
   * cards): a drill that missed a concept calls this with the topics of the concepts it missed.
   * A card answered after {@code now} is scheduled as usual again.
   */
  public void bringForward(Set<String> topics, Instant now) {
    for (String t : topics) {
      forwarded.merge(t, now, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  /** Drops the marks of topics whose every card has been answered since it was brought forward. */
  public void prune(Deck deck) {
    forwarded.entrySet().removeIf(e -> deck.topic(e.getKey()).stream().allMatch(c -> {
      CardState s = cards.get(c.id());
      return s != null && !s.last().isBefore(e.getValue());
    }));
  }

  /**
   * Recall per topic of {@code deck}: how many cards, how many reviewed, right on their last
   * review, and due now (new cards are due only when their topic was brought forward).
   */
  public Map<String, Recall> recall(Deck deck, Clock clock) {
    Map<String, Recall> out = new LinkedHashMap<>();
    for (String topic : deck.topics()) {
      int reviewed = 0;
      int right = 0;
      int due = 0;
      for (Card c : deck.topic(topic)) {
        CardState s = cards.get(c.id());
        reviewed += s == null ? 0 : 1;
        right += s != null && s.lastRight() ? 1 : 0;
        due += isDue(c, clock) ? 1 : 0;
      }
      out.put(topic, new Recall(deck.topic(topic).size(), reviewed, right, due));
    }
    return out;
  }

  /** How many cards of {@code from} are due now. */
  public int dueCount(List<Card> from, Clock clock) {
    return (int) from.stream().filter(c -> isDue(c, clock)).count();
  }

  /** The earliest due day among the reviewed cards of {@code from}, or null when none is. */
  public LocalDate nextDue(List<Card> from) {
    return from.stream().map(c -> cards.get(c.id())).filter(s -> s != null).map(CardState::due)
        .min(Comparator.naturalOrder()).orElse(null);
  }

  static LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), clock.getZone());
  }
}
