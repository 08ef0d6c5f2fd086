package dstutor.cli;

import dstutor.session.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Every command: finds the session, then does its one job in {@link #run(Session)}. */
abstract class BaseCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() {
    return run(((RootCommand) spec.root().userObject()).session());
  }

  abstract int run(Session session);
}
