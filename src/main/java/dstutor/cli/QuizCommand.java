package dstutor.cli;

import dstutor.content.Screen;
import dstutor.quiz.Quiz;
import dstutor.quiz.Reviews;
import dstutor.session.DstutorException;
import dstutor.session.Session;
import dstutor.term.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dstutor quiz [topic]}: the recall cards that are due, with spaced repetition. */
@Command(name = "quiz", mixinStandardHelpOptions = true,
    description = {"Review the recall cards that are due, one at a time: choose, put in order,"
        + " explain in a few words, or estimate. Each answer is checked and explained, with the"
        + " section to read, and the card is rescheduled by SM-2 (right: back in 1 day, then 6,"
        + " then longer; wrong: back tomorrow). Cards missed are asked again at the end.",
        "New cards come " + Reviews.NEW_PER_DAY + " a day. Answers are saved after every card;"
        + " q or Ctrl-D stops. The schedule is kept in DSTUTOR_HOME/reviews.json."})
final class QuizCommand extends BaseCommand {
  @Parameters(completionCandidates = Candidates.PageIds.class, paramLabel = "TOPIC",
      arity = "0..1", description = "Only the cards of this pattern or system, such as quorum or"
          + " dynamo (default: every topic).")
  String topic;

  @Option(names = "--new", paramLabel = "N", description = "Introduce at most N new cards today"
      + " (default " + Reviews.NEW_PER_DAY + "; 0 for reviews only).")
  int newLimit = Reviews.NEW_PER_DAY;

  @Option(names = "--all", description = "Every card of the topic (or of all topics), due or"
      + " not; answers still reschedule them.")
  boolean all;

  @Override
  int run(Session session) {
    if (newLimit < 0) {
      throw DstutorException.usage("--new must be 0 or more, not " + newLimit);
    }
    Path root = session.course().root();
    Console c = session.console();
    int width = Console.interactive() ? Screen.textWidth(Screen.size()) : Integer.MAX_VALUE;
    try {
      new Quiz(root, session.home(), c, session.clock())
          .run(new Quiz.Options(topic, newLimit, all), session.input(), width);
    } catch (Quiz.QuizException e) {
      throw DstutorException.usage(e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      throw new DstutorException(1, "could not read or save your review schedule in "
          + session.home() + " (" + e.getMessage() + "); DSTUTOR_HOME must be a folder you can"
          + " write to");
    }
    return 0;
  }
}
