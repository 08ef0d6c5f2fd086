package dstutor.cli;

import picocli.CommandLine.Option;

/** {@code --width N} for the commands that print cards. */
final class WidthOption {
  @Option(names = "--width", paramLabel = "N",
      description = "Wrap at N columns (default: the terminal's width, at most 100).")
  Integer width;
}
