package dstutor.yaml;

import java.nio.file.Path;

/**
 * One thing wrong in a course folder: where (file, line, column; line 0 when the whole file is
 * meant) and what, phrased so that the author knows the fix.
 */
public record Problem(Path file, int line, int column, String message) {
  public static Problem at(YNode.Loc loc, String message) {
    return new Problem(loc.file(), loc.line(), loc.column(), message);
  }

  public static Problem inFile(Path file, String message) {
    return new Problem(file, 0, 0, message);
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
  }
}
