package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Exercise;
import dstutor.grade.Because;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The fencing hidden suite shows the GC-pause run that breaks a store without fencing, and blames
 * the right half (store or client) for a wrong token. The suite runs in this JVM, compiled in
 * memory with the reference or a variant, one test method at a time.
 */
class FencingSuiteTest {

  @Test
  void kleppmannsRunShowsTheLostUpdateOfAStoreWithoutFencing() throws Exception {
    assertNull(run(null, "kleppmannsGcPauseRun"));
    Throwable t = run("wrong/no-fencing", "kleppmannsGcPauseRun");
    assertEquals("stale-holder", Because.hintOf(t));
    String m = t.getMessage();
    assertTrue(m.startsWith("write(\"file\", \"stale, from client 1\", 33) returned true;"
        + " expected false. Token 33 is lower than 34, the highest token accepted for \"file\""),
        m);
    assertTrue(m.contains("a store without fencing ends with read(\"file\") = \"stale, from"
        + " client 1\": client 2's update is lost"), m);
    assertTrue(m.contains("t=1   client 1 starts a 15 s GC pause"), m);
    assertTrue(m.contains("t=16  client 1 wakes: client 1.write(\"stale, from client 1\") with"
        + " its grant 33 -> true"), m);
  }

  @Test
  void anOffByOneIsToldApartFromNoFencingByAProbe() throws Exception {
    Throwable t = run("wrong/one-below-accepted", "kleppmannsGcPauseRun");
    assertEquals("check-at-the-resource", Because.hintOf(t));
    assertTrue(t.getMessage().contains("Token 33 is one below 34"), t.getMessage());
  }

  @Test
  void aClientThatNumbersItsOwnWritesIsBlamedNotTheStore() throws Exception {
    Throwable t = run("wrong/client-invents-token", "kleppmannsGcPauseRun");
    assertEquals("carry-the-token", Because.hintOf(t));
    assertTrue(t.getMessage().contains("client 1.write(\"stale, from client 1\") made the store"
        + " calls [write(\"file\", \"stale, from client 1\", 34)]; expected exactly"
        + " [write(\"file\", \"stale, from client 1\", 33)]"), t.getMessage());
  }

  @Test
  void randomRunsReplayBySeed() throws Exception {
    Throwable t = run("wrong/global-highest", "randomRunsMatchTheModel");
    assertEquals("per-resource", Because.hintOf(t));
    assertTrue(t.getMessage().contains("replay: dstutor submit"), t.getMessage());
    assertNull(run("right/record-per-resource-optional-grant", "randomRunsMatchTheModel"));
  }

  /** Runs one test method of the suite on variant {@code variant} (null: the reference). */
  private static Throwable run(String variant, String test) throws Exception {
    Exercise e = Shipped.exercise("fencing");
    Class<?> suite = Shipped.suite(e, Shipped.learnerTexts(e, variant));
    Constructor<?> c = suite.getDeclaredConstructor();
    c.setAccessible(true);
    Object instance = c.newInstance();
    Method m = suite.getDeclaredMethod(test);
    m.setAccessible(true);
    try {
      m.invoke(instance);
      return null;
    } catch (InvocationTargetException ex) {
      return ex.getCause();
    }
  }
}
