import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.kit.Disk;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.mockito.MockMakers;
import org.mockito.Mockito;
import org.mockito.invocation.Invocation;
import org.mockito.stubbing.Answer;

/**
 * Hidden suite for the checksum exercise. The learner's store runs over the suite's own in-memory
 * disk, which the suite reads, damages and writes behind the store's back, as a failing disk
 * would; the learner's replicated layer runs over the suite's model replicas (or, end to end, over
 * the learner's own stores). Calls that the learner's code makes to the disk and to the replicas
 * are recorded by Mockito spies (proxy mocks that forward every call to the real object), and the
 * property that the store verifies on every read is checked by the order Mockito recorded the
 * calls in: between the start and the end of each read call, both files of the block are read
 * from the disk (whole or by position; in either order).
 *
 * <p>The suite's model is the brief's format: chunk i of a block of n bytes is bytes i*B to
 * min((i + 1)*B, n) - 1, and the .crc file holds the big-endian CRC-32C of each chunk. Every
 * expected value in a message comes from that model (the chunk a flipped bit belongs to, the
 * lowest failing chunk of a damaged block, which replicas are good), never from an earlier answer
 * of the learner's code. The read side is tested on files the suite wrote itself, so that a bug in
 * the learner's write is reported as a format problem and not as a missed flip.
 *
 * <p>Nothing here is statistical: every damaged block's verdict is computed exactly from the bytes
 * on the disk (a random change that happened to keep a chunk's CRC-32C would be expected to pass),
 * so there is no threshold to calibrate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class ChecksumSuite {
  // The rungs of the hint ladder (exercise.yaml).
  private static final String ARGS = "arguments";
  private static final String FORMAT = "chunk-checksums";
  private static final String VERIFY = "verify-every-read";
  private static final String COPIES = "copies";
  private static final String FALLBACK = "fall-back";
  private static final String REPAIR = "repair-from-good";

  /** The model's verdict for a block whose files disagree in length: any chunk may be named. */
  private static final int LENGTH = -2;
  /** The model's verdict for a block whose every chunk verifies. */
  private static final int GOOD = -1;

  private static final int[] CHUNK_SIZES = {512, 1, 3, 7, 64};

  // ---------------------------------------------------------------------------------------------
  // 1. Arguments

  @Test
  @Order(1)
  @DisplayName("the constructors reject a chunk size below 1 and an empty replica list, and keep"
      + " their own copy of the list")
  @Hint(ARGS)
  void constructorsCheckTheirArguments() {
    for (int b : new int[] {0, -1, -512, Integer.MIN_VALUE}) {
      String call = "new ChecksummedBlockStore(disk, " + b + ")";
      try {
        new ChecksummedBlockStore(new MemoryDisk(), b);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (RuntimeException e) {
        passTodo(e);
        throw Because.of(ARGS, call + " threw " + name(e) + where(e) + "; expected"
            + " IllegalArgumentException: there is no chunk of " + b + " bytes.", e);
      }
      fail(call + " returned a store; expected IllegalArgumentException: bytesPerChecksum must"
          + " be at least 1.");
    }
    for (int b : new int[] {1, 512, 65_536}) {
      Store.create(new MemoryDisk(), b); // reports an exception itself
    }

    for (List<BlockStore> empty : List.of(List.<BlockStore>of(), new ArrayList<BlockStore>())) {
      try {
        new ReplicatedBlocks(empty);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (RuntimeException e) {
        passTodo(e);
        throw Because.of(ARGS, "new ReplicatedBlocks(" + (empty instanceof ArrayList
            ? "new ArrayList<>()" : "List.of()") + ") threw " + name(e) + where(e)
            + "; expected IllegalArgumentException: a block needs at least one replica.", e);
      }
      fail("new ReplicatedBlocks(" + (empty instanceof ArrayList ? "new ArrayList<>()"
          : "List.of()") + ") returned; expected IllegalArgumentException: a block needs at"
          + " least one replica.");
    }

    // One replica, in an unmodifiable list.
    Replicas one = new Replicas(1);
    Replicated single = Replicated.create(List.of(one.spies.get(0)), "List.of(r0)");
    byte[] data = bytes(new SplittableRandom(2), 300);
    single.write("blk_1", data);
    if (!Arrays.equals(one.models.get(0).stored("blk_1"), data)) {
      throw Because.of(FALLBACK, "new ReplicatedBlocks(List.of(r0)).write(\"blk_1\", 300 bytes):"
          + " afterwards replica r0 " + one.models.get(0).describe("blk_1") + "; write must"
          + " write the block to every replica.");
    }

    // The caller's list: left as it is, and not followed afterwards.
    Replicas three = new Replicas(4);
    List<BlockStore> theirs = new ArrayList<>(three.spies.subList(0, 3));
    List<BlockStore> before = new ArrayList<>(theirs);
    Replicated rb = Replicated.create(theirs, "a list [r0, r1, r2]");
    if (!theirs.equals(before)) {
      fail("new ReplicatedBlocks(list) changed the caller's list from [r0, r1, r2] to "
          + three.names(theirs) + "; leave the argument as it is and keep a copy of your own.");
    }
    theirs.set(0, three.spies.get(3));
    theirs.remove(2);
    rb.write("blk_2", data);
    for (int i = 0; i < 3; i++) {
      if (!Arrays.equals(three.models.get(i).stored("blk_2"), data)) {
        fail("new ReplicatedBlocks(list) with list = [r0, r1, r2]; then the caller changed its"
            + " list to [r3, r1]; then write(\"blk_2\", 300 bytes): afterwards replica r" + i
            + " " + three.models.get(i).describe("blk_2") + ". The replicas are the ones passed to"
            + " the constructor: keep your own copy of the list (List.copyOf), so that the"
            + " caller's later changes do not reach it.");
      }
    }
    if (three.models.get(3).stored("blk_2") != null) {
      fail("new ReplicatedBlocks(list) with list = [r0, r1, r2]; then the caller changed its"
          + " list to [r3, r1]; then write(\"blk_2\", ...) wrote to r3, which was never one of"
          + " its replicas. Keep your own copy of the list (List.copyOf).");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 2. The format

  @Test
  @Order(2)
  @DisplayName("write stores the bytes in id.data and a big-endian CRC-32C of every chunk,"
      + " the last partial one included, in id.crc")
  @Hint(FORMAT)
  void writeFollowsTheFormat() {
    SplittableRandom rnd = new SplittableRandom(20);
    int block = 0;
    for (int b : CHUNK_SIZES) {
      for (int n : formatSizes(b)) {
        byte[] data = block % 3 == 1 ? pattern(n) : bytes(rnd, n);
        String id = blockId(block++);
        MemoryDisk disk = new MemoryDisk();
        Store store = Store.create(disk, b);
        store.write(id, data);
        String did = "new ChecksummedBlockStore(disk, " + b + ").write(\"" + id + "\", "
            + size(n) + ") on an empty disk";
        expectFormat(did, disk, id, data, b, Set.of(id + ".data", id + ".crc"));
      }
    }

    // Writing a block again replaces both files, longer or shorter.
    int b = 512;
    int[] lengths = {3 * b + 1, 1, 2 * b, 0, 5 * b + 100, b};
    MemoryDisk disk = new MemoryDisk();
    Store store = Store.create(disk, b);
    StringBuilder history = new StringBuilder();
    for (int n : lengths) {
      byte[] data = bytes(rnd, n);
      store.write("blk_7", data);
      history.append(history.length() == 0 ? "" : ", then ").append(size(n));
      expectFormat("new ChecksummedBlockStore(disk, 512).write(\"blk_7\", ...) with " + history
          + " (the same block written again)", disk, "blk_7", data, b,
          Set.of("blk_7.data", "blk_7.crc"));
    }
  }

  /** Fails unless the disk holds exactly {@code files}, and the block's two in the format. */
  private static void expectFormat(String did, MemoryDisk disk, String id, byte[] data, int b,
      Set<String> files) {
    Set<String> actual = disk.names();
    if (!actual.equals(files)) {
      fail(did + ": the disk holds the files " + actual + "; expected exactly " + files
          + ". Block " + id + " is two files: " + id + ".data with its bytes and " + id
          + ".crc with its checksums, and nothing else.");
    }
    byte[] stored = disk.raw(id + ".data");
    if (!Arrays.equals(stored, data)) {
      fail(did + ": " + id + ".data holds " + size(stored.length) + firstDifference(stored, data)
          + "; expected exactly the " + size(data.length) + " of the block, unchanged.");
    }
    String problem = formatProblem(data, b, disk.raw(id + ".crc"));
    if (problem != null) {
      fail(did + ": " + id + ".crc " + problem);
    }
  }

  /** What is wrong with the block's two files on the disk, or null if they are right. */
  private static String fileProblem(MemoryDisk disk, String id, byte[] data, int b) {
    for (String file : List.of(id + ".data", id + ".crc")) {
      if (!disk.has(file)) {
        return "there is no " + file + " file";
      }
    }
    byte[] stored = disk.raw(id + ".data");
    if (!Arrays.equals(stored, data)) {
      return id + ".data holds " + size(stored.length) + firstDifference(stored, data)
          + " instead of the " + size(data.length) + " of the block";
    }
    String problem = formatProblem(data, b, disk.raw(id + ".crc"));
    return problem == null ? null : id + ".crc " + problem;
  }

  /**
   * What is wrong with {@code crc} as the .crc file of {@code data} at chunk size b, with the
   * likely mistake, or null if it is right.
   */
  private static String formatProblem(byte[] data, int b, byte[] crc) {
    int n = data.length;
    int k = chunks(n, b);
    byte[] model = modelCrc(data, b);
    if (crc.length != model.length) {
      String why;
      if (crc.length == 4 && k > 1 && getInt(crc, 0) == crc32c(data, 0, n)) {
        why = " That is one checksum for the whole block: keep one per chunk of B bytes.";
      } else if (k > 0 && crc.length == 4 * (n / b)) {
        why = " That is one entry per full chunk: the last chunk, " + size(n % b) + " long, needs"
            + " its checksum too.";
      } else if (crc.length == 4 && k > 1) {
        why = " That is one checksum where the block has " + k + " chunks: keep one per chunk of"
            + " B bytes.";
      } else if (crc.length == 4 * (k + 1) && n % b == 0) {
        why = " That is one entry too many: when n is a multiple of B the last chunk is full, and"
            + " there is no extra one (ceil(n / B), not n / B + 1); an empty block has none.";
      } else if (crc.length == 8 * k) {
        why = " That is 8 bytes per chunk: store the 32-bit value of the CRC as 4 bytes.";
      } else if (crc.length > model.length) {
        why = " Are checksums of an earlier write of the block left in the file? Replace the"
            + " whole file with Disk.write.";
      } else {
        why = "";
      }
      return String.format(Locale.ROOT, "holds %s; expected 4 bytes for each of its %d chunk%s"
          + " of up to B = %d bytes, %s.%s", size(crc.length), k, k == 1 ? "" : "s", b,
          size(model.length), why);
    }
    for (int i = 0; i < k; i++) {
      int stored = getInt(crc, 4 * i);
      int expected = getInt(model, 4 * i);
      if (stored == expected) {
        continue;
      }
      int from = i * b;
      int to = end(n, b, i);
      String why = "";
      if (stored == crc32(data, from, to)) {
        why = " That is the CRC-32 of the chunk (java.util.zip.CRC32); the format is CRC-32C"
            + " (java.util.zip.CRC32C), the Castagnoli polynomial HDFS and Kafka use.";
      } else if (stored == Integer.reverseBytes(expected)) {
        why = " Those are the right 4 bytes in reverse order: write the most significant byte"
            + " first (big-endian, as ByteBuffer.putInt does).";
      } else if (to < n && stored == crc32c(data, from, to + 1)) {
        why = " That is the CRC-32C of bytes " + from + " to " + to + ", one byte too many: chunk"
            + " i ends before byte (i + 1) * B.";
      } else if (to - from > 1 && stored == crc32c(data, from, to - 1)) {
        why = " That is the CRC-32C of bytes " + from + " to " + (to - 2) + ", one byte too few.";
      } else if (from > 0 && stored == crc32c(data, from - 1, to - 1)) {
        why = " That is the CRC-32C of bytes " + (from - 1) + " to " + (to - 2) + ": the chunk"
            + " boundaries are one byte off.";
      } else if (from > 0 && stored == crc32c(data, 0, to)) {
        why = " That is the CRC-32C of bytes 0 to " + (to - 1) + ", everything up to the end of"
            + " the chunk: start a new CRC32C (or reset() it) for every chunk.";
      } else if (stored == crc32c(data, 0, n)) {
        why = " That is the CRC-32C of the whole block: each entry covers its own chunk only.";
      }
      return String.format(Locale.ROOT, "has %08x as entry %d (bytes %d to %d of the file), the"
          + " checksum of chunk %d; expected %08x, the CRC-32C of bytes %d to %d of the block.%s",
          stored, i, 4 * i, 4 * i + 3, i, expected, from, to - 1, why);
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Round trips

  @Test
  @Order(3)
  @DisplayName("read returns exactly what was written, null for a block never written, also"
      + " after a restart and for files in the format written by someone else")
  @Hint(VERIFY)
  void readReturnsWhatWasWritten() {
    SplittableRandom rnd = new SplittableRandom(30);
    MemoryDisk empty = new MemoryDisk();
    Store fresh = Store.create(empty, 512);
    Result none = fresh.read("blk_1");
    if (none.kind() != Result.Kind.ABSENT) {
      throw Because.of(VERIFY, "new ChecksummedBlockStore(disk, 512) on an empty disk:"
          + " read(\"blk_1\") " + none.describe() + "; expected null: neither blk_1.data nor"
          + " blk_1.crc exists, so the store has no such block.");
    }

    for (int b : CHUNK_SIZES) {
      // Many blocks in one store, then all of them read back, then again after a restart.
      MemoryDisk disk = new MemoryDisk();
      Store store = Store.create(disk, b);
      Map<String, byte[]> written = new LinkedHashMap<>();
      int block = 0;
      for (int n : formatSizes(b)) {
        byte[] data = switch (block % 4) {
          case 1 -> pattern(n);
          case 2 -> new byte[n]; // all zeros
          default -> bytes(rnd, n);
        };
        String id = blockId(block++);
        store.write(id, data);
        written.put(id, data);
        expectRoundTrip(store, disk, id, data, b, "right after writing it");
      }
      for (Map.Entry<String, byte[]> e : written.entrySet()) {
        expectRoundTrip(store, disk, e.getKey(), e.getValue(), b, "after writing "
            + written.size() + " blocks blk_1073741825 to " + blockId(written.size() - 1));
      }
      Store restarted = Store.create(disk, b);
      for (Map.Entry<String, byte[]> e : written.entrySet()) {
        expectRoundTrip(restarted, disk, e.getKey(), e.getValue(), b, "by a new store over"
            + " the same disk (a restart: nothing but the disk carries state)");
      }
      if (restarted.read("blk_never").kind() != Result.Kind.ABSENT) {
        throw Because.of(VERIFY, "A store over a disk holding " + written.size() + " blocks:"
            + " read(\"blk_never\") " + restarted.read("blk_never").describe() + "; expected"
            + " null, as no file of that block exists.");
      }
    }

    // Files in the format, written by the suite: the store must read them too.
    int block = 0;
    for (int b : CHUNK_SIZES) {
      for (int n : formatSizes(b)) {
        byte[] data = bytes(rnd, n);
        String id = blockId(block++);
        MemoryDisk disk = new MemoryDisk();
        disk.put(id + ".data", data);
        disk.put(id + ".crc", modelCrc(data, b));
        Store store = Store.create(disk, b);
        Result r = store.read(id);
        if (r.kind() == Result.Kind.BYTES && Arrays.equals(r.bytes(), data)) {
          continue;
        }
        String text = "A disk holding " + id + ".data (" + size(n) + ") and " + id + ".crc ("
            + size(4 * chunks(n, b)) + ") in the brief's format, written by the suite, for B = "
            + b + ": new ChecksummedBlockStore(disk, " + b + ").read(\"" + id + "\") "
            + r.describe(data) + "; expected the " + size(n) + ".";
        throw readSideOrFormat(text, b, n, rnd);
      }
    }
  }

  /** Fails unless store.read(id) returns exactly data. */
  private static void expectRoundTrip(Store store, MemoryDisk disk, String id, byte[] data,
      int b, String when) {
    Result r = store.read(id);
    if (r.kind() == Result.Kind.BYTES && Arrays.equals(r.bytes(), data)) {
      return;
    }
    String text = "new ChecksummedBlockStore(disk, " + b + ").write(\"" + id + "\", "
        + size(data.length) + "), then read(\"" + id + "\") " + when + " " + r.describe(data)
        + "; expected the " + size(data.length) + " written.";
    if (data.length == 0 && r.kind() == Result.Kind.ABSENT) {
      throw Because.of(VERIFY, text + " An empty block is a block: both of its files exist"
          + " (both empty), so read returns an empty array, and null only when neither file"
          + " exists.");
    }
    String problem = fileProblem(disk, id, data, b);
    if (problem != null) {
      throw Because.of(FORMAT, text + " Its files on the disk are not in the brief's format: "
          + problem);
    }
    throw Because.of(VERIFY, text + " Its files on the disk are exactly right, so the read"
        + " side is wrong" + (r.kind() == Result.Kind.CORRUPT ? ": compare each stored entry"
        + " with the CRC-32C of its chunk as the same 32-bit value (the int you wrote, or"
        + " both as longs masked with 0xffffffffL; getValue() is a long from 0 to 2^32 - 1)."
        : "."));
  }

  /**
   * The failure for a store that does not read a correct block the suite wrote: a format problem
   * if the learner's own write differs from the format for such a block, else a read problem.
   */
  private static AssertionError readSideOrFormat(String text, int b, int n,
      SplittableRandom rnd) {
    byte[] data = bytes(rnd, n);
    MemoryDisk disk = new MemoryDisk();
    Store.create(disk, b).write("blk_probe", data);
    String problem = !disk.has("blk_probe.crc") ? "is missing"
        : formatProblem(data, b, disk.raw("blk_probe.crc"));
    if (problem != null) {
      return Because.of(FORMAT, text + " Your write does not follow the format either (for "
          + size(n) + " at B = " + b + ", its .crc file " + problem + "), and a store must"
          + " read every block in the format, also one it did not write itself.");
    }
    return Because.of(VERIFY, text + " Your own write produces exactly these files, so the"
        + " read side rejects a correct block: compare each stored entry with the CRC-32C of"
        + " its chunk as the same 32-bit value (the int you wrote, or both as longs masked with"
        + " 0xffffffffL).");
  }

  // ---------------------------------------------------------------------------------------------
  // 4 and 5. Every single-bit flip

  @Test
  @Order(4)
  @DisplayName("every single-bit flip of id.data is detected, naming the chunk that holds it")
  @Hint(VERIFY)
  void everyDataFlipIsDetected() {
    everyFlipIsDetected(false);
  }

  @Test
  @Order(5)
  @DisplayName("every single-bit flip of id.crc is detected, naming the chunk whose checksum it"
      + " is")
  @Hint(VERIFY)
  void everyChecksumFlipIsDetected() {
    everyFlipIsDetected(true);
  }

  private static void everyFlipIsDetected(boolean inCrc) {
    SplittableRandom rnd = new SplittableRandom(inCrc ? 50 : 40);
    int block = 0;
    for (int b : CHUNK_SIZES) {
      for (int n : flipSizes(b)) {
        byte[] data = block % 2 == 0 ? bytes(rnd, n) : pattern(n);
        String id = blockId(block++);
        MemoryDisk disk = new MemoryDisk();
        disk.put(id + ".data", data);
        disk.put(id + ".crc", modelCrc(data, b));
        Store store = Store.create(disk, b);
        String blockText = "block " + id + " of " + size(n) + " at B = " + b + " ("
            + chunkList(n, b) + "), in the format";
        Result first = store.read(id);
        if (first.kind() != Result.Kind.BYTES || !Arrays.equals(first.bytes(), data)) {
          throw readSideOrFormat("Before any damage, read(\"" + id + "\") of " + blockText + " "
              + first.describe(data) + "; expected its " + size(n) + ".", b, n, rnd);
        }
        String file = id + (inCrc ? ".crc" : ".data");
        int length = disk.raw(file).length;
        for (int at = 0; at < length; at++) {
          for (int bit = 0; bit < 8; bit++) {
            disk.raw(file)[at] ^= (byte) (1 << bit);
            Result r = store.read(id);
            disk.raw(file)[at] ^= (byte) (1 << bit);
            int chunk = inCrc ? at / 4 : at / b;
            String what = String.format(Locale.ROOT, "%s: flipped bit %d of byte %d of %s (%s),"
                + " then read(\"%s\")", blockText, bit, at, file, inCrc
                ? "in entry " + chunk + ", the checksum of chunk " + chunk + ": " + range(n, b,
                    chunk)
                : "in chunk " + chunk + ": " + range(n, b, chunk), id);
            expectCorrupt(r, what, id, chunk, n, b, data);
          }
        }
        byte[] crcNow = disk.raw(id + ".crc");
        if (!Arrays.equals(disk.raw(id + ".data"), data)
            || !Arrays.equals(crcNow, modelCrc(data, b))) {
          fail(blockText + ": every bit of " + file + " was flipped and flipped back between"
              + " reads, yet the files on the disk are no longer the ones written: your read"
              + " changed them. A read only reads; rewriting a checksum to match the data it"
              + " finds blesses the damage.");
        }
        Result after = store.read(id);
        if (after.kind() != Result.Kind.BYTES || !Arrays.equals(after.bytes(), data)) {
          fail(blockText + ": after every bit of " + file + " was flipped and flipped back,"
              + " read(\"" + id + "\") " + after.describe(data) + "; expected the " + size(n)
              + ": the files are intact again, and every read judges the disk as it is now.");
        }
      }
    }
  }

  /** Fails unless r is a CorruptBlockException for id naming chunk (any chunk for LENGTH). */
  private static void expectCorrupt(Result r, String what, String id, int chunk, int n, int b,
      byte[] data) {
    switch (r.kind()) {
      case CORRUPT -> {
        CorruptBlockException e = r.corrupt();
        if (!id.equals(e.blockId())) {
          fail(what + " threw CorruptBlockException for block " + quote(e.blockId())
              + "; expected block \"" + id + "\", the one that was read.");
        }
        if (chunk != LENGTH && e.chunk() != chunk) {
          String why = "";
          if (e.chunk() == chunk * b && b > 1) {
            why = " " + e.chunk() + " is the chunk's first byte; chunk() is its number, the"
                + " offset divided by B.";
          } else if (e.chunk() > chunk) {
            why = " Chunks before " + e.chunk() + " fail too: name the lowest-numbered chunk"
                + " that fails, and do not return or move on before checking it.";
          }
          fail(what + " threw CorruptBlockException naming chunk " + e.chunk() + "; expected"
              + " chunk " + chunk + ", the lowest-numbered chunk whose CRC-32C does not match"
              + " its stored entry." + why);
        }
      }
      case BYTES -> fail(what + " returned " + size(r.bytes().length)
          + (Arrays.equals(r.bytes(), data) ? " (the block as written: was the disk read?)"
              : "") + "; expected CorruptBlockException"
          + (chunk == LENGTH ? "" : " naming chunk " + chunk) + ". A read must check every"
          + " chunk against its stored checksum, as both are on the disk now, and never return"
          + " bytes that do not verify.");
      case ABSENT -> fail(what + " returned null; expected CorruptBlockException"
          + (chunk == LENGTH ? "" : " naming chunk " + chunk) + ". null means that neither file"
          + " of the block exists; a damaged block is corrupt.");
      default -> throw new AssertionError(what + " threw " + name(r.error()) + where(r.error())
          + "; expected CorruptBlockException" + (chunk == LENGTH ? "" : " naming chunk "
          + chunk) + ". Damage on the disk is CorruptBlockException, never another"
          + " exception: check the sizes of both files before indexing into them.", r.error());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 6. Damage to both files, and to their lengths

  @Test
  @Order(6)
  @DisplayName("damage to both files at once is detected, naming the lowest failing chunk; a file"
      + " cut short, extended or missing is CorruptBlockException")
  @Hint(VERIFY)
  void damageToBothFilesIsDetected() {
    // Lengths at both ends first, each on its own, so that a failure shows the simplest one.
    record Cut(int n, String file, int change, String text) {}
    Cut[] cuts = {
      new Cut(0, ".crc", Integer.MIN_VALUE, "deleted"),
      new Cut(0, ".data", Integer.MIN_VALUE, "deleted"),
      new Cut(0, ".data", 1, "extended by 1 byte"),
      new Cut(0, ".crc", 4, "extended by 4 bytes"),
      new Cut(512, ".data", -1, "cut short by 1 byte"),
      new Cut(512, ".crc", -4, "cut short by 4 bytes"),
      new Cut(1_024, ".data", -512, "cut short by 512 bytes"),
      new Cut(513, ".crc", 4, "extended by 4 bytes"),
      new Cut(1_000, ".crc", -1, "cut short by 1 byte"),
      new Cut(1_000, ".data", 24, "extended by 24 bytes"),
      new Cut(1_024, ".data", 1, "extended by 1 byte"),
      new Cut(700, ".crc", 8, "extended by 8 bytes"),
    };
    SplittableRandom cutRnd = new SplittableRandom(60);
    for (Cut cut : cuts) {
      byte[] data = bytes(cutRnd, cut.n());
      String id = "blk_1073741825";
      MemoryDisk disk = new MemoryDisk();
      disk.put(id + ".data", data);
      disk.put(id + ".crc", modelCrc(data, 512));
      expectIntactRead(disk, id, 512, data, cutRnd);
      String file = id + cut.file();
      if (cut.change() == Integer.MIN_VALUE) {
        disk.delete(file);
      } else {
        byte[] old = disk.raw(file);
        byte[] changed = Arrays.copyOf(old, old.length + cut.change());
        for (int i = old.length; i < changed.length; i++) {
          changed[i] = (byte) cutRnd.nextInt(256);
        }
        disk.put(file, changed);
      }
      judgeDamaged(disk, id, 512, data, "Block " + id + " of " + size(cut.n()) + " at B = 512 ("
          + chunkList(cut.n(), 512) + "), written in the format, then " + file + " "
          + cut.text() + " on the disk. Then read(\"" + id + "\")");
    }

    Seeds.forEach(80, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
      int b = new int[] {1, 3, 7, 64, 512, 512, 4096}[rnd.nextInt(7)];
      int n = rnd.nextInt(10) == 0 ? 60_000 + rnd.nextInt(6_000) : rnd.nextInt(8 * b + 40);
      byte[] data = bytes(rnd, n);
      String id = blockId(rnd.nextInt(1000));
      MemoryDisk disk = new MemoryDisk();
      disk.put(id + ".data", data);
      disk.put(id + ".crc", modelCrc(data, b));
      expectIntactRead(disk, id, b, data, rnd);
      List<String> damage = new ArrayList<>();
      int kind = (int) (seed % 4);
      if (kind != 1) {
        int flips = 1 + rnd.nextInt(6);
        for (int f = 0; f < flips; f++) {
          boolean crc = rnd.nextInt(3) == 0 || n == 0;
          String file = id + (crc ? ".crc" : ".data");
          byte[] raw = disk.raw(file);
          if (raw.length == 0) {
            continue;
          }
          int at = rnd.nextInt(raw.length);
          int bit = rnd.nextInt(8);
          raw[at] ^= (byte) (1 << bit);
          damage.add("bit " + bit + " of byte " + at + " of " + file + " flipped (chunk "
              + (crc ? at / 4 : at / b) + ")");
        }
      }
      if (kind == 1 || kind == 3 || damage.isEmpty()) {
        damage.add(damageLength(disk, id, rnd));
      }
      judgeDamaged(disk, id, b, data, "Block " + id + " of " + size(n) + " at B = " + b + " ("
          + chunkList(n, b) + "), written in the format, then damaged on the disk: "
          + String.join("; ", damage) + ". Then read(\"" + id + "\")");
    });
  }

  /**
   * A new store must read the block in the format before it is damaged; if not, the failure is
   * about the format or the read side, not about damage.
   */
  private static void expectIntactRead(MemoryDisk disk, String id, int b, byte[] data,
      SplittableRandom rnd) {
    int n = data.length;
    Result intact = Store.create(disk, b).read(id);
    if (intact.kind() != Result.Kind.BYTES || !Arrays.equals(intact.bytes(), data)) {
      throw readSideOrFormat("Block " + id + " of " + size(n) + " at B = " + b + " ("
          + chunkList(n, b) + "), written in the format by the suite: before any damage,"
          + " read(\"" + id + "\") " + intact.describe(data) + "; expected its " + size(n)
          + ".", b, n, rnd);
    }
  }

  /** A new store reads the damaged block; fails unless it answers as the model says. */
  private static void judgeDamaged(MemoryDisk disk, String id, int b, byte[] data, String what) {
    byte[] d = disk.read(id + ".data");
    byte[] c = disk.read(id + ".crc");
    int verdict = modelVerdict(d, c, b);
    Result r = Store.create(disk, b).read(id);
    if (d == null && c == null) {
      if (r.kind() != Result.Kind.ABSENT) {
        fail(what + " " + r.describe() + "; expected null: neither file exists any more.");
      }
    } else if (verdict == GOOD) {
      if (r.kind() != Result.Kind.BYTES || !Arrays.equals(r.bytes(), d)) {
        fail(what + " " + r.describe(d) + "; expected the " + size(d.length) + " on the disk:"
            + " the damage left every chunk matching its stored CRC-32C.");
      }
    } else {
      expectCorrupt(r, what, id, verdict, d == null ? 0 : d.length, b, data);
    }
  }

  /** Damages the length of one of the block's files (or deletes one); says what it did. */
  private static String damageLength(MemoryDisk disk, String id, SplittableRandom rnd) {
    String dataFile = id + ".data";
    String crcFile = id + ".crc";
    byte[] d = disk.raw(dataFile);
    byte[] c = disk.raw(crcFile);
    switch (rnd.nextInt(6)) {
      case 0:
        if (d.length > 0) {
          int cut = 1 + rnd.nextInt(Math.min(d.length, 600));
          disk.put(dataFile, Arrays.copyOf(d, d.length - cut));
          return dataFile + " cut short by " + size(cut);
        }
        // fall through: nothing to cut
      case 1: {
        int more = 1 + rnd.nextInt(600);
        byte[] longer = Arrays.copyOf(d, d.length + more);
        for (int i = d.length; i < longer.length; i++) {
          longer[i] = (byte) rnd.nextInt(256);
        }
        disk.put(dataFile, longer);
        return dataFile + " extended by " + size(more);
      }
      case 2:
        if (c.length > 0) {
          int cut = 1 + rnd.nextInt(Math.min(c.length, 9));
          disk.put(crcFile, Arrays.copyOf(c, c.length - cut));
          return crcFile + " cut short by " + size(cut);
        }
        // fall through
      case 3: {
        int more = 1 + rnd.nextInt(9);
        byte[] longer = Arrays.copyOf(c, c.length + more);
        for (int i = c.length; i < longer.length; i++) {
          longer[i] = (byte) rnd.nextInt(256);
        }
        disk.put(crcFile, longer);
        return crcFile + " extended by " + size(more);
      }
      case 4:
        disk.delete(dataFile);
        return dataFile + " deleted";
      default:
        disk.delete(crcFile);
        return crcFile + " deleted";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 7. Verification on every read

  @Test
  @Order(7)
  @DisplayName("every read reads both files from the disk and checks them, also for a block"
      + " read before")
  @Hint(VERIFY)
  void everyReadVerifies() {
    MemoryDisk disk = new MemoryDisk();
    Disk spy = spyOn(Disk.class, disk);
    IntConsumer started = Mockito.mock(IntConsumer.class,
        Mockito.withSettings().mockMaker(MockMakers.PROXY));
    IntConsumer returned = Mockito.mock(IntConsumer.class,
        Mockito.withSettings().mockMaker(MockMakers.PROXY));
    int b = 512;
    String id = "blk_1073741825";
    byte[] data = bytes(new SplittableRandom(70), 1_300); // chunks of 512, 512 and 276
    Store store = Store.create(spy, b);
    store.write(id, data);
    String story = "new ChecksummedBlockStore(disk, 512).write(\"" + id + "\", 1,300 bytes)";
    expectFiles(story, disk, id, data, b);

    // Three reads in a row, each between two markers: both files are read from the disk
    // between the markers of each call, in either order, whole or by position.
    for (int k = 1; k <= 3; k++) {
      started.accept(k);
      Result r = store.read(id);
      returned.accept(k);
      List<String> changes = diskWritesDuring(spy, started, returned, k);
      if (!changes.isEmpty()) {
        throw Because.of(VERIFY, story + ", then read(\"" + id + "\") " + k + " time"
            + (k == 1 ? "" : "s") + ": during read number " + k + " the store made these"
            + " changes on the disk: " + String.join(", ", changes) + ". A read only reads:"
            + " a store that rewrites what it finds would erase the evidence of damage, or"
            + " bless it.");
      }
      if (r.kind() != Result.Kind.BYTES || !Arrays.equals(r.bytes(), data)) {
        fail(story + ", then read number " + k + " " + r.describe(data) + "; expected the"
            + " 1,300 bytes written.");
      }
      for (String file : List.of(id + ".data", id + ".crc")) {
        if (!readDuring(spy, started, returned, k, file)) {
          throw Because.of(VERIFY, story + ", then read(\"" + id + "\") " + k + " time"
              + (k == 1 ? "" : "s") + ": during read number " + k + " the store "
              + diskCallsDuring(spy, started, returned, k) + ", and never read " + file
              + ". Every read must read both files from the disk in that call and check"
              + " them: the disk may have changed since the block was written or last read.");
        }
      }
    }

    // Damage after those reads must be seen by the next one.
    flipAndExpect(store, disk, id, id + ".data", 2 * b + 100, data, b,
        story + ", read three times, then bit 0 of byte 1124 of " + id + ".data flipped (chunk"
            + " 2)", 2);
    flipAndExpect(store, disk, id, id + ".crc", 1, data, b, story + ", read three times, then"
        + " bit 0 of byte 1 of " + id + ".crc flipped (the checksum of chunk 0)", 0);
    Result again = store.read(id);
    if (again.kind() != Result.Kind.BYTES || !Arrays.equals(again.bytes(), data)) {
      fail(story + ", read, damaged and repaired on the disk (every flipped bit flipped back),"
          + " then read(\"" + id + "\") " + again.describe(data) + "; expected the 1,300"
          + " bytes: every read judges the files as they are now.");
    }

    // A new version, then a restart, then damage seen by the new store.
    byte[] second = bytes(new SplittableRandom(71), 700);
    store.write(id, second);
    expectFiles(story + ", then write(\"" + id + "\", 700 other bytes)", disk, id, second, b);
    Result r2 = store.read(id);
    if (r2.kind() != Result.Kind.BYTES || !Arrays.equals(r2.bytes(), second)) {
      fail(story + ", then write(\"" + id + "\", 700 other bytes), then read(\"" + id + "\") "
          + r2.describe(second) + "; expected the 700 bytes of the second write.");
    }
    Store restarted = Store.create(disk, b);
    Result r3 = restarted.read(id);
    if (r3.kind() != Result.Kind.BYTES || !Arrays.equals(r3.bytes(), second)) {
      fail(story + ", then write(\"" + id + "\", 700 other bytes); a new store over the same"
          + " disk then read(\"" + id + "\") " + r3.describe(second) + "; expected the 700"
          + " bytes.");
    }
    flipAndExpect(store, disk, id, id + ".data", 5, second, b, story + ", then write(\"" + id
        + "\", 700 other bytes) and read, then bit 0 of byte 5 of " + id + ".data flipped"
        + " (chunk 0)", 0);
  }

  /** Fails with the format's hint unless the block's files are in the format. */
  private static void expectFiles(String did, MemoryDisk disk, String id, byte[] data, int b) {
    String problem = fileProblem(disk, id, data, b);
    if (problem != null) {
      throw Because.of(FORMAT, did + " left the block's files not in the brief's format: "
          + problem);
    }
  }

  /** Flips bit 0 of byte {@code at} of {@code file}, reads, flips it back, expects chunk. */
  private static void flipAndExpect(Store store, MemoryDisk disk, String id, String file, int at,
      byte[] data, int b, String what, int chunk) {
    disk.raw(file)[at] ^= 1;
    Result r = store.read(id);
    disk.raw(file)[at] ^= 1;
    expectCorrupt(r, what + "; then read(\"" + id + "\")", id, chunk, data.length, b, data);
  }

  /** "read blk.data" style list of the calls made to the disk spy during read number k. */
  private static String diskCallsDuring(Disk spy, IntConsumer started, IntConsumer returned,
      int k) {
    long from = sequenceOf(started, k);
    long to = sequenceOf(returned, k);
    List<String> calls = new ArrayList<>();
    for (Invocation inv : Mockito.mockingDetails(spy).getInvocations()) {
      if (inv.getSequenceNumber() > from && inv.getSequenceNumber() < to) {
        calls.add(call(inv));
      }
    }
    return calls.isEmpty() ? "made no call to the disk at all"
        : "made these calls to the disk: " + String.join(", ", calls);
  }

  /** Whether {@code file} was read from the disk spy (whole or by position) during read k. */
  private static boolean readDuring(Disk spy, IntConsumer started, IntConsumer returned, int k,
      String file) {
    long from = sequenceOf(started, k);
    long to = sequenceOf(returned, k);
    for (Invocation inv : Mockito.mockingDetails(spy).getInvocations()) {
      if (inv.getSequenceNumber() > from && inv.getSequenceNumber() < to
          && inv.getMethod().getName().equals("read") && file.equals(inv.getArgument(0))) {
        return true;
      }
    }
    return false;
  }

  /** The writes, appends and deletes made to the disk spy during read number k. */
  private static List<String> diskWritesDuring(Disk spy, IntConsumer started,
      IntConsumer returned, int k) {
    long from = sequenceOf(started, k);
    long to = sequenceOf(returned, k);
    List<String> calls = new ArrayList<>();
    for (Invocation inv : Mockito.mockingDetails(spy).getInvocations()) {
      String m = inv.getMethod().getName();
      if (inv.getSequenceNumber() > from && inv.getSequenceNumber() < to
          && (m.equals("write") || m.equals("append") || m.equals("delete"))) {
        calls.add(call(inv));
      }
    }
    return calls;
  }

  private static long sequenceOf(IntConsumer marker, int k) {
    for (Invocation inv : Mockito.mockingDetails(marker).getInvocations()) {
      if (Integer.valueOf(k).equals(inv.getArgument(0))) {
        return inv.getSequenceNumber();
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------
  // 8. Copies

  @Test
  @Order(8)
  @DisplayName("arrays given to write or returned by read are not shared with the store or the"
      + " replicas")
  @Hint(COPIES)
  void arraysAreNotShared() {
    SplittableRandom rnd = new SplittableRandom(80);
    for (int n : new int[] {1, 600, 2_000}) {
      byte[] data = bytes(rnd, n);
      byte[] mine = data.clone();
      MemoryDisk disk = new MemoryDisk();
      Store store = Store.create(disk, 512);
      store.write("blk_1", mine);
      Arrays.fill(mine, (byte) 7);
      Result r = store.read("blk_1");
      if (r.kind() != Result.Kind.BYTES) {
        throw Because.of(VERIFY, "new ChecksummedBlockStore(disk, 512).write(\"blk_1\", "
            + size(n) + "), then read(\"blk_1\") " + r.describe() + "; expected the bytes"
            + " written.");
      }
      if (!Arrays.equals(r.bytes(), data)) {
        fail("store.write(\"blk_1\", array of " + size(n) + "), then the caller filled its array"
            + " with 7s; then read(\"blk_1\") " + r.describe(data) + "; expected the bytes as"
            + " they were written. Keep nothing that shares the caller's array.");
      }
      Arrays.fill(r.bytes(), (byte) 9);
      Result r2 = store.read("blk_1");
      if (r2.kind() != Result.Kind.BYTES) {
        throw Because.of(VERIFY, "new ChecksummedBlockStore(disk, 512).write(\"blk_1\", "
            + size(n) + "), read(\"blk_1\"), then read(\"blk_1\") again " + r2.describe()
            + "; expected the bytes written.");
      }
      if (!Arrays.equals(r2.bytes(), data)) {
        fail("store.write(\"blk_1\", " + size(n) + "), read(\"blk_1\"), and the caller filled"
            + " the returned array with 9s; then read(\"blk_1\") " + r2.describe(data)
            + "; expected the bytes written. Every read returns a new array.");
      }
    }

    for (int n : new int[] {0, 1, 700}) {
      byte[] data = bytes(rnd, n);
      byte[] mine = data.clone();
      Replicas replicas = new Replicas(3);
      Replicated rb = Replicated.create(replicas.spies, "[r0, r1, r2]");
      rb.write("blk_2", mine);
      Arrays.fill(mine, (byte) 7);
      byte[] first = rb.read("blk_2", "after write(\"blk_2\", " + size(n) + ") and the caller"
          + " filled its array with 7s");
      if (!Arrays.equals(first, data)) {
        fail("ReplicatedBlocks over [r0, r1, r2]: write(\"blk_2\", array of " + size(n) + "),"
            + " then the caller filled its array with 7s; then read(\"blk_2\") returned "
            + size(first.length) + firstDifference(first, data) + "; expected the bytes as"
            + " written.");
      }
      Arrays.fill(first, (byte) 9);
      byte[] second = rb.read("blk_2", "after a read whose array the caller filled with 9s");
      if (!Arrays.equals(second, data)) {
        fail("ReplicatedBlocks over [r0, r1, r2]: write(\"blk_2\", " + size(n) + "),"
            + " read(\"blk_2\"), and the caller filled the returned array with 9s; then"
            + " read(\"blk_2\") returned " + size(second.length) + firstDifference(second, data)
            + "; expected the bytes written. Return each replica's fresh copy; keep no array"
            + " you hand out.");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 9. Replicated reads

  @Test
  @Order(9)
  @DisplayName("ReplicatedBlocks.read returns a good replica's bytes, never a failed one's,"
      + " asks each replica at most once, writes none, and fails clearly when none is good")
  @Hint(FALLBACK)
  void replicatedReadFallsBack() {
    // Written through ReplicatedBlocks.write: every replica holds the block.
    SplittableRandom rnd = new SplittableRandom(90);
    Replicas all = new Replicas(3);
    Replicated writer = Replicated.create(all.spies, "[r0, r1, r2]");
    byte[] data = bytes(rnd, 700);
    writer.write("blk_1", data);
    for (int i = 0; i < 3; i++) {
      if (!Arrays.equals(all.models.get(i).stored("blk_1"), data)) {
        fail("ReplicatedBlocks over [r0, r1, r2]: write(\"blk_1\", 700 bytes): afterwards replica"
            + " r" + i + " " + all.models.get(i).describe("blk_1") + "; write must write the"
            + " block to every replica.");
      }
    }

    // Structured cases first, so that a failure shows the simplest one.
    String[] cases = {"GGG", "CGG", "CCG", "MGC", "GCC", "MMM", "CCC", "CMC", "G", "C", "M",
      "CMCMG", "MCCCC"};
    for (String states : cases) {
      checkReplicatedRead(states, 700, rnd, -1);
    }
    checkReplicatedRead("CMG", 0, rnd, -1); // an empty block, good on the last replica only

    Seeds.forEach(200, seed -> {
      SplittableRandom r = new SplittableRandom(seed * 0x2545F4914F6CDD1DL);
      int replicas = 1 + r.nextInt(5);
      StringBuilder states = new StringBuilder();
      for (int i = 0; i < replicas; i++) {
        int x = r.nextInt(10);
        states.append(x < 5 ? 'G' : x < 8 ? 'C' : 'M');
      }
      int n = r.nextInt(5) == 0 ? 0 : r.nextInt(3_000);
      checkReplicatedRead(states.toString(), n, r, seed);
    });
  }

  /**
   * Replicas in {@code states} (G good, C corrupt, M missing the block), then one read and a
   * check of its answer and of the calls it made.
   */
  private static void checkReplicatedRead(String states, int n, SplittableRandom rnd, long seed) {
    Replicas replicas = new Replicas(states.length());
    byte[] data = bytes(rnd, n);
    String id = blockId(rnd.nextInt(1000));
    replicas.place(id, data, states, rnd);
    Replicated rb = Replicated.create(replicas.spies, replicas.names(replicas.spies));
    replicas.clear();
    String scene = "ReplicatedBlocks over " + replicas.describe(id, states) + ": read(\"" + id
        + "\")";
    Object answer = rb.readOrFailure(id);
    boolean anyGood = states.indexOf('G') >= 0;
    if (anyGood) {
      if (answer instanceof byte[] bytes) {
        if (!Arrays.equals(bytes, data)) {
          fail(scene + " returned " + size(bytes.length) + firstDifference(bytes, data)
              + "; expected the " + size(n) + " the good replicas hold.");
        }
      } else if (answer == null) {
        fail(scene + " returned null; expected the " + size(n) + " of a good replica. A replica"
            + " that returns null lacks the block: ask the next one.");
      } else if (answer instanceof CorruptBlockException e) {
        fail(scene + " threw the CorruptBlockException of a corrupt replica (chunk " + e.chunk()
            + "); expected the " + size(n) + " of a good replica: catch it and ask the next"
            + " replica.");
      } else {
        NoGoodReplicaException e = (NoGoodReplicaException) answer;
        fail(scene + " threw NoGoodReplicaException (" + e.getMessage() + "); expected the "
            + size(n) + ": replica " + replicas.firstGood(states) + " is good.");
      }
    } else {
      if (answer instanceof NoGoodReplicaException e) {
        if (!id.equals(e.blockId())) {
          fail(scene + " threw NoGoodReplicaException for block " + quote(e.blockId())
              + "; expected it for \"" + id + "\".");
        }
      } else {
        String got = answer == null ? "returned null"
            : answer instanceof byte[] bytes ? "returned " + size(bytes.length)
            : "threw CorruptBlockException";
        fail(scene + " " + got + "; expected NoGoodReplicaException: no replica has a good copy,"
            + " and that is a clear error, not null, an empty array or one replica's"
            + " exception.");
      }
    }
    replicas.expectReadsAtMostOnce(scene, id);
    replicas.expectNoWrites(scene, FALLBACK, "a read never writes: repairing is repair's job");
  }

  // ---------------------------------------------------------------------------------------------
  // 10. Repair

  @Test
  @Order(10)
  @DisplayName("repair writes a good copy once to every failed replica and never to a good one,"
      + " and writes nothing when no replica is good")
  @Hint(REPAIR)
  void repairRestoresFailedReplicasOnly() {
    SplittableRandom rnd = new SplittableRandom(100);
    String[] cases = {"CGG", "GCM", "MMG", "GGG", "CCC", "MMM", "G", "C", "M", "CGMGC",
      "GCCCC"};
    for (String states : cases) {
      checkRepair(states, 900, rnd);
    }
    checkRepair("MCG", 0, rnd); // an empty block
    Seeds.forEach(200, seed -> {
      SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
      int replicas = 1 + r.nextInt(5);
      StringBuilder states = new StringBuilder();
      for (int i = 0; i < replicas; i++) {
        int x = r.nextInt(10);
        states.append(x < 5 ? 'G' : x < 8 ? 'C' : 'M');
      }
      checkRepair(states.toString(), r.nextInt(5) == 0 ? 0 : r.nextInt(3_000), r);
    });
  }

  private static void checkRepair(String states, int n, SplittableRandom rnd) {
    Replicas replicas = new Replicas(states.length());
    byte[] data = bytes(rnd, n);
    String id = blockId(rnd.nextInt(1000));
    replicas.place(id, data, states, rnd);
    Replicated rb = Replicated.create(replicas.spies, replicas.names(replicas.spies));
    replicas.clear();
    String scene = "ReplicatedBlocks over " + replicas.describe(id, states) + ": repair(\"" + id
        + "\")";
    int failed = 0;
    for (char c : states.toCharArray()) {
      failed += c == 'G' ? 0 : 1;
    }
    Object answer = rb.repairOrFailure(id);
    if (failed == states.length()) {
      if (!(answer instanceof NoGoodReplicaException e)) {
        fail(scene + (answer instanceof Integer i ? " returned " + i : " threw "
            + "CorruptBlockException") + "; expected NoGoodReplicaException: no replica has a"
            + " good copy to repair from.");
      } else if (!id.equals(e.blockId())) {
        fail(scene + " threw NoGoodReplicaException for block " + quote(e.blockId())
            + "; expected it for \"" + id + "\".");
      }
      replicas.expectNoWrites(scene, REPAIR, "with no good copy, repair writes nothing: a"
          + " damaged or empty state must never be spread");
      return;
    }
    if (!(answer instanceof Integer count)) {
      fail(scene + (answer instanceof NoGoodReplicaException e ? " threw NoGoodReplicaException"
          + " (" + e.getMessage() + ")" : " threw CorruptBlockException") + "; expected it to"
          + " repair from a good replica, such as r" + replicas.firstGood(states) + ".");
      return;
    }
    for (int i = 0; i < states.length(); i++) {
      List<byte[]> writes = replicas.writesOf(i, id);
      if (states.charAt(i) == 'G') {
        if (!writes.isEmpty()) {
          fail(scene + " wrote to r" + i + " " + times(writes.size()) + ", though its copy was"
              + " good; expected it to write only to the failed replicas "
              + replicas.failedNames(states) + ". Rewriting a good replica is a write that can"
              + " only go wrong.");
        }
      } else {
        if (writes.size() != 1) {
          fail(scene + " wrote to r" + i + " (" + (states.charAt(i) == 'C' ? "corrupt"
              : "missing the block") + ") " + times(writes.size()) + "; expected exactly once,"
              + " with a good copy: every failed replica is " + (writes.isEmpty()
              ? "repaired, whether it was corrupt or lacked the block, and whether it comes"
                  + " before or after the first good replica." : "written once."));
        }
        if (!Arrays.equals(writes.get(0), data)) {
          fail(scene + " wrote " + size(writes.get(0).length) + firstDifference(writes.get(0),
              data) + " to r" + i + "; expected the " + size(n) + " of a good replica.");
        }
      }
    }
    if (count != failed) {
      fail(scene + " returned " + count + "; expected " + failed + ", the number of replicas it"
          + " rewrote (" + replicas.failedNames(states) + ").");
    }
    for (int i = 0; i < states.length(); i++) {
      byte[] now = replicas.models.get(i).readQuietly(id);
      if (!Arrays.equals(now, data)) {
        fail(scene + ": afterwards r" + i + " " + replicas.models.get(i).describe(id)
            + "; expected every replica to hold the " + size(n) + ".");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // 11. End to end

  @Test
  @Order(11)
  @DisplayName("end to end over three of your stores: damaged replicas are never served, and"
      + " repair restores their files without writing to the good ones' disks")
  @Hint(FALLBACK)
  void endToEnd() {
    Seeds.forEach(40, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0xD1B54A32D192ED03L);
      int b = new int[] {512, 64, 7, 1}[rnd.nextInt(4)];
      List<MemoryDisk> disks = new ArrayList<>();
      List<Disk> diskSpies = new ArrayList<>();
      List<BlockStore> stores = new ArrayList<>();
      List<Store> wrapped = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        MemoryDisk disk = new MemoryDisk();
        disks.add(disk);
        diskSpies.add(spyOn(Disk.class, disk));
        wrapped.add(Store.create(diskSpies.get(i), b));
        stores.add(wrapped.get(i).store);
      }
      Replicated rb = Replicated.create(stores, "[s0, s1, s2] (your stores, B = " + b + ")");
      Map<String, byte[]> blocks = new TreeMap<>();
      int count = 1 + rnd.nextInt(3);
      for (int k = 0; k < count; k++) {
        byte[] data = bytes(rnd, rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(40 * b + 1));
        String id = blockId(k);
        rb.write(id, data);
        blocks.put(id, data);
      }
      for (Map.Entry<String, byte[]> block : blocks.entrySet()) {
        String id = block.getKey();
        byte[] data = block.getValue();
        for (int i = 0; i < 3; i++) {
          String problem = fileProblem(disks.get(i), id, data, b);
          if (problem != null) {
            throw Because.of(FORMAT, "ReplicatedBlocks over three of your stores (B = " + b
                + "): write(\"" + id + "\", " + size(data.length) + ") left s" + i + "'s disk"
                + " not in the brief's format: " + problem);
          }
        }
        // Damage: each replica's disk is left alone, gets flipped bits, or loses a file.
        List<String> damage = new ArrayList<>();
        boolean[] good = new boolean[3];
        for (int i = 0; i < 3; i++) {
          MemoryDisk disk = disks.get(i);
          int x = rnd.nextInt(10);
          String what = "intact";
          if (x >= 5 && x < 8) {
            int flips = 1 + rnd.nextInt(3);
            List<String> bits = new ArrayList<>();
            for (int f = 0; f < flips; f++) {
              String file = id + (data.length == 0 || rnd.nextInt(3) == 0 ? ".crc" : ".data");
              byte[] raw = disk.raw(file);
              if (raw.length == 0) {
                continue;
              }
              int at = rnd.nextInt(raw.length);
              raw[at] ^= (byte) (1 << rnd.nextInt(8));
              bits.add("byte " + at + " of " + file);
            }
            what = bits.isEmpty() ? "intact" : "a bit flipped in " + String.join(", ", bits);
          } else if (x >= 8) {
            what = damageLength(disk, id, rnd);
          }
          byte[] d = disk.has(id + ".data") ? disk.raw(id + ".data") : null;
          byte[] c = disk.has(id + ".crc") ? disk.raw(id + ".crc") : null;
          good[i] = d != null && c != null && modelVerdict(d, c, b) == GOOD
              && Arrays.equals(d, data);
          damage.add("s" + i + ": " + what);
        }
        String scene = "ReplicatedBlocks over three of your stores (B = " + b + ") holding "
            + id + " (" + size(data.length) + "), then on their disks " + String.join("; ",
            damage);
        boolean anyGood = good[0] || good[1] || good[2];
        // Each store on its own first, so that a store that misjudges its disk is named.
        for (int i = 0; i < 3; i++) {
          Mockito.clearInvocations(diskSpies.get(i));
          Result own = wrapped.get(i).read(id);
          List<String> changes = diskWrites(diskSpies.get(i));
          if (!changes.isEmpty()) {
            throw Because.of(VERIFY, scene + ": s" + i + ".read(\"" + id + "\") on its own made"
                + " these changes on its disk: " + String.join(", ", changes) + ". A read only"
                + " reads; repairing is ReplicatedBlocks.repair's job.");
          }
          boolean right = good[i] ? own.kind() == Result.Kind.BYTES
              && Arrays.equals(own.bytes(), data) : own.kind() == Result.Kind.CORRUPT;
          if (!right) {
            throw Because.of(VERIFY, scene + ": s" + i + ".read(\"" + id + "\") on its own "
                + own.describe(data) + "; expected " + (good[i] ? "the " + size(data.length)
                + ", as its disk is intact." : "CorruptBlockException, as its disk is damaged."));
          }
        }
        for (Disk spy : diskSpies) {
          Mockito.clearInvocations(spy);
        }
        Object answer = rb.readOrFailure(id);
        for (int i = 0; i < 3; i++) {
          List<String> writes = diskWrites(diskSpies.get(i));
          if (!writes.isEmpty()) {
            throw Because.of(FALLBACK, scene + ": read(\"" + id + "\") made these changes on"
                + " s" + i + "'s disk: " + String.join(", ", writes) + ". A read never writes:"
                + " repairing is repair's job.");
          }
        }
        if (answer instanceof byte[] bytes) {
          if (!Arrays.equals(bytes, data)) {
            throw servedDamaged(scene, stores, disks, id, data, b, bytes);
          }
          if (!anyGood) {
            throw servedDamaged(scene, stores, disks, id, data, b, bytes);
          }
        } else if (anyGood) {
          fail(scene + ": read(\"" + id + "\") " + (answer == null ? "returned null"
              : "threw " + name((RuntimeException) answer)) + "; expected the "
              + size(data.length) + ": " + goodNames(good) + " intact.");
        } else if (!(answer instanceof NoGoodReplicaException)) {
          fail(scene + ": read(\"" + id + "\") " + (answer == null ? "returned null"
              : "threw " + name((RuntimeException) answer)) + "; expected"
              + " NoGoodReplicaException: every replica is damaged.");
        }

        for (Disk spy : diskSpies) {
          Mockito.clearInvocations(spy);
        }
        Object repaired = rb.repairOrFailure(id);
        if (!anyGood) {
          if (!(repaired instanceof NoGoodReplicaException)) {
            throw Because.of(REPAIR, scene + ": repair(\"" + id + "\") " + (repaired
                instanceof Integer i ? "returned " + i : "threw " + name(
                (RuntimeException) repaired)) + "; expected NoGoodReplicaException: every"
                + " replica is damaged.");
          }
          continue;
        }
        int failed = (good[0] ? 0 : 1) + (good[1] ? 0 : 1) + (good[2] ? 0 : 1);
        if (!(repaired instanceof Integer n) || n != failed) {
          throw Because.of(REPAIR, scene + ": repair(\"" + id + "\") " + (repaired
              instanceof Integer i ? "returned " + i : "threw " + name(
              (RuntimeException) repaired)) + "; expected " + failed + ", the number of"
              + " damaged replicas it rewrites.");
        }
        for (int i = 0; i < 3; i++) {
          List<String> writes = diskWrites(diskSpies.get(i));
          if (good[i] && !writes.isEmpty()) {
            throw Because.of(REPAIR, scene + ": repair(\"" + id + "\") made these changes on"
                + " s" + i + "'s disk, though s" + i + " was intact: " + String.join(", ",
                writes) + ". Repair writes only to the damaged replicas.");
          }
          String problem = fileProblem(disks.get(i), id, data, b);
          if (problem != null) {
            // Rewritten, with the right bytes, but its checksums wrong: the store's write.
            boolean storeWrite = !writes.isEmpty() && disks.get(i).has(id + ".data")
                && Arrays.equals(disks.get(i).raw(id + ".data"), data);
            throw Because.of(storeWrite ? FORMAT : REPAIR, scene + ": after repair(\"" + id
                + "\"), s" + i + "'s disk does not hold the block as written: " + problem
                + (storeWrite ? ". Repair rewrote it through s" + i + ".write, so that write"
                + " is not in the brief's format." : ". Expected every replica repaired."));
          }
        }
      }
    });
  }

  /** The failure for damaged bytes served end to end, with the hint about its cause. */
  private static AssertionError servedDamaged(String scene, List<BlockStore> stores,
      List<MemoryDisk> disks, String id, byte[] data, int b, byte[] served) {
    String text = scene + ": read(\"" + id + "\") returned " + size(served.length)
        + firstDifference(served, data) + "; " + (Arrays.equals(served, data) ? "" : "that is"
        + " not the block written, and ") + "a damaged copy must never be served.";
    for (int i = 0; i < stores.size(); i++) {
      MemoryDisk disk = disks.get(i);
      byte[] d = disk.has(id + ".data") ? disk.raw(id + ".data") : null;
      byte[] c = disk.has(id + ".crc") ? disk.raw(id + ".crc") : null;
      boolean ok = d != null && c != null && modelVerdict(d, c, b) == GOOD;
      if (!ok && d != null && Arrays.equals(served, d)) {
        return Because.of(VERIFY, text + " Those are the bytes on s" + i + "'s damaged disk:"
            + " its store returned them without noticing the damage.");
      }
    }
    return Because.of(FALLBACK, text);
  }

  private static String goodNames(boolean[] good) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < good.length; i++) {
      if (good[i]) {
        names.add("s" + i);
      }
    }
    return String.join(" and ", names) + (names.size() == 1 ? " is" : " are");
  }

  private static List<String> diskWrites(Disk spy) {
    List<String> out = new ArrayList<>();
    for (Invocation inv : Mockito.mockingDetails(spy).getInvocations()) {
      String m = inv.getMethod().getName();
      if (m.equals("write") || m.equals("append") || m.equals("delete")) {
        out.add(call(inv));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // The model

  private static int chunks(int n, int b) {
    return (int) (((long) n + b - 1) / b);
  }

  private static int end(int n, int b, int chunk) {
    return (int) Math.min((long) (chunk + 1) * b, n);
  }

  private static int crc32c(byte[] d, int from, int to) {
    CRC32C c = new CRC32C();
    c.update(d, from, to - from);
    return (int) c.getValue();
  }

  private static int crc32(byte[] d, int from, int to) {
    CRC32 c = new CRC32();
    c.update(d, from, to - from);
    return (int) c.getValue();
  }

  /** The .crc file of {@code data} in the brief's format. */
  private static byte[] modelCrc(byte[] data, int b) {
    int k = chunks(data.length, b);
    byte[] out = new byte[4 * k];
    for (int i = 0; i < k; i++) {
      int v = crc32c(data, i * b, end(data.length, b, i));
      out[4 * i] = (byte) (v >>> 24);
      out[4 * i + 1] = (byte) (v >>> 16);
      out[4 * i + 2] = (byte) (v >>> 8);
      out[4 * i + 3] = (byte) v;
    }
    return out;
  }

  /**
   * GOOD, LENGTH (a file missing or the sizes disagree: any chunk may be named), or the lowest
   * chunk whose CRC-32C does not match its entry.
   */
  private static int modelVerdict(byte[] data, byte[] crc, int b) {
    if (data == null || crc == null) {
      return LENGTH;
    }
    int k = chunks(data.length, b);
    if (crc.length != 4 * k) {
      return LENGTH;
    }
    for (int i = 0; i < k; i++) {
      if (getInt(crc, 4 * i) != crc32c(data, i * b, end(data.length, b, i))) {
        return i;
      }
    }
    return GOOD;
  }

  private static int getInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }

  /** Block sizes for the format and round trips: both ends, boundaries, many chunks. */
  private static int[] formatSizes(int b) {
    TreeSet<Integer> s = new TreeSet<>(List.of(0, 1, b - 1, b, b + 1, 2 * b, 3 * b, 5 * b + 3));
    if (b == 512) {
      s.addAll(List.of(20 * 512 + 77, 65_536 + 100)); // 21 and 129 chunks
    } else {
      s.add(100 * b + b / 2); // over a hundred chunks
    }
    s.remove(-1);
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Block sizes whose every bit is flipped: both ends of a chunk, and several chunks. */
  private static int[] flipSizes(int b) {
    return switch (b) {
      case 512 -> new int[] {1, 511, 512, 513, 3 * 512 + 5};
      case 1 -> new int[] {1, 2, 9};
      case 3 -> new int[] {1, 2, 3, 4, 5, 7, 20};
      case 7 -> new int[] {6, 7, 8, 15, 50};
      default -> new int[] {b - 1, b, b + 1, 2 * b + 2};
    };
  }

  // ---------------------------------------------------------------------------------------------
  // The learner's store and replicated blocks, with the scenario each call happens in

  /** What a read gave: bytes, null, CorruptBlockException, or another exception. */
  private record Result(Kind kind, byte[] bytes, CorruptBlockException corrupt,
      RuntimeException error) {
    enum Kind { BYTES, ABSENT, CORRUPT, ERROR }

    String describe() {
      return describe(null);
    }

    /** "returned 512 bytes (byte 3 is 0x07, not 0x05)" and the like. */
    String describe(byte[] expected) {
      return switch (kind) {
        case BYTES -> "returned " + size(bytes.length)
            + (expected == null ? "" : firstDifference(bytes, expected));
        case ABSENT -> "returned null";
        case CORRUPT -> "threw CorruptBlockException naming chunk " + corrupt.chunk()
            + (corrupt.getMessage() == null ? "" : " (" + corrupt.getMessage() + ")");
        default -> "threw " + name(error) + where(error);
      };
    }
  }

  /** A learner store over a disk. */
  private static final class Store {
    final ChecksummedBlockStore store;
    final int b;

    private Store(ChecksummedBlockStore store, int b) {
      this.store = store;
      this.b = b;
    }

    static Store create(Disk disk, int b) {
      try {
        return new Store(new ChecksummedBlockStore(disk, b), b);
      } catch (RuntimeException e) {
        passTodo(e);
        throw Because.of(ARGS, "new ChecksummedBlockStore(disk, " + b + ") threw " + name(e)
            + where(e) + "; expected a store: every chunk size from 1 up is allowed.", e);
      }
    }

    void write(String id, byte[] data) {
      try {
        store.write(id, data);
      } catch (RuntimeException e) {
        passTodo(e);
        throw new AssertionError("new ChecksummedBlockStore(disk, " + b + ").write(\"" + id
            + "\", " + size(data.length) + ") threw " + name(e) + where(e) + ".", e);
      }
    }

    Result read(String id) {
      try {
        byte[] bytes = store.read(id);
        return bytes == null ? new Result(Result.Kind.ABSENT, null, null, null)
            : new Result(Result.Kind.BYTES, bytes, null, null);
      } catch (CorruptBlockException e) {
        return new Result(Result.Kind.CORRUPT, null, e, null);
      } catch (RuntimeException e) {
        passTodo(e);
        return new Result(Result.Kind.ERROR, null, null, e);
      }
    }
  }

  /** A learner ReplicatedBlocks, with how its replica list was described. */
  private static final class Replicated {
    final ReplicatedBlocks blocks;
    final String over;

    private Replicated(ReplicatedBlocks blocks, String over) {
      this.blocks = blocks;
      this.over = over;
    }

    static Replicated create(List<? extends BlockStore> replicas, String over) {
      try {
        return new Replicated(new ReplicatedBlocks(replicas), over);
      } catch (RuntimeException e) {
        passTodo(e);
        throw Because.of(ARGS, "new ReplicatedBlocks(" + over + ") threw " + name(e) + where(e)
            + "; expected it to accept any list of at least one replica.", e);
      }
    }

    void write(String id, byte[] data) {
      try {
        blocks.write(id, data);
      } catch (RuntimeException e) {
        passTodo(e);
        throw new AssertionError("ReplicatedBlocks over " + over + ": write(\"" + id + "\", "
            + size(data.length) + ") threw " + name(e) + where(e) + ".", e);
      }
    }

    /** The bytes read, failing on anything else. */
    byte[] read(String id, String when) {
      Object r = readOrFailure(id);
      if (r instanceof byte[] bytes) {
        return bytes;
      }
      throw Because.of(FALLBACK, "ReplicatedBlocks over " + over + ": read(\"" + id + "\") "
          + when + (r == null ? " returned null" : " threw " + name((RuntimeException) r)
          + where((RuntimeException) r)) + "; expected the block: every replica holds it"
          + " intact.", r instanceof Throwable t ? t : null);
    }

    /** The bytes, null, or the CorruptBlockException or NoGoodReplicaException thrown. */
    Object readOrFailure(String id) {
      try {
        return blocks.read(id);
      } catch (CorruptBlockException | NoGoodReplicaException e) {
        return e;
      } catch (RuntimeException e) {
        passTodo(e);
        throw new AssertionError("ReplicatedBlocks over " + over + ": read(\"" + id + "\") threw "
            + name(e) + where(e) + ".", e);
      }
    }

    /** The count returned, or the CorruptBlockException or NoGoodReplicaException thrown. */
    Object repairOrFailure(String id) {
      try {
        return blocks.repair(id);
      } catch (CorruptBlockException | NoGoodReplicaException e) {
        return e;
      } catch (RuntimeException e) {
        passTodo(e);
        throw Because.of(REPAIR, "ReplicatedBlocks over " + over + ": repair(\"" + id
            + "\") threw " + name(e) + where(e) + ".", e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Replicas, disks and spies

  /**
   * Model replicas r0, r1, ...: each holds blocks and can be told that a block is corrupt (its
   * read throws CorruptBlockException) or missing (read returns null). The learner's code sees
   * Mockito spies that forward every call to them, so the suite can count reads and writes.
   */
  private static final class Replicas {
    final List<ModelReplica> models = new ArrayList<>();
    final List<BlockStore> spies = new ArrayList<>();

    Replicas(int count) {
      for (int i = 0; i < count; i++) {
        ModelReplica m = new ModelReplica("r" + i);
        models.add(m);
        spies.add(spyOn(BlockStore.class, m));
      }
    }

    /** Puts block id on every replica, then makes replica i's copy as states.charAt(i) says. */
    void place(String id, byte[] data, String states, SplittableRandom rnd) {
      int chunks = Math.max(1, chunks(data.length, 512));
      for (int i = 0; i < states.length(); i++) {
        ModelReplica m = models.get(i);
        switch (states.charAt(i)) {
          case 'G' -> m.put(id, data);
          case 'C' -> {
            byte[] damaged = data.clone();
            if (damaged.length > 0) {
              damaged[rnd.nextInt(damaged.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            m.put(id, damaged);
            m.corrupt(id, rnd.nextInt(chunks));
          }
          default -> { } // missing: never written
        }
      }
    }

    void clear() {
      for (BlockStore s : spies) {
        Mockito.clearInvocations(s);
      }
    }

    String names(List<? extends BlockStore> list) {
      List<String> out = new ArrayList<>();
      for (BlockStore s : list) {
        out.add(models.get(spies.indexOf(s)).name);
      }
      return out.toString();
    }

    String describe(String id, String states) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < states.length(); i++) {
        out.add("r" + i + (switch (states.charAt(i)) {
          case 'G' -> " good";
          case 'C' -> " corrupt (read throws CorruptBlockException for chunk "
              + models.get(i).corruptChunk(id) + ")";
          default -> " missing the block (read returns null)";
        }));
      }
      return "[" + String.join(", ", out) + "]";
    }

    String failedNames(String states) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < states.length(); i++) {
        if (states.charAt(i) != 'G') {
          out.add("r" + i);
        }
      }
      return String.join(", ", out);
    }

    String firstGood(String states) {
      return "r" + states.indexOf('G');
    }

    List<byte[]> writesOf(int replica, String id) {
      List<byte[]> out = new ArrayList<>();
      for (Invocation inv : Mockito.mockingDetails(spies.get(replica)).getInvocations()) {
        if (inv.getMethod().getName().equals("write") && id.equals(inv.getArgument(0))) {
          out.add(((byte[]) inv.getArgument(1)).clone());
        }
      }
      return out;
    }

    void expectReadsAtMostOnce(String scene, String id) {
      for (int i = 0; i < spies.size(); i++) {
        int reads = 0;
        for (Invocation inv : Mockito.mockingDetails(spies.get(i)).getInvocations()) {
          if (inv.getMethod().getName().equals("read")) {
            reads++;
          }
        }
        if (reads > 1) {
          fail(scene + " asked r" + i + " " + times(reads) + "; expected at most once: a"
              + " replica's verdict does not change within one read, so move on to the next"
              + " replica.");
        }
      }
    }

    void expectNoWrites(String scene, String hint, String why) {
      for (int i = 0; i < spies.size(); i++) {
        for (Invocation inv : Mockito.mockingDetails(spies.get(i)).getInvocations()) {
          if (inv.getMethod().getName().equals("write")) {
            throw Because.of(hint, scene + " called r" + i + "." + call(inv) + "; expected no"
                + " write to any replica: " + why + ".");
          }
        }
      }
    }
  }

  /** A model replica: blocks in memory, some marked corrupt. Copies in and out. */
  private static final class ModelReplica implements BlockStore {
    final String name;
    private final Map<String, byte[]> blocks = new HashMap<>();
    private final Map<String, Integer> corrupt = new HashMap<>();

    ModelReplica(String name) {
      this.name = name;
    }

    void put(String id, byte[] data) {
      blocks.put(id, data.clone());
    }

    void corrupt(String id, int chunk) {
      corrupt.put(id, chunk);
    }

    int corruptChunk(String id) {
      return corrupt.getOrDefault(id, -1);
    }

    @Override
    public void write(String blockId, byte[] data) {
      blocks.put(blockId, data.clone());
      corrupt.remove(blockId);
    }

    @Override
    public byte[] read(String blockId) {
      if (corrupt.containsKey(blockId)) {
        throw new CorruptBlockException(blockId, corrupt.get(blockId), name + ": chunk "
            + corrupt.get(blockId) + " of " + blockId + " does not match its checksum");
      }
      byte[] b = blocks.get(blockId);
      return b == null ? null : b.clone();
    }

    /** The good copy, or null if corrupt or missing; not recorded by the spy. */
    byte[] readQuietly(String id) {
      return corrupt.containsKey(id) ? null : blocks.get(id);
    }

    /** The bytes held, corrupt or not, or null. */
    byte[] stored(String id) {
      return blocks.get(id);
    }

    String describe(String id) {
      if (!blocks.containsKey(id)) {
        return "does not have the block";
      }
      return (corrupt.containsKey(id) ? "is corrupt" : "holds " + size(blocks.get(id).length));
    }
  }

  /** The suite's disk: files in memory, copied in and out like any Disk. */
  private static final class MemoryDisk implements Disk {
    private final Map<String, byte[]> files = new TreeMap<>();

    @Override
    public byte[] read(String file) {
      byte[] b = files.get(file);
      return b == null ? null : b.clone();
    }

    @Override
    public void write(String file, byte[] data) {
      files.put(file, data.clone());
    }

    @Override
    public void append(String file, byte[] data) {
      byte[] old = files.getOrDefault(file, new byte[0]);
      byte[] out = Arrays.copyOf(old, old.length + data.length);
      System.arraycopy(data, 0, out, old.length, data.length);
      files.put(file, out);
    }

    @Override
    public void delete(String file) {
      files.remove(file);
    }

    @Override
    public Set<String> files() {
      return Collections.unmodifiableSet(new TreeSet<>(files.keySet()));
    }

    @Override
    public void fsync() {}

    /** The file's own array, for damaging it in place. */
    byte[] raw(String file) {
      return files.get(file);
    }

    boolean has(String file) {
      return files.containsKey(file);
    }

    void put(String file, byte[] data) {
      files.put(file, data.clone());
    }

    Set<String> names() {
      return new TreeSet<>(files.keySet());
    }
  }

  /**
   * A Mockito spy on {@code target} seen as {@code type}: a proxy mock whose every call is
   * recorded and forwarded to the real object.
   */
  private static <T> T spyOn(Class<T> type, T target) {
    Answer<Object> forward = inv -> {
      try {
        return inv.getMethod().invoke(target, inv.getArguments());
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return Mockito.mock(type, Mockito.withSettings().mockMaker(MockMakers.PROXY)
        .defaultAnswer(forward));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** The untouched stub's TODO exceptions pass through, so the verdict says what is missing. */
  private static void passTodo(RuntimeException e) {
    if (e instanceof UnsupportedOperationException && e.getMessage() != null
        && e.getMessage().contains("TODO")) {
      throw e;
    }
  }

  private static String name(RuntimeException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage()
        + ")");
  }

  /** " at ChecksummedBlockStore.java:12 (in read)" for the learner's frame nearest the throw. */
  private static String where(Throwable e) {
    for (StackTraceElement f : e.getStackTrace()) {
      if ("ChecksummedBlockStore.java".equals(f.getFileName())
          || "ReplicatedBlocks.java".equals(f.getFileName())) {
        return " at " + f.getFileName() + ":" + f.getLineNumber() + " (in " + f.getMethodName()
            + ")";
      }
    }
    return "";
  }

  /** "read(\"blk_1.data\")" for a recorded call. */
  private static String call(Invocation inv) {
    List<String> args = new ArrayList<>();
    for (Object a : inv.getArguments()) {
      args.add(a instanceof String s ? quote(s) : a instanceof byte[] b ? size(b.length)
          : String.valueOf(a));
    }
    return inv.getMethod().getName() + "(" + String.join(", ", args) + ")";
  }

  private static String blockId(int i) {
    return "blk_" + (1_073_741_825L + i);
  }

  private static byte[] bytes(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return b;
  }

  /** Structured bytes: 0, 1, 2, ..., 255, 0, 1, ... */
  private static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  private static String size(int n) {
    return String.format(Locale.ROOT, "%,d byte%s", n, n == 1 ? "" : "s");
  }

  private static String times(int n) {
    return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
  }

  /** "chunk 0 (bytes 0 to 511) and chunk 1 (byte 512 alone)" style. */
  private static String range(int n, int b, int chunk) {
    int from = chunk * b;
    int to = end(n, b, chunk) - 1;
    return from == to ? "byte " + from + " alone" : "bytes " + from + " to " + to;
  }

  /** "3 chunks, the last of 5 bytes" style. */
  private static String chunkList(int n, int b) {
    int k = chunks(n, b);
    if (k == 0) {
      return "no chunks";
    }
    int last = n - (k - 1) * b;
    if (k == 1) {
      return "1 chunk of " + size(last);
    }
    return k + " chunks" + (last == b ? " of " + size(b) + " each"
        : ", the last of " + size(last));
  }

  /** " (byte 3 is 0x07, not 0x05)" or "" when a and expected are equal. */
  private static String firstDifference(byte[] a, byte[] expected) {
    if (Arrays.equals(a, expected)) {
      return "";
    }
    int common = Math.min(a.length, expected.length);
    for (int i = 0; i < common; i++) {
      if (a[i] != expected[i]) {
        return String.format(Locale.ROOT, " (byte %d is 0x%02x, not 0x%02x)", i, a[i] & 0xff,
            expected[i] & 0xff);
      }
    }
    return " (the first " + size(common) + " match)";
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
