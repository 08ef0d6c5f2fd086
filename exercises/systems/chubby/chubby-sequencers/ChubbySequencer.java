/**
 * What a lock holder passes with each request to a resource server (read-only): the lock's name,
 * the mode it holds it in, and the lock's generation number (how many times the lock has gone
 * from free to held). In Chubby it is an opaque byte string; here its fields are open.
 */
public record ChubbySequencer(String lock, ChubbyLockMode mode, long generation) {}
