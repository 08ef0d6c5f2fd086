package dstutor.drill;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Plain lines for when stdin or stdout is not a terminal (a pipe, a file, a test): no status line
 * and no timer thread; what fell due is shown before the next line is read. No prompt is printed:
 * with a pipe on either side nobody would see it next to the line typed, and it would only
 * interleave with the output.
 */
public final class PlainIo implements DrillIo {
  private final BufferedReader in;
  private final PrintWriter out;

  public PlainIo(BufferedReader in, PrintWriter out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public String readLine(String prompt) {
    out.flush();
    try {
      return in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void show(String text) {
    out.println(text);
    out.flush();
  }

  @Override
  public void showAbove(String text, String prompt) {
    show(text);
  }

  @Override
  public void status(String line) {}

  @Override
  public boolean live() {
    return false;
  }

  @Override
  public void lend(boolean toEditor) {}

  @Override
  public void close() {
    out.flush();
  }
}
