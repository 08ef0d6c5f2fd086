package dstutor.cli;

import dstutor.session.Session;
import dstutor.term.Console;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

/**
 * Single keys for {@code watch}: from the terminal in raw mode (the shell's own, or one opened
 * here), or, when input is piped, from its characters. {@link #END} when input ends.
 */
final class Keys implements AutoCloseable {
  static final int END = -1;
  /** Not a key: something else (a saved file) woke the reader of {@link #poll}. */
  static final int WAKE = -2;
  private final BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
  private volatile boolean closed;
  private Thread thread;
  private Runnable restore = () -> { };

  static Keys open(Session session) {
    Keys k = new Keys();
    Terminal shell = session.terminal().orElse(null);
    try {
      if (shell != null) {
        k.fromTerminal(shell, false);
      } else if (Console.interactive() && session.stdin() == System.in) {
        k.fromTerminal(TerminalBuilder.builder().system(true).build(), true);
      } else {
        k.fromStream(session.stdin());
      }
    } catch (IOException e) {
      k.fromStream(session.stdin());
    }
    return k;
  }

  private void fromTerminal(Terminal t, boolean own) {
    Attributes saved = t.enterRawMode();
    restore = () -> {
      t.setAttributes(saved);
      if (own) {
        try {
          t.close();
        } catch (IOException e) {
          // Closing a terminal we opened; nothing to keep.
        }
      }
    };
    NonBlockingReader r = t.reader();
    start(() -> {
      try {
        while (!closed) {
          int c = r.read(100);
          if (c == NonBlockingReader.READ_EXPIRED) {
            continue;
          }
          queue.add(c < 0 ? END : c);
          if (c < 0) {
            return;
          }
        }
      } catch (IOException e) {
        queue.add(END);
      }
    });
  }

  private void fromStream(InputStream in) {
    start(() -> {
      try {
        int c;
        while (!closed && (c = in.read()) >= 0) {
          queue.add(c);
        }
      } catch (IOException e) {
        // Input gone: as if it ended.
      }
      queue.add(END);
    });
  }

  private void start(Runnable body) {
    thread = new Thread(body, "dstutor-watch-keys");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether a key (or a {@link #wake}) is waiting to be polled. */
  boolean waiting() {
    return !queue.isEmpty();
  }

  /** Makes a waiting {@link #poll} return {@link #WAKE} at once. */
  void wake() {
    queue.add(WAKE);
  }

  /**
   * The next key within {@code millis}, {@link #END} once input has ended, {@link #WAKE} after
   * {@link #wake}, or null.
   */
  Integer poll(long millis) throws InterruptedException {
    return queue.poll(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closed = true;
    if (thread != null) {
      try {
        // A terminal reader stops within its 100 ms read; a piped stream may block on: it is a
        // daemon and input that nobody reads.
        thread.join(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    restore.run();
  }
}
