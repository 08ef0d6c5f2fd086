import java.util.ArrayList;
import java.util.List;

/**
 * A read coordinator with blocking read repair: it asks replicas in order until {@code r} have
 * answered, returns the newest version among the answers, and before returning writes that version
 * to every replica that answered something else.
 */
public class ReadRepairCoordinator {

  private final List<StoreReplica> replicas;

  /**
   * @param replicas the key's replicas in preference order (at least one)
   * @throws IllegalArgumentException if replicas is empty
   */
  public ReadRepairCoordinator(List<? extends StoreReplica> replicas) {
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one replica");
    }
    this.replicas = List.copyOf(replicas);
  }

  /**
   * Reads {@code key} at consistency level {@code r}.
   *
   * @return the newest version among the r answers, or null if none of them holds the key
   * @throws IllegalArgumentException if r is below 1 or above the number of replicas
   * @throws TooFewReplicasException if fewer than r replicas answer (then nothing is written)
   */
  public TimestampedValue read(String key, int r) {
    if (r < 1 || r > replicas.size()) {
      throw new IllegalArgumentException("level " + r + " with " + replicas.size() + " replicas");
    }
    List<StoreReplica> answered = new ArrayList<>();
    List<TimestampedValue> answers = new ArrayList<>();
    for (int i = 0; i < replicas.size() && answered.size() < r; i++) {
      StoreReplica replica = replicas.get(i);
      TimestampedValue answer;
      try {
        answer = replica.get(key);
      } catch (ReplicaDownException down) {
        continue;
      }
      answered.add(replica);
      answers.add(answer);
    }
    if (answered.size() < r) {
      throw new TooFewReplicasException(answered.size() + " of " + r + " replicas answered");
    }
    TimestampedValue newest = null;
    for (TimestampedValue answer : answers) {
      if (newer(answer, newest)) {
        newest = answer;
      }
    }
    if (newest != null) {
      for (int i = 0; i < answered.size(); i++) {
        if (!newest.equals(answers.get(i))) {
          answered.get(i).write(key, newest);
        }
      }
    }
    return newest;
  }

  /** Whether a is newer than b: larger timestamp, then larger value; anything beats null. */
  private static boolean newer(TimestampedValue a, TimestampedValue b) {
    if (a == null) {
      return false;
    }
    if (b == null) {
      return true;
    }
    if (a.timestamp() != b.timestamp()) {
      return a.timestamp() > b.timestamp();
    }
    return a.value().compareTo(b.value()) > 0;
  }
}
