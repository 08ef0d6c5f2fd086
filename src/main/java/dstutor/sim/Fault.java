package dstutor.sim;

import java.util.List;

/**
 * One fault in a run. Message faults are named by the link and the message's sequence number on
 * that link, so the same fault can be switched off in a replay; scheduled faults carry the
 * virtual time they happen at. Faults are values: equal faults are the same fault.
 */
public sealed interface Fault {
  /** When a scheduled fault happens, or -1 for a message fault (it happens when sent). */
  long at();

  /** A short description for timelines, such as {@code "crash n2"}. */
  String describe();

  /** The {@code seq}-th message from {@code from} to {@code to} is lost. */
  record Drop(String from, String to, long seq) implements Fault {
    @Override
    public long at() {
      return -1;
    }

    @Override
    public String describe() {
      return "drop " + from + " -> " + to + " #" + seq;
    }
  }

  /** The {@code seq}-th message from {@code from} to {@code to} is delivered twice. */
  record Duplicate(String from, String to, long seq) implements Fault {
    @Override
    public long at() {
      return -1;
    }

    @Override
    public String describe() {
      return "duplicate " + from + " -> " + to + " #" + seq;
    }
  }

  /** The {@code seq}-th message from {@code from} to {@code to} takes {@code extra} ms longer. */
  record Slow(String from, String to, long seq, long extra) implements Fault {
    @Override
    public long at() {
      return -1;
    }

    @Override
    public String describe() {
      return "slow " + from + " -> " + to + " #" + seq + " (+" + extra + " ms)";
    }
  }

  /** Node {@code node} crashes: memory and unsynced writes are lost, timers die. */
  record Crash(long at, String node) implements Fault {
    @Override
    public String describe() {
      return "crash " + node;
    }
  }

  /** A crashed node restarts with a fresh object and what its disk kept. */
  record Restart(long at, String node) implements Fault {
    @Override
    public String describe() {
      return "restart " + node;
    }
  }

  /**
   * Node {@code node}'s process stops for {@code millis} ms, as in a long garbage-collection
   * pause: it handles no message and no timer, and its clock keeps running. Then it resumes:
   * the messages that arrived meanwhile are delivered in the order they arrived, the timers
   * that came due fire late, and nothing is lost. A pause of a node that is down does nothing; a
   * crash ends a pause.
   */
  record Pause(long at, String node, long millis) implements Fault {
    public Pause {
      if (millis < 1) {
        throw new IllegalArgumentException("pause of less than 1 ms: " + millis);
      }
    }

    @Override
    public String describe() {
      return "pause " + node + " for " + millis + " ms";
    }
  }

  /** The nodes in {@code side} can no longer exchange messages with the rest, either way. */
  record Partition(long at, List<String> side) implements Fault {
    public Partition {
      side = List.copyOf(side);
    }

    @Override
    public String describe() {
      return "partition " + side + " from the rest";
    }
  }

  /** Messages from {@code from} to {@code to} are lost; the other direction still works. */
  record Block(long at, String from, String to) implements Fault {
    @Override
    public String describe() {
      return "block " + from + " -> " + to;
    }
  }

  /** Every partition and block ends. */
  record Heal(long at) implements Fault {
    @Override
    public String describe() {
      return "heal the network";
    }
  }

  /**
   * From {@code at} on, {@code node}'s clock reads {@code offset} ms ahead of true time (behind if
   * negative) and runs {@code driftPpm} parts per million fast (slow if negative).
   */
  record Clock(long at, String node, long offset, long driftPpm) implements Fault {
    @Override
    public String describe() {
      return "clock " + node + " offset " + offset + " ms, drift " + driftPpm + " ppm";
    }
  }

  /** At the {@code crash}-th crash of {@code node}, its unsynced writes are partly flushed. */
  record TornWrite(String node, int crash) implements Fault {
    @Override
    public long at() {
      return -1;
    }

    @Override
    public String describe() {
      return "torn write on " + node;
    }
  }

  /** A fault together with the virtual time it took effect, as a run records it. */
  record Fired(Fault fault, long time) {}
}
