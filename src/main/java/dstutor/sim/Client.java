package dstutor.sim;

import dstutor.kit.Context;
import dstutor.kit.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A client that sends one request at a time to a node, records each call and result in the
 * simulation's {@link History}, and gives up on a request after a timeout (its outcome is then
 * unknown). What the requests look like is the exercise's business: a {@link Protocol} builds them
 * and reads the replies; a {@link Workload} decides what to do next. A client the plan lists as
 * idle does nothing.
 */
public final class Client implements Node {
  /** How requests and replies look in one exercise. */
  public interface Protocol {
    /** The message asking for an operation; {@code requestId} is unique in the run. */
    Object request(long requestId, Op.Kind kind, String key, String value);

    /**
     * The message asking for an operation that may be a compare-and-set of {@code key} from
     * {@code expected} ({@code null}: no value yet) to {@code value}. A protocol whose workload
     * issues cas overrides this; by default other kinds go to {@link #request(long, Op.Kind,
     * String, String)} and a cas is refused.
     */
    default Object request(long requestId, Op.Kind kind, String key, String expected,
        String value) {
      if (kind == Op.Kind.CAS) {
        throw new UnsupportedOperationException("this protocol cannot send a cas: override"
            + " request(requestId, kind, key, expected, value)");
      }
      return request(requestId, kind, key, value);
    }

    /** The reply {@code message} carries, or {@code null} if it is not a reply. */
    Reply reply(Object message);
  }

  /**
   * A reply to request {@code requestId}: {@code status} OK (with the value read, for a read; for
   * a cas, it swapped unless {@code differed}), FAIL (had no effect) or UNKNOWN (failed, but may
   * have taken effect). {@code differed}: a cas found another value than the expected one and did
   * nothing; a result, not a failure.
   */
  public record Reply(long requestId, Op.Status status, String value, String note,
      boolean differed) {
    public Reply {
      Objects.requireNonNull(status, "status == null");
      note = note == null ? "" : note;
      if (differed && status != Op.Status.OK) {
        throw new IllegalArgumentException("a cas that found another value completed: status OK,"
            + " not " + status);
      }
    }

    public Reply(long requestId, Op.Status status, String value, String note) {
      this(requestId, status, value, note, false);
    }

    /** The cas {@code requestId} found another value than it expected and did nothing. */
    public static Reply differed(long requestId) {
      return new Reply(requestId, Op.Status.OK, null, "", true);
    }
  }

  /** What a client does next. */
  public interface Workload {
    /** The {@code index}-th step of client {@code client}, or {@code null} to stop. */
    Step next(String client, int index, RandomGenerator random);
  }

  /**
   * Wait {@code thinkMillis}, then run one operation; {@code expected} is what a cas compares
   * with ({@code null}: no value yet) and is {@code null} for other kinds.
   */
  public record Step(long thinkMillis, Op.Kind kind, String key, String expected, String value) {
    public Step {
      Objects.requireNonNull(kind, "kind == null");
      if (kind != Op.Kind.CAS && expected != null) {
        throw new IllegalArgumentException("only a cas has an expected value, not a " + kind);
      }
    }

    /** A read, write or append. */
    public Step(long thinkMillis, Op.Kind kind, String key, String value) {
      this(thinkMillis, kind, key, null, value);
    }

    /** A compare-and-set of {@code key} from {@code expected} to {@code value}. */
    public static Step cas(long thinkMillis, String key, String expected, String value) {
      return new Step(thinkMillis, Op.Kind.CAS, key, expected, value);
    }
  }

  private static final Object NEXT = "next";

  private final Simulation sim;
  private final String target;
  private final Protocol protocol;
  private final Workload workload;
  private final long timeout;
  private final List<Integer> unanswered = new ArrayList<>();
  private Context ctx;
  private int index;
  private int current = -1;
  private long timer;
  private Step step;

  /**
   * @param sim the simulation whose history records the operations
   * @param target the node that receives every request
   * @param timeoutMillis how long to wait for a reply before giving up
   */
  public Client(Simulation sim, String target, Protocol protocol, Workload workload,
      long timeoutMillis) {
    this.sim = Objects.requireNonNull(sim, "sim == null");
    this.target = Objects.requireNonNull(target, "target == null");
    this.protocol = Objects.requireNonNull(protocol, "protocol == null");
    this.workload = Objects.requireNonNull(workload, "workload == null");
    if (timeoutMillis < 1) {
      throw new IllegalArgumentException("timeoutMillis < 1: " + timeoutMillis);
    }
    this.timeout = timeoutMillis;
  }

  @Override
  public void start(Context context) {
    this.ctx = context;
    if (!sim.plan().idle().contains(ctx.id())) {
      planNext();
    }
  }

  private void planNext() {
    step = workload.next(ctx.id(), index++, ctx.random());
    if (step != null) {
      ctx.setTimer(Math.max(0, step.thinkMillis()), NEXT);
    }
  }

  @Override
  public void onTimer(Object tag) {
    if (tag == NEXT) {
      History h = sim.history();
      current = step.kind() == Op.Kind.CAS
          ? h.invokeCas(ctx.id(), step.key(), step.expected(), step.value(), sim.now())
          : h.invoke(ctx.id(), step.kind(), step.key(), step.value(), sim.now());
      ctx.send(target, protocol.request(current, step.kind(), step.key(), step.expected(),
          step.value()));
      timer = ctx.setTimer(timeout, current);
    } else if (tag instanceof Integer id && id == current) {
      sim.history().unknown(current, "no reply within " + timeout + " ms", sim.now());
      unanswered.add(current);
      current = -1;
      planNext();
    }
  }

  @Override
  public void onMessage(String from, Object message) {
    Reply r = protocol.reply(message);
    if (r == null || current < 0 || r.requestId() != current) {
      return; // late, duplicated or not for us
    }
    History h = sim.history();
    switch (r.status()) {
      case OK:
        if (r.differed()) {
          h.valueDiffered(current, sim.now());
        } else {
          h.ok(current, r.value(), sim.now());
        }
        break;
      case FAIL:
        h.fail(current, r.note(), sim.now());
        break;
      default:
        h.unknown(current, r.note(), sim.now());
        break;
    }
    ctx.cancelTimer(timer);
    current = -1;
    planNext();
  }

  /** Ids of the operations that got no reply before the timeout. */
  public List<Integer> unanswered() {
    return List.copyOf(unanswered);
  }
}
