package dstutor.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Edits a phase's answer in the learner's own editor ({@code edit} during a run). */
@FunctionalInterface
public interface Editor {
  /** Lets the learner edit {@code file} and returns once they are done. */
  void edit(Path file) throws IOException, InterruptedException;

  /**
   * The editor named by {@code command} ($VISUAL or $EDITOR, which may carry arguments such as
   * {@code code --wait}), run on the same terminal.
   */
  static Editor external(String command) {
    return file -> {
      List<String> args = new ArrayList<>(List.of(command.trim().split("\\s+")));
      args.add(file.toString());
      int code = new ProcessBuilder(args).inheritIO().start().waitFor();
      if (code != 0) {
        throw new IOException("'" + command + "' exited with code " + code);
      }
    };
  }

  /** Writes {@code text} to {@code file}, lets the learner edit it, and returns what was saved. */
  static String round(Editor editor, Path file, String text)
      throws IOException, InterruptedException {
    Files.writeString(file, text.isEmpty() ? "" : text + "\n", StandardCharsets.UTF_8);
    editor.edit(file);
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
