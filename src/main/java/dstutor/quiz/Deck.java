package dstutor.quiz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The recall cards of a course, by topic (a pattern or system page id), in file order. */
public final class Deck {
  private final List<Card> cards;
  private final Map<String, List<Card>> byTopic = new LinkedHashMap<>();
  private final Map<String, Card> byId = new LinkedHashMap<>();

  public Deck(List<Card> cards) {
    this.cards = List.copyOf(cards);
    for (Card c : this.cards) {
      byTopic.computeIfAbsent(c.topic(), k -> new ArrayList<>()).add(c);
      byId.putIfAbsent(c.id(), c);
    }
    byTopic.replaceAll((k, v) -> List.copyOf(v));
  }

  public List<Card> cards() {
    return cards;
  }

  /** The topics that have cards, in file order. */
  public Set<String> topics() {
    return byTopic.keySet();
  }

  /** The cards of {@code topic}; empty when it has none. */
  public List<Card> topic(String topic) {
    return byTopic.getOrDefault(topic, List.of());
  }

  public Optional<Card> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public boolean isEmpty() {
    return cards.isEmpty();
  }
}
