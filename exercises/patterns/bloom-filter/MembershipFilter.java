/**
 * A set that answers "maybe" or "no": it may report a key it never saw (a false positive), but it
 * never forgets a key it was given (no false negatives). Given: do not edit.
 */
public interface MembershipFilter {

  /** Records {@code key}; afterwards {@link #mightContain(String)} returns true for it. */
  void add(String key);

  /**
   * False means {@code key} was certainly never added. True means it was added, or it is a false
   * positive.
   */
  boolean mightContain(String key);

  /** m: the number of bits in the filter. */
  long bitCount();

  /** k: how many bit positions each key sets and checks. */
  int hashCount();
}
