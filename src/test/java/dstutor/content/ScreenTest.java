package dstutor.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The pager plumbing, with a stand-in pager; a real terminal cannot be had in a test. */
class ScreenTest {

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void textGoesToThePagerCommandOnItsStandardInput(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("paged.txt");
    assertTrue(Screen.page("line 1\nline 2 ✓\n", "cat > '" + out + "'"));
    assertEquals("line 1\nline 2 ✓\n", Files.readString(out));
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aPagerThatDoesNotExistLetsTheCallerPrint() {
    assertFalse(Screen.page("text\n", "dstutor-no-such-pager-here"));
  }

  @Test
  void testsDoNotRunInATerminalAndWidthsStayReadable() {
    assertFalse(Screen.interactive());
    assertEquals(100, Screen.textWidth(new Screen.Size(50, 240)));
    assertEquals(72, Screen.textWidth(new Screen.Size(50, 72)));
    assertEquals(40, Screen.textWidth(new Screen.Size(50, 20)));
  }
}
