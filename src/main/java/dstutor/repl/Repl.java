package dstutor.repl;

import dstutor.cli.Session;
import java.util.function.Function;
import picocli.CommandLine;

/** Placeholder replaced below. */
public final class Repl {
  private final Session session;
  private final Function<Session, CommandLine> commands;

  public Repl(Session session, Function<Session, CommandLine> commands) {
    this.session = session;
    this.commands = commands;
  }

  public int run() {
    return 0;
  }
}
