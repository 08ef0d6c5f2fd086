package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.ClassReport.Entry;
import dstutor.grade.Verdict.CompileError;
import dstutor.grade.Verdict.Status;
import dstutor.grade.Verdict.TestResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The class report's caps and its XML, on verdicts made to be awkward. */
class ClassReportTest {
  @Test
  void aLongMessageIsCutWithANoteSayingHowMuch() {
    String cut = ClassReport.cut("x".repeat(5000), 4096);
    assertEquals("x".repeat(4096) + "… [cut: 904 more characters]", cut);
    assertEquals("short", ClassReport.cut("short", 4096));
    // Never half a surrogate pair.
    String emoji = "a".repeat(9) + "\uD83D\uDE00" + "b";
    assertEquals("a".repeat(9) + "… [cut: 3 more characters]", ClassReport.cut(emoji, 10));
  }

  @Test
  void aRecordStaysSmallHoweverManyTestsAndErrorsItHas() {
    List<TestResult> tests = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      tests.add(new TestResult("property " + i, "failed", "y".repeat(10_000), null));
    }
    List<CompileError> errors = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      errors.add(new CompileError("A.java", i, 1, "z".repeat(1000), "cannot find symbol"));
    }
    Verdict v = new Verdict("adder", Status.FAILED, tests, errors, "m".repeat(100_000), 7L, 5);
    String json = ClassReport.jsonLines(List.of(Entry.of("eve", v)));
    assertTrue(json.length() < 100_000, "a record of " + json.length() + " characters");
    assertTrue(json.startsWith("{\"student\":\"eve\",\"exercise\":\"adder\",\"status\":\"failed\""),
        json.substring(0, 100));
    assertTrue(json.contains("(and 30 more compile errors not shown)"));
    assertTrue(json.contains("more characters]"));
    assertEquals(1, json.lines().count());
  }

  @Test
  void theJunitXmlIsWellFormedWhateverTheLearnerPrinted() throws Exception {
    String nasty = "a\u0000b\u0001c\u001b[31m\uFFFE\uD800 <tag> & \"q\" ]]> \uD83D\uDE00\ttab";
    Verdict v = new Verdict("adder", Status.CRASHED,
        List.of(new TestResult("p", "crashed", nasty, "sum")), List.of(), nasty, null, 1200);
    String xml = ClassReport.junit(List.of(Entry.of("st\u0007udent", v),
        new Entry("st\u0007udent", "quorum", "missing", null, "no file")), 1.5);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertEquals("st\\u0007udent", suite.getAttribute("name"));
    assertEquals("2", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("errors"));
    Element error = (Element) doc.getElementsByTagName("error").item(0);
    assertEquals("crashed", error.getAttribute("type"));
    String expected = "a\\u0000b\\u0001c\\u001b[31m\\ufffe\\ud800 <tag> & \"q\" ]]> \uD83D\uDE00"
        + "\ttab";
    assertEquals(expected, error.getAttribute("message"));
    assertTrue(error.getTextContent().contains(expected), error.getTextContent());
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertEquals("missing", failure.getAttribute("type"));
    assertEquals("no file", failure.getTextContent());
  }
}
