package dstutor.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhrasesTest {
  @Test
  void wordsAreLowerCaseRunsOfLettersAndDigits() {
    assertEquals(List.of("r", "w", "n", "so", "3", "of", "5", "vector", "clocks"),
        Phrases.words("R+W>N, so 3-of-5 (Vector-Clocks)!"));
  }

  @Test
  void aPhraseNeverMatchesInsideALongerWord() {
    assertFalse(Phrases.mentions("a string of bytes", "ring"));
    assertFalse(Phrases.mentions("we use hashing", "hash"));
    assertFalse(Phrases.mentions("bring the ring", "hash ring"));
    assertTrue(Phrases.mentions("a hash ring", "hash ring"));
  }

  @Test
  void aTrailingSOrEsOnTheLearnersWordIsTolerated() {
    assertTrue(Phrases.mentions("virtual nodes spread load", "virtual node"));
    assertTrue(Phrases.mentions("two quorums", "quorum"));
    assertTrue(Phrases.mentions("write the indexes", "index"));
    assertTrue(Phrases.mentions("Vector Clocks", "vector clock"));
    // Only the learner's word may be longer, and only by s or es.
    assertFalse(Phrases.mentions("one vnode", "vnodes"));
    assertFalse(Phrases.mentions("quorumed", "quorum"));
    assertFalse(Phrases.mentions("the nodesss", "node"));
  }

  @Test
  void hyphensAndPunctuationSplitWordsOnBothSides() {
    assertTrue(Phrases.mentions("each vector-clock entry", "vector clock"));
    assertTrue(Phrases.mentions("a vector clock", "vector-clock"));
    assertTrue(Phrases.mentions("PC/EC under PACELC", "pc/ec"));
    assertTrue(Phrases.mentions("keep-alives every 12 s", "keep-alive"));
    assertFalse(Phrases.mentions("keepalive", "keep-alive"));
    assertTrue(Phrases.mentions("R + W > N", "r + w"));
  }

  @Test
  void wordsMustBeConsecutiveButMayCrossLines() {
    assertTrue(Phrases.mentions("we route with consistent\nhashing, of course", "consistent hashing"));
    assertTrue(Phrases.mentions("line one\n\nhinted\r\nhandoff", "hinted handoff"));
    assertFalse(Phrases.mentions("consistent, fast hashing", "consistent hashing"));
    assertFalse(Phrases.mentions("hashing consistent", "consistent hashing"));
  }

  @Test
  void apostrophesAreDroppedSoAPossessiveReadsAsAPlural() {
    assertTrue(Phrases.mentions("the leader's lease", "leader lease"));
    assertTrue(Phrases.mentions("the leader’s lease", "leader lease"));
    assertTrue(Phrases.mentions("don't", "dont"));
  }

  @Test
  void caseAndNonAsciiLetters() {
    assertTrue(Phrases.mentions("QUORUM reads", "quorum read"));
    assertTrue(Phrases.mentions("la réplication", "réplication"));
    assertFalse(Phrases.mentions("", "quorum"));
    assertFalse(Phrases.mentions("quorum", "--"));
  }
}
