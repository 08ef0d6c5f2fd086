package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.InMemoryCompiler.Source;
import dstutor.grade.Verdict.CompileError;
import dstutor.grade.Verdict.Status;
import dstutor.grade.Verdict.TestResult;
import dstutor.grade.WorkerProtocol.Request;
import dstutor.grade.WorkerProtocol.Result;
import dstutor.grade.WorkerProtocol.Started;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The processes' message format: what goes in comes out, and nothing else is taken. */
class WireTest {
  interface Send {
    void to(Wire.Writer w) throws IOException;
  }

  static byte[] bytes(Send... messages) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Wire.Writer w = new Wire.Writer(out);
    for (Send m : messages) {
      m.to(w);
    }
    return out.toByteArray();
  }

  static Wire.Reader reader(byte[] b) throws IOException {
    return new Wire.Reader(new ByteArrayInputStream(b));
  }

  static Wire.Reader reader(String s) throws IOException {
    return reader(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyMessageComesBackAsItWent() throws IOException {
    GradeJob job = new GradeJob("quorum", List.of(
        new Source("A.java", "/ws/patterns/quorum/A.java", "class A { String s = \"\\n\u00e9\"; }",
            true),
        new Source("Suite.java", "/course/Suite.java", "class Suite {}\n", false)),
        "Suite", Set.of("A.java"), 7L, 5, 30, 256, true);
    Verdict verdict = new Verdict("quorum", Status.FAILED, List.of(
        new TestResult("reads see writes", "failed", "stale read\nseed 7", "overlap"),
        new TestResult("empty", "passed", null, null)),
        List.of(new CompileError("A.java", 3, 9, "  int x = ;", "illegal start")),
        null, 7L, 412);
    Request request = new Request("quorum", "Suite", Map.of("A", new byte[] {0, 1, -2, 127}),
        Set.of("A.java"), Set.of("A"), null, 5, 256, false, true);
    Started started = new Started("reads see writes", null, true);
    Result result = new Result(Status.TIMEOUT, verdict.tests(), "loop", null, false);
    byte[] b = bytes(w -> w.job(job), w -> w.verdict(verdict), w -> w.request(request),
        w -> w.started(started), w -> w.result(result), w -> w.error("no"));
    assertEquals(6, new String(b, StandardCharsets.UTF_8).lines().count(),
        "one message per line");
    try (Wire.Reader r = reader(b)) {
      assertEquals(job, r.next("job"));
      assertEquals(verdict, r.next("verdict"));
      Request back = (Request) r.next("run");
      assertArrayEquals(new byte[] {0, 1, -2, 127}, back.classes().get("A"));
      assertEquals(request.learnerFiles(), back.learnerFiles());
      assertEquals(request.learnerClasses(), back.learnerClasses());
      assertNull(back.seed());
      assertEquals(started, r.next("started", "result"));
      assertEquals(result, r.next("started", "result"));
      assertEquals(new Wire.Error("no"), r.next("error"));
      assertNull(r.next("job"), "the end of the stream");
    }
  }

  @Test
  void submitJsonKeepsItsFields() {
    Verdict v = new Verdict("adder", Status.PASSED, List.of(new TestResult("adds", "passed",
        null, null)), List.of(), null, null, 12);
    assertEquals("{\"exercise\":\"adder\",\"status\":\"passed\",\"passed\":1,\"failed\":0,"
        + "\"millis\":12,\"seed\":null,\"tests\":[{\"name\":\"adds\",\"status\":\"passed\","
        + "\"message\":null,\"hint\":null}]}", Wire.verdictJson(v));
  }

  @Test
  void refusesWhatItDoesNotUnderstand() throws IOException {
    String job = new String(bytes(w -> w.job(new GradeJob("x", List.of(), "S", Set.of(), null,
        1, 1, 1, false))), StandardCharsets.UTF_8);
    Map<String, String> bad = Map.of(
        "garbage", "\u00ac\u00ed\u0000\u0005sr\u0000",
        "another version", job.replace("\"v\":1", "\"v\":2"),
        "a version as a string", job.replace("\"v\":1", "\"v\":\"1\""),
        "another type", job.replace("\"type\":\"job\"", "\"type\":\"jobs\""),
        "an unknown field", job.replace("\"exercise\":", "\"extra\":1,\"exercise\":"),
        "a missing field", job.replace("\"suiteClass\":\"S\",", ""),
        "a field twice", job.replace("\"suiteClass\":\"S\",", "\"suiteClass\":\"S\","
            + "\"suiteClass\":\"T\","),
        "a wrong type", job.replace("\"testSeconds\":1", "\"testSeconds\":\"1\""),
        "a cut message", job.substring(0, job.length() / 2),
        "deep nesting", "[".repeat(5000));
    for (Map.Entry<String, String> e : bad.entrySet()) {
      Wire.WireException x = assertThrows(Wire.WireException.class,
          () -> reader(e.getValue()).next("job"), e.getKey());
      assertTrue(x.getMessage().length() < 300, e.getKey() + ": " + x.getMessage());
    }
    Wire.WireException x = assertThrows(Wire.WireException.class,
        () -> reader(job.replace("\"v\":1", "\"v\":2")).next("job"));
    assertTrue(x.getMessage().contains("version 2"), x.getMessage());
    x = assertThrows(Wire.WireException.class,
        () -> reader(job.replace("\"exercise\":", "\"extra\":1,\"exercise\":")).next("job"));
    assertTrue(x.getMessage().contains("'extra'"), x.getMessage());
  }

  @Test
  void aHugeValueIsNotEchoed() {
    String huge = "x".repeat(2_000_000);
    Wire.WireException x = assertThrows(Wire.WireException.class, () -> reader(
        "{\"v\":1,\"type\":\"" + huge + "\",\"body\":{}}").next("job"));
    assertTrue(x.getMessage().length() < 300, x.getMessage().length() + " chars");
  }
}
