/**
 * A tablet server's answer "I do not serve that tablet": the tablet moved to another server,
 * split so that the asked-for key is in a part this server no longer has, or is unavailable for a
 * moment while it moves. Also what {@link BigtableClient#read} throws when it gives up.
 */
public class BigtableNotServingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BigtableNotServingException(String message) {
    super(message);
  }
}
