package dstutor.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * A run in a JLine terminal: the shell's own terminal, or one made for this command. On a real
 * terminal a status line counts down and events appear above the line being typed as they fall
 * due; on a dumb one (no cursor addressing) it behaves like {@link PlainIo}.
 */
public final class TerminalIo implements DrillIo {
  private final Terminal terminal;
  private final boolean owned;
  private final Reader reader;
  private final Status status;
  private String statusLine = "";
  private final Terminal.SignalHandler previousInterrupt;
  /** Ctrl-C pressed while no line was being read: the next read leaves. */
  private volatile boolean interrupted;
  private volatile boolean lent;

  /** Exposes the reader's lock so that the status line is drawn between its redraws. */
  private static final class Reader extends LineReaderImpl {
    Reader(Terminal terminal) throws IOException {
      super(terminal, "dstutor-drill", new HashMap<>());
    }

    void locked(Runnable r) {
      lock.lock();
      try {
        r.run();
      } finally {
        lock.unlock();
      }
    }
  }

  /** {@code owned}: the terminal was made for this run and is closed with it. */
  public TerminalIo(Terminal terminal, boolean owned) {
    this.terminal = terminal;
    this.owned = owned;
    try {
      this.reader = new Reader(terminal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // An answer is prose: "!" and "^" must stay as typed, not expand history.
    reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    boolean dumb = terminal.getType().startsWith("dumb");
    this.status = dumb ? null : Status.getStatus(terminal);
    // The reader handles Ctrl-C while it reads; between two reads it would end the JVM. Catch it
    // so that it saves and leaves like any other Ctrl-C, except while an editor has the screen.
    this.previousInterrupt = terminal.handle(Terminal.Signal.INT, s -> {
      if (!lent) {
        interrupted = true;
      }
    });
  }

  @Override
  public String readLine(String prompt) throws Interrupted {
    if (interrupted) {
      throw new Interrupted();
    }
    try {
      return reader.readLine(prompt);
    } catch (UserInterruptException e) {
      throw new Interrupted();
    } catch (EndOfFileException e) {
      return null;
    }
  }

  @Override
  public void show(String text) {
    reader.printAbove(text);
  }

  @Override
  public void showAbove(String text, String prompt) {
    reader.locked(() -> reader.setPrompt(prompt));
    reader.printAbove(text);
  }

  @Override
  public void status(String line) {
    if (status != null && !line.equals(statusLine)) {
      statusLine = line;
      reader.locked(() -> status.update(List.of(new AttributedString(line,
          AttributedStyle.INVERSE))));
    }
  }

  @Override
  public boolean live() {
    return status != null;
  }

  @Override
  public void lend(boolean toEditor) {
    lent = toEditor;
    if (status != null) {
      reader.locked(() -> status.update(toEditor ? List.of()
          : List.of(new AttributedString(statusLine, AttributedStyle.INVERSE))));
    }
  }

  @Override
  public void close() {
    terminal.handle(Terminal.Signal.INT, previousInterrupt);
    if (status != null) {
      reader.locked(() -> status.update(List.of()));
    }
    terminal.flush();
    if (owned) {
      try {
        terminal.close();
      } catch (IOException e) {
        // Closing restores the terminal's modes; nothing is lost if that fails at exit.
      }
    }
  }
}
