package dstutor.cli;

import dstutor.session.Session;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/**
 * {@code dstutor completion}: a bash completion script (zsh loads it through bashcompinit) made
 * from the command model, with the course's exercise, page and drill ids as they are now.
 * install.sh writes it next to the jar.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a completion script for bash and zsh, made from the commands and the"
        + " course's ids as they are now. install.sh installs it; to load it yourself:",
        "  bash: source <(dstutor completion)",
        "  zsh:  autoload -U +X bashcompinit && bashcompinit && source <(dstutor completion)"})
final class CompletionCommand extends BaseCommand {
  @Override
  int run(Session session) {
    session.console().out().print(AutoComplete.bash("dstutor", spec.root().commandLine()));
    session.console().out().flush();
    return 0;
  }
}
