package dstutor.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.content.ContentCheck;
import dstutor.quiz.Card.Choice;
import dstutor.quiz.Card.Estimate;
import dstutor.quiz.Card.Order;
import dstutor.quiz.Card.Terms;
import dstutor.yaml.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card loader on the fixture's cards, and on broken copies of them. */
class CardLoaderTest {
  static final Path FIXTURE = Path.of("src/test/resources/fixture-course").toAbsolutePath();

  /** A copy of the fixture course's content in {@code tmp}. */
  static Path copy(Path tmp) {
    Path root = tmp.resolve("course");
    try (Stream<Path> s = Files.walk(FIXTURE.resolve("content"))) {
      for (Path p : s.toList()) {
        Path t = root.resolve(FIXTURE.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  private static Path cards(Path root) {
    return root.resolve("content/cards/addition.yaml");
  }

  /** Replaces {@code from} (which must occur) by {@code to} in the fixture's card file. */
  private static String edit(Path root, String from, String to) throws IOException {
    String text = Files.readString(cards(root));
    assertTrue(text.contains(from), from);
    String changed = text.replace(from, to);
    Files.writeString(cards(root), changed);
    return changed;
  }

  /** The 1-based line of the first occurrence of {@code snippet} in {@code text}. */
  private static int lineOf(String text, String snippet) {
    int at = text.indexOf(snippet);
    assertTrue(at >= 0, snippet);
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private static String problems(CardLoader.Result r) {
    return r.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  /** Adds an (empty) system page {@code id}. */
  private static void page(Path root, String id) throws IOException {
    Files.createDirectories(root.resolve("content/systems"));
    Files.writeString(root.resolve("content/systems/" + id + ".md"), "# " + id + "\n");
  }

  private static CardLoader.Result strict(Path root) {
    return CardLoader.check(root, ContentCheck::seeProblem);
  }

  @Test
  void loadsTheFixtureCardsOfEachKind() {
    CardLoader.Result r = strict(FIXTURE);
    assertEquals(List.of(), r.problems());
    Deck deck = r.deck();
    assertEquals(List.of("addition"), List.copyOf(deck.topics()));
    assertEquals(5, deck.topic("addition").size());
    Card identity = deck.find("addition-identity").orElseThrow();
    Choice c = assertInstanceOf(Choice.class, identity.answer());
    assertEquals(3, c.options().size());
    assertTrue(c.options().get(0).correct());
    assertEquals("That is what multiplying by zero gives.", c.options().get(1).why());
    assertEquals("Zero is the identity of addition.", identity.explain());
    assertEquals("content/patterns/addition.md#the-identity", identity.read());
    Order o = assertInstanceOf(Order.class, deck.find("addition-increasing").orElseThrow()
        .answer());
    assertEquals(List.of("1 + 1", "2 + 2", "3 + 4", "5 + 5"), o.items());
    Terms t = assertInstanceOf(Terms.class, deck.find("addition-overflow").orElseThrow()
        .answer());
    assertEquals(2, t.need());
    Estimate e = assertInstanceOf(Estimate.class, deck.find("addition-counter").orElseThrow()
        .answer());
    assertEquals(21_600_000, e.answer());
    assertEquals("increments", e.unit());
    assertEquals(2, e.within());
  }

  @Test
  void theShippedCardsHaveNoProblems() {
    Path repo = Path.of("").toAbsolutePath();
    CardLoader.Result r = strict(repo);
    assertEquals("", problems(r));
  }

  @Test
  void anUnknownKeySuggestsTheClosestWithItsPlace(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    String text = edit(root, "    explain: Zero", "    explian: Zero");
    String out = problems(CardLoader.load(root));
    assertTrue(out.contains(cards(root) + ":" + lineOf(text, "explian") + ":5: unknown key"
        + " 'explian' in a card; did you mean 'explain'?"), out);
  }

  @Test
  void missingKeysAreNamed(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    String text = edit(root, "    read: content/patterns/addition.md#the-identity\n", "");
    text = edit(root, "    working: 2,000 a second × 3 h × 3,600 s/h = 21.6 million increments.\n",
        "");
    String out = problems(CardLoader.load(root));
    assertTrue(out.contains(cards(root) + ":" + lineOf(text, "- id: addition-identity")
        + ":5: a card has no 'read'"), out);
    assertTrue(out.contains(cards(root) + ":" + lineOf(text, "- id: addition-counter")
        + ":5: a card has no 'working'"), out);
  }

  @Test
  void theTopicMustBeTheFileNameAndAPage(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    edit(root, "topic: addition", "topic: additions");
    String out = problems(CardLoader.load(root));
    assertTrue(out.contains(cards(root) + ":1:8: topic 'additions' differs from the file name"
        + " 'addition'"), out);
    Path other = root.resolve("content/cards/subtraction.yaml");
    Files.writeString(other, Files.readString(cards(root)).replace("addition", "subtraction"));
    out = problems(CardLoader.load(root));
    assertTrue(out.contains(other + ":1:8: 'subtraction' is not a page of the course"), out);
  }

  @Test
  void aCardIdUsedInTwoFilesIsReported(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    page(root, "abacus");
    Path other = root.resolve("content/cards/abacus.yaml");
    Files.writeString(other, "topic: abacus\nsources: [x]\ncards:\n"
        + "  - id: addition-identity\n    ask: A?\n    choices:\n      - text: yes\n"
        + "        correct: true\n      - text: no\n        why: because\n"
        + "    read: content/patterns/addition.md\n");
    String out = problems(CardLoader.load(root));
    // Files are read in name order: abacus.yaml first.
    assertTrue(out.contains(cards(root) + ":5:5: card id 'addition-identity' is also used at "
        + other + ":4:5; card ids must be unique across all card files"), out);
  }

  @Test
  void aCardNeedsExactlyOneAnswerKind(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    String text = edit(root, "    order:\n      - 1 + 1\n      - 2 + 2\n      - 3 + 4\n"
        + "      - 5 + 5\n", "");
    text = edit(root, "    estimate:\n", "    order: [a, b, c]\n    estimate:\n");
    String out = problems(CardLoader.load(root));
    assertTrue(out.contains(cards(root) + ":" + lineOf(text, "- id: addition-increasing")
        + ":5: card 'addition-increasing' has no answer: add one of 'choices', 'order', 'terms'"
        + " or 'estimate'"), out);
    assertTrue(out.contains(cards(root) + ":" + lineOf(text, "    estimate:") + ":5: card"
        + " 'addition-counter' has both 'order' and 'estimate'"), out);
  }

  @Test
  void aChoiceCardNeedsACorrectChoiceAndWhyOnWrongOnes(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    String text = edit(root, "      - text: The number itself\n        correct: true\n",
        "      - text: The number itself\n");
    String out = problems(CardLoader.load(root));
    assertTrue(out.contains(cards(root) + ":" + lineOf(text, "      - text: The number")
        + ":9: the wrong choice 'The number itself' has no 'why'"), out);
    assertTrue(out.contains(cards(root) + ":" + (lineOf(text, "    choices:") + 1)
        + ":7: card 'addition-identity' has no correct choice; mark one with 'correct: true'"),
        out);
  }

  @Test
  void orderNeedsThreeToSevenItems(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    String text = edit(root, "      - 3 + 4\n      - 5 + 5\n", "");
    String out = problems(CardLoader.load(root));
    assertTrue(out.contains(cards(root) + ":" + (lineOf(text, "    order:") + 1) + ":7: card"
        + " 'addition-increasing' has 2 items to order; give 3 to 7"), out);
    edit(root, "      - 2 + 2\n", "      - 2 + 2\n      - a\n      - b\n      - c\n      - d\n"
        + "      - e\n      - f\n");
    out = problems(CardLoader.load(root));
    assertTrue(out.contains("has 8 items to order; give 3 to 7"), out);
  }

  @Test
  void anEstimateNeedsAFactorOfAtLeastOne(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    String text = edit(root, "      within: 2", "      within: 0.5");
    String out = problems(CardLoader.load(root));
    assertTrue(out.contains(cards(root) + ":" + lineOf(text, "within: 0.5") + ":15: 'within'"
        + " is the factor an answer may be off by, so at least 1"), out);
  }

  @Test
  void aYamlNumberJavaDoesNotReadIsAProblemNotACrash(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    String text = edit(root, "      within: 2", "      within: -0x10");
    String out = problems(CardLoader.load(root));
    assertTrue(out.contains(cards(root) + ":" + lineOf(text, "within: -0x10") + ":15: 'within'"
        + " must be a number, like 21600000 or 2.16e7"), out);
  }

  @Test
  void aTermAPageLongIsAProblemNotARegexOverflow(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    // Under the 40,000 characters a YAML value may have (a longer one is refused as broken).
    String huge = "word ".repeat(6_000).strip();
    String text = edit(root, "      - overflow\n", "      - " + huge + "\n");
    String out = problems(CardLoader.load(root));
    assertTrue(out.contains(cards(root) + ":" + (lineOf(text, "terms:") + 1) + ":7: a term of card"
        + " 'addition-overflow' is 29999 characters long; a key term is a word or a few, at"
        + " most 100"), out.substring(0, Math.min(out.length(), 2000)));
  }

  @Test
  void aReadLinkMustResolve(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    String text = edit(root, "addition.md#the-identity", "addition.md#the-identiy");
    assertEquals(List.of(), CardLoader.load(root).problems(), "load only checks the form");
    String out = problems(strict(root));
    assertTrue(out.contains(cards(root) + ":" + lineOf(text, "#the-identiy") + ":11: read:"
        + " 'content/patterns/addition.md#the-identiy': content/patterns/addition.md has no"
        + " heading #the-identiy; did you mean #the-identity?"), out);
  }

  @Test
  void everyPageNeedsFiveCardsOnceThereAreCards(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    String text = edit(root, "  - id: addition-commutes", "  - id: addition-commutes\n"
        + "    explain: x").replaceAll("(?s)  - id: addition-commutes.*", "");
    Files.writeString(cards(root), text);
    page(root, "abacus");
    String out = problems(strict(root));
    assertTrue(out.contains(cards(root) + ":" + (lineOf(text, "cards:") + 1) + ":3: 'addition'"
        + " has 4 card(s); every pattern and system page needs at least 5"), out);
    assertTrue(out.contains(root.resolve("content/cards/abacus.yaml") + ": page 'abacus' has"
        + " no recall cards; write at least 5 in this file"), out);
    Files.delete(cards(root));
    Files.delete(root.resolve("content/cards"));
    assertEquals("", problems(strict(root)), "no cards folder: no course of cards yet");
  }

  @Test
  void aYamlErrorHasItsPlaceAndTheOtherCardsStillLoad(@TempDir Path tmp) throws IOException {
    Path root = copy(tmp);
    page(root, "abacus");
    Path broken = root.resolve("content/cards/abacus.yaml");
    Files.writeString(broken, "topic: abacus\ncards:\n  - id: x\n   ask: [\n");
    CardLoader.Result r = CardLoader.load(root);
    assertTrue(problems(r).startsWith(broken + ":"), problems(r));
    assertTrue(problems(r).contains("not valid YAML"), problems(r));
    assertEquals(5, r.deck().cards().size());
  }
}
