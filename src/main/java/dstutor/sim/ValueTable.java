package dstutor.sim;

import java.util.Arrays;
import java.util.List;

/**
 * The values one key takes during a linearizability search, numbered so that a state is an int
 * and equal values get equal numbers. Number 0 is "no value yet". Written, compared and read
 * values are stored as strings; a value made by an append is stored as its predecessor plus the
 * appended text, with its length and a polynomial hash, so that searching many orders of many
 * appends costs a few words per value instead of a copy of an ever longer string. Equal hashes
 * are confirmed by comparing the text before two values share a number, so a hash collision
 * costs time, never a wrong answer.
 */
final class ValueTable {
  /** The number of "no value yet". */
  static final int NONE = 0;

  private static final long P = 0x100000001B3L; // odd; any odd multiplier works mod 2^64

  private final List<Op> ops;
  private final long[] chunkHash;
  private final long[] chunkPower;
  private final LongIntMap canonical = new LongIntMap();
  private final LongIntMap appended = new LongIntMap();
  private String[] base = new String[64];
  private int[] parent = new int[64];
  private int[] chunk = new int[64];
  private int[] length = new int[64];
  private long[] hash = new long[64];
  private int[] nextSame = new int[64];
  private int size = 1; // number 0, "no value yet", has no text and is in no chain

  /** A table for the values of {@code ops}, the operations on one key. */
  ValueTable(List<Op> ops) {
    this.ops = ops;
    chunkHash = new long[ops.size()];
    chunkPower = new long[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).isAppend()) {
        String s = ops.get(i).value();
        chunkHash[i] = hash(s);
        long pow = 1;
        for (int c = 0; c < s.length(); c++) {
          pow *= P;
        }
        chunkPower[i] = pow;
      }
    }
  }

  /** The number of value {@code s} ({@code null}: no value yet). */
  int of(String s) {
    if (s == null) {
      return NONE;
    }
    long h = hash(s);
    long key = key(h, s.length());
    for (int id = canonical.get(key); id >= 0; id = nextSame[id]) {
      if (text(id).equals(s)) {
        return id;
      }
    }
    int id = add(key, h, s.length());
    base[id] = s;
    return id;
  }

  /** The number of the value {@code state} becomes when operation {@code op} appends to it. */
  int append(int state, int op) {
    long pair = (long) state << 32 | op;
    int known = appended.get(pair);
    if (known >= 0) {
      return known;
    }
    String suffix = ops.get(op).value();
    long h = (state == NONE ? 0 : hash[state]) * chunkPower[op] + chunkHash[op];
    int len = length[state] + suffix.length();
    long key = key(h, len);
    int id = canonical.get(key);
    if (id >= 0) {
      String s = text(state) + suffix;
      while (id >= 0 && !text(id).equals(s)) {
        id = nextSame[id];
      }
    }
    if (id < 0) {
      id = add(key, h, len);
      parent[id] = state;
      chunk[id] = op;
    }
    appended.put(pair, id);
    return id;
  }

  /** The text of value {@code id}; "" for "no value yet". */
  String text(int id) {
    if (id == NONE) {
      return "";
    }
    if (base[id] != null) {
      return base[id];
    }
    String[] parts = new String[32];
    int count = 0;
    int at = id;
    while (at != NONE && base[at] == null) {
      if (count == parts.length) {
        parts = Arrays.copyOf(parts, count * 2);
      }
      parts[count++] = ops.get(chunk[at]).value();
      at = parent[at];
    }
    StringBuilder b = new StringBuilder(length[id]);
    b.append(text(at));
    for (int i = count - 1; i >= 0; i--) {
      b.append(parts[i]);
    }
    return b.toString();
  }

  private int add(long key, long h, int len) {
    if (size == base.length) {
      int n = size * 2;
      base = Arrays.copyOf(base, n);
      parent = Arrays.copyOf(parent, n);
      chunk = Arrays.copyOf(chunk, n);
      length = Arrays.copyOf(length, n);
      hash = Arrays.copyOf(hash, n);
      nextSame = Arrays.copyOf(nextSame, n);
    }
    int id = size++;
    hash[id] = h;
    length[id] = len;
    nextSame[id] = canonical.get(key);
    canonical.put(key, id);
    return id;
  }

  private static long hash(String s) {
    long h = 0;
    for (int i = 0; i < s.length(); i++) {
      h = h * P + s.charAt(i);
    }
    return h;
  }

  private static long key(long h, int len) {
    return h ^ (len * 0x9E3779B97F4A7C15L);
  }

  /** A map from long to non-negative int, in open addressing; -1 for a missing key. */
  static final class LongIntMap {
    private long[] keys = new long[256];
    private int[] values = new int[256];
    private boolean[] used = new boolean[256];
    private int size;

    int get(long key) {
      int mask = keys.length - 1;
      for (int i = slot(key, mask); used[i]; i = (i + 1) & mask) {
        if (keys[i] == key) {
          return values[i];
        }
      }
      return -1;
    }

    void put(long key, int value) {
      int mask = keys.length - 1;
      int i = slot(key, mask);
      while (used[i] && keys[i] != key) {
        i = (i + 1) & mask;
      }
      if (!used[i]) {
        used[i] = true;
        keys[i] = key;
        if (++size * 2 > keys.length) {
          values[i] = value;
          grow();
          return;
        }
      }
      values[i] = value;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldValues = values;
      boolean[] oldUsed = used;
      keys = new long[oldKeys.length * 2];
      values = new int[oldKeys.length * 2];
      used = new boolean[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldUsed[j]) {
          int i = slot(oldKeys[j], mask);
          while (used[i]) {
            i = (i + 1) & mask;
          }
          used[i] = true;
          keys[i] = oldKeys[j];
          values[i] = oldValues[j];
        }
      }
    }

    private static int slot(long key, int mask) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 29)) & mask;
    }
  }
}
