package dstutor.term;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Where a command that asks questions reads its answers, one line at a time: standard input on
 * the command line, the shell's line reader in the shell (so that the two do not fight over the
 * terminal), a string in tests.
 */
@FunctionalInterface
public interface LineInput {
  /** Shows {@code prompt} and reads one line without its line end; null at end of input. */
  String readLine(String prompt);

  /**
   * Lines from {@code in}; prompts go to {@code out}. With {@code echo} each line read is printed
   * after its prompt, as a terminal would have shown it, so that a transcript of piped input reads
   * as a dialogue.
   */
  static LineInput of(InputStream in, PrintWriter out, boolean echo) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return prompt -> {
      out.print(prompt);
      out.flush();
      String line;
      try {
        line = reader.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (echo) {
        out.println(line == null ? "" : line);
        out.flush();
      }
      return line;
    };
  }
}
