/**
 * The application above the client library (read-only): the library tells it when the session
 * goes into jeopardy, when it is safe again, and when it has expired.
 */
public interface ChubbySessionEvents {
  /** The local lease ran out: the cache is emptied and disabled, operations are held. */
  void jeopardy();

  /** A KeepAlive reply arrived within the grace period: the session carries on. */
  void safe();

  /** The grace period ran out: the session, its locks and handles are gone. */
  void expired();
}
