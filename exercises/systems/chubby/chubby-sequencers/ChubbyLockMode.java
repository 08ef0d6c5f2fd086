/** How a Chubby lock is held (read-only): by one writer, or shared by readers. */
public enum ChubbyLockMode {
  EXCLUSIVE,
  SHARED
}
