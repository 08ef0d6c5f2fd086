package dstutor.sim;

import dstutor.kit.Context;
import dstutor.kit.Disk;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A {@link Context} that hands every call to another one: hidden suites extend it to watch what a
 * learner's node does (override {@link #send} to record each message, then call {@code super})
 * without changing what the node sees.
 */
public class ForwardingContext implements Context {
  private final Context real;

  public ForwardingContext(Context real) {
    this.real = Objects.requireNonNull(real, "real == null");
  }

  /**
   * A context that tells {@code onSend} of every message the node sends (recipient, message),
   * then sends it: how suites watch a learner's node without changing what it sees.
   */
  public static Context tapping(Context real, java.util.function.BiConsumer<String, Object> onSend) {
    Objects.requireNonNull(onSend, "onSend == null");
    return new ForwardingContext(real) {
      @Override
      public void send(String to, Object message) {
        onSend.accept(to, message);
        super.send(to, message);
      }
    };
  }

  /** The context calls are handed to. */
  protected final Context real() {
    return real;
  }

  @Override
  public String id() {
    return real.id();
  }

  @Override
  public long now() {
    return real.now();
  }

  @Override
  public void send(String to, Object message) {
    real.send(to, message);
  }

  @Override
  public long setTimer(long delayMillis, Object tag) {
    return real.setTimer(delayMillis, tag);
  }

  @Override
  public void cancelTimer(long timerId) {
    real.cancelTimer(timerId);
  }

  @Override
  public Disk disk() {
    return real.disk();
  }

  @Override
  public RandomGenerator random() {
    return real.random();
  }

  @Override
  public void log(String text) {
    real.log(text);
  }
}
