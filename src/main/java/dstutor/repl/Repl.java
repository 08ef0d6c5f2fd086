package dstutor.repl;

import dstutor.session.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Function;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;

/**
 * The interactive shell: the same picocli commands as the command line, read with JLine (history,
 * completion). Ctrl-C abandons the line, Ctrl-D or {@code exit} leaves, and an error in one
 * command is reported without ending the shell. A grading worker stays warm between submits.
 */
public final class Repl {
  private final Session session;
  private final Function<Session, CommandLine> commands;
  private final Terminal given;

  public Repl(Session session, Function<Session, CommandLine> commands) {
    this(session, commands, null);
  }

  /** With {@code terminal} supplied (tests use a dumb terminal over piped streams). */
  public Repl(Session session, Function<Session, CommandLine> commands, Terminal terminal) {
    this.session = session;
    this.commands = commands;
    this.given = terminal;
  }

  public int run() {
    session.keepGraderWarm();
    try (Terminal terminal = given != null ? given : TerminalBuilder.builder().system(true)
        .dumb(true).build()) {
      session.shareTerminal(terminal);
      CommandLine cmd = commands.apply(session);
      LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal)
          .completer(new CommandCompleter(cmd, this::sections)).parser(new DefaultParser());
      try {
        Files.createDirectories(session.home());
        builder.variable(LineReader.HISTORY_FILE, session.home().resolve("history"));
      } catch (IOException e) {
        session.console().warn("no command history this time: cannot create " + session.home());
      }
      LineReader reader = builder.build();
      session.setInput(prompt -> answer(reader, prompt));
      session.console().println("dstutor shell. Commands: next, submit, hint, list, show,"
          + " solution, quiz, drill, progress, reset, and more (`help`). Ctrl-D or `exit`"
          + " leaves.");
      while (true) {
        String line;
        try {
          line = reader.readLine(prompt());
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          break;
        }
        List<String> words = reader.getParser().parse(line, 0).words().stream()
            .filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
          continue;
        }
        String first = words.get(0);
        if (first.equals("exit") || first.equals("quit")) {
          break;
        }
        if (first.equals("help") && words.size() == 1) {
          cmd.usage(session.console().out());
          continue;
        }
        if (first.equals("dstutor")) {
          words = words.subList(1, words.size());
        }
        if (!words.isEmpty() && !words.get(0).startsWith("-")
            && !cmd.getSubcommands().containsKey(words.get(0))) {
          String close = dstutor.yaml.Suggest.closest(words.get(0), cmd.getSubcommands().keySet());
          session.console().error("no command '" + words.get(0) + "'"
              + (close != null ? "; did you mean '" + close + "'?" : "")
              + " `help` lists the commands; `exit` leaves.");
          continue;
        }
        // Ctrl-C while a command runs (the terminal is not in raw mode then) stops the command,
        // not the shell: a grade in progress ends its worker and records nothing.
        Thread commandThread = Thread.currentThread();
        Terminal.SignalHandler before = terminal.handle(Terminal.Signal.INT,
            signal -> commandThread.interrupt());
        try {
          cmd.execute(words.toArray(String[]::new));
        } catch (RuntimeException e) {
          session.console().error(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
          terminal.handle(Terminal.Signal.INT, before);
          Thread.interrupted(); // a Ctrl-C that came as the command ended is spent
        }
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      session.shareTerminal(null);
      session.shutdown();
    }
  }

  /**
   * A line a command asks for (a quiz answer), read by the shell's own reader so that the two do
   * not compete for the terminal: not kept in the command history, no {@code !} expansion in
   * what the learner writes; Ctrl-C or Ctrl-D ends the questions (null).
   */
  private static String answer(LineReader reader, String prompt) {
    reader.setVariable(LineReader.DISABLE_HISTORY, true);
    reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
    try {
      return reader.readLine(prompt);
    } catch (UserInterruptException | EndOfFileException e) {
      return null;
    } finally {
      reader.setVariable(LineReader.DISABLE_HISTORY, false);
      reader.unsetOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
    }
  }

  /** The section anchors of page {@code id}, for completion after {@code #}; none if broken. */
  private List<String> sections(String id) {
    try {
      return new dstutor.content.Pages(session.courseRoot().resolve("content")).find(id)
          .map(p -> p.sections().stream().map(dstutor.content.Section::anchor).toList())
          .orElse(List.of());
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private String prompt() {
    String current = null;
    try {
      current = session.progress().current();
    } catch (RuntimeException e) {
      // A broken course or home is reported by the command that needs it.
    }
    return current == null ? "dstutor> " : "dstutor " + current + "> ";
  }
}
