package dstutor.quiz;

import dstutor.yaml.YNode.Loc;
import java.util.List;

/**
 * One recall card, or one question of a quiz exercise (the same format): what is asked, how the
 * answer is checked, and where to read. {@code topic} is the page id of the card file, or null for
 * a quiz exercise's question; {@code explain} may be null. {@code loc} is where the card starts,
 * for messages.
 */
public record Card(String id, String topic, String ask, Answer answer, String explain,
    String read, Loc loc) {

  /** How an answer to a card is checked: one of four kinds. */
  public sealed interface Answer permits Choice, Order, Terms, Estimate {
    /** The kind's name as the card format spells its key. */
    String key();
  }

  /** Pick the correct choice or choices; a wrong choice says why it is wrong. */
  public record Choice(List<Option> options) implements Answer {
    public Choice {
      options = List.copyOf(options);
    }

    @Override
    public String key() {
      return "choices";
    }
  }

  /** One choice; {@code why} is null on a correct one. */
  public record Option(String text, boolean correct, String why) {}

  /** Put the items in order; {@code items} are in the correct order. */
  public record Order(List<String> items) implements Answer {
    public Order {
      items = List.copyOf(items);
    }

    @Override
    public String key() {
      return "order";
    }
  }

  /**
   * Write an answer that names {@code need} of the key terms; each term lists alternatives
   * separated by {@code |}. {@code model} is the model answer shown afterwards.
   */
  public record Terms(List<String> terms, int need, String model) implements Answer {
    public Terms {
      terms = List.copyOf(terms);
    }

    @Override
    public String key() {
      return "terms";
    }
  }

  /**
   * Give a number within a factor {@code within} of {@code answer}; {@code working} shows the
   * calculation.
   */
  public record Estimate(double answer, String unit, double within, String working)
      implements Answer {
    @Override
    public String key() {
      return "estimate";
    }
  }
}
