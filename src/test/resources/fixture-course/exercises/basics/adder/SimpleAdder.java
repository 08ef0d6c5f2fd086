public class SimpleAdder implements Adder {
  @Override
  public int add(int a, int b) {
    // TODO: return the sum
    throw new UnsupportedOperationException("TODO: add");
  }
}
