package dstutor.yaml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a course file, read as UTF-8 without failing on bytes that are not: each bad
 * sequence becomes U+FFFD, and the first is kept as a problem at its line and column, so that a
 * learner can still read a page while {@code course check} tells its author what to fix.
 */
public record SourceText(String text, Problem badBytes) {
  public static SourceText read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return new SourceText(new String(bytes, StandardCharsets.UTF_8), firstBadByte(file, bytes));
  }

  public boolean valid() {
    return badBytes == null;
  }

  /** Where the first byte sequence that is not UTF-8 starts, or null if there is none. */
  private static Problem firstBadByte(Path file, byte[] bytes) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = d.decode(in, out, true);
    if (!r.isError()) {
      return null;
    }
    out.flip();
    int line = 1;
    int column = 1;
    while (out.hasRemaining()) {
      if (out.get() == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Problem(file, line, column, String.format("byte 0x%02X is not UTF-8; save the file"
        + " as UTF-8 and retype the character here", bytes[in.position()] & 0xFF));
  }
}
