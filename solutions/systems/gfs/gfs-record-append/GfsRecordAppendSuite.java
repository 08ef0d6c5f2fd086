import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for gfs-record-append. The suite plays the client and the master: it keeps a
 * file of chunks, each with three {@link Copy} objects (replicas; index 0 is the primary's), and
 * appends framed records through the learner's {@link GfsRecordAppender}, retrying as the brief
 * says. Every answer is compared with the brief's model, computed from the copies' state before
 * the call and the writes the copies saw. The learner's {@link GfsRecordReader} is compared with
 * the suite's own scanner on hand-made chunks and on every replica of seeded runs that the
 * suite's own model appender wrote, so an appender bug never shows up as a reader failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class GfsRecordAppendSuite {
  static final int CHUNK = 1024;
  static final int MAX_RECORD = CHUNK / 4;
  static final int MAX_PAYLOAD = MAX_RECORD - GfsRecordFormat.OVERHEAD;
  static final int REPLICAS = 3;
  static final int CLIENTS = 3;
  static final int RECORDS_PER_CLIENT = 12;
  static final double FAIL = 0.15;

  static final String FITS_HINT = "fits-or-pads";
  static final String OFFSET_HINT = "same-offset-everywhere";
  static final String SCAN_HINT = "scan-and-verify";
  static final String DUP_HINT = "drop-duplicates";

  /** One write a copy received. */
  record WriteCall(int copy, int offset, byte[] bytes, boolean ok) {}

  /** What failures the copies inject: none, random ones, or a scripted list. */
  static final class Faults {
    final SplittableRandom rng;
    final double p;
    /** Scripted: the next writes to these copies fail, leaving this many bytes. */
    final Map<Integer, Integer> failNext = new HashMap<>();

    Faults(SplittableRandom rng, double p) {
      this.rng = rng;
      this.p = p;
    }
  }

  /** A replica's copy of one chunk, with injected failures and a log of the writes it saw. */
  static final class Copy implements GfsChunkCopy {
    final int index;
    final Faults faults;
    final byte[] data = new byte[CHUNK];
    int length;
    final List<WriteCall> calls;
    String violation;

    Copy(int index, Faults faults, List<WriteCall> calls) {
      this.index = index;
      this.faults = faults;
      this.calls = calls;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public boolean write(int offset, byte[] bytes) {
      if (offset < 0 || (long) offset + bytes.length > CHUNK) {
        violation = "write(" + offset + ", " + bytes.length + " bytes) on replica " + index
            + " would end at " + ((long) offset + bytes.length) + ", past the chunk's end "
            + CHUNK;
        throw new IllegalArgumentException(violation);
      }
      boolean padding = isZero(bytes, 0, bytes.length);
      int keep = bytes.length;
      boolean ok = true;
      Integer scripted = faults.failNext.remove(index);
      if (scripted != null && !padding) {
        ok = false;
        keep = Math.min(scripted, bytes.length);
      } else if (faults.rng != null && !padding && faults.rng.nextDouble() < faults.p) {
        ok = false;
        keep = faults.rng.nextInt(bytes.length + 1);
      }
      System.arraycopy(bytes, 0, data, offset, keep);
      length = Math.max(length, offset + keep);
      calls.add(new WriteCall(index, offset, bytes.clone(), ok));
      return ok;
    }

    byte[] bytes() {
      return Arrays.copyOf(data, length);
    }
  }

  static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** A chunk: its replicas' copies. */
  static final class Chunk {
    final List<Copy> copies = new ArrayList<>();

    Chunk(Faults faults, List<WriteCall> calls) {
      for (int i = 0; i < REPLICAS; i++) {
        copies.add(new Copy(i, faults, calls));
      }
    }

    List<GfsChunkCopy> view() {
      return List.copyOf(copies);
    }

    String lengths() {
      List<Integer> l = new ArrayList<>();
      copies.forEach(c -> l.add(c.length));
      return "replica lengths " + l;
    }
  }

  record Acked(long id, byte[] payload, int chunk, int offset) {}

  /** The brief's append, for the reader runs: the suite's own primary. */
  static GfsAppendReply modelAppend(List<Copy> copies, byte[] record) {
    int offset = copies.get(0).length;
    if (offset + record.length > CHUNK) {
      for (Copy c : copies) {
        c.write(offset, new byte[CHUNK - offset]);
      }
      return GfsAppendReply.retryNextChunk();
    }
    boolean all = true;
    for (Copy c : copies) {
      all &= c.write(offset, record);
    }
    return all ? GfsAppendReply.ok(offset) : GfsAppendReply.failed();
  }

  /** The brief's reader: the model every reader answer is compared with. */
  static List<GfsRecord> modelRead(List<byte[]> chunks) {
    List<GfsRecord> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (byte[] c : chunks) {
      ByteBuffer b = ByteBuffer.wrap(c);
      int p = 0;
      while (p + 20 <= c.length) {
        int n = b.getInt(p + 4);
        if (b.getInt(p) == GfsRecordFormat.MAGIC && n >= 0 && (long) p + 20 + n <= c.length) {
          CRC32 crc = new CRC32();
          crc.update(c, p, 16 + n);
          if ((int) crc.getValue() == b.getInt(p + 16 + n)) {
            long id = b.getLong(p + 8);
            if (seen.add(id)) {
              out.add(new GfsRecord(id, Arrays.copyOfRange(c, p + 16, p + 16 + n)));
            }
            p += 20 + n;
            continue;
          }
        }
        p++;
      }
    }
    return out;
  }

  /** A run of appends: three clients, interleaved, retrying as the brief says. */
  static final class Run {
    final String what;
    final Faults faults;
    final List<WriteCall> calls = new ArrayList<>();
    final List<Chunk> chunks = new ArrayList<>();
    final List<Acked> acked = new ArrayList<>();
    final Map<Long, byte[]> payloads = new LinkedHashMap<>();
    final List<String> steps = new ArrayList<>();

    Run(String what, Faults faults) {
      this.what = what;
      this.faults = faults;
      chunks.add(new Chunk(faults, calls));
    }

    Chunk last() {
      return chunks.get(chunks.size() - 1);
    }

    List<byte[]> replica(int i) {
      List<byte[]> out = new ArrayList<>();
      for (Chunk c : chunks) {
        out.add(c.copies.get(i).bytes());
      }
      return out;
    }

    String recent() {
      int from = Math.max(0, steps.size() - 8);
      return (from > 0 ? "  ... " + from + " earlier appends\n" : "")
          + String.join("\n", steps.subList(from, steps.size()).stream().map(s -> "  " + s)
              .toList());
    }
  }

  static byte[] payload(SplittableRandom rng, int n) {
    byte[] p = new byte[n];
    rng.nextBytes(p);
    return p;
  }

  interface Appender {
    GfsAppendReply append(Run run, Chunk chunk, byte[] record);
  }

  /**
   * Three clients append RECORDS_PER_CLIENT records each, in a random interleaving, through
   * {@code appender}; each append goes to the file's last chunk; RETRY_NEXT_CHUNK adds a chunk;
   * FAILED retries the same bytes.
   */
  static Run clients(long seed, Faults faults, String what, Appender appender) {
    SplittableRandom rng = new SplittableRandom(seed * 31 + 7);
    Run run = new Run(what, faults);
    List<List<byte[]>> queues = new ArrayList<>();
    List<List<Long>> ids = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      List<byte[]> q = new ArrayList<>();
      List<Long> qi = new ArrayList<>();
      for (int k = 0; k < RECORDS_PER_CLIENT; k++) {
        int n = switch (rng.nextInt(6)) {
          case 0 -> MAX_PAYLOAD;
          case 1 -> rng.nextInt(8);
          default -> rng.nextInt(MAX_PAYLOAD + 1);
        };
        long id = (c + 1) * 1_000L + k;
        byte[] p = payload(rng, n);
        run.payloads.put(id, p);
        q.add(GfsRecordFormat.encode(id, p));
        qi.add(id);
      }
      queues.add(q);
      ids.add(qi);
    }
    int attempts = 0;
    while (true) {
      List<Integer> busy = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        if (!queues.get(c).isEmpty()) {
          busy.add(c);
        }
      }
      if (busy.isEmpty() || ++attempts > 2_000) {
        break;
      }
      int c = busy.get(rng.nextInt(busy.size()));
      byte[] record = queues.get(c).get(0);
      long id = ids.get(c).get(0);
      Chunk chunk = run.last();
      int chunkIndex = run.chunks.size() - 1;
      GfsAppendReply r = appender.append(run, chunk, record);
      if (r == null) {
        return run;
      }
      run.steps.add("c" + (c + 1) + " appends record " + id + " (" + record.length
          + " bytes) to chunk " + chunkIndex + ": " + r);
      switch (r.status()) {
        case OK -> {
          run.acked.add(new Acked(id, run.payloads.get(id), chunkIndex, r.offset()));
          queues.get(c).remove(0);
          ids.get(c).remove(0);
        }
        case RETRY_NEXT_CHUNK -> {
          if (chunk == run.last()) {
            run.chunks.add(new Chunk(faults, run.calls));
          }
        }
        default -> { }
      }
    }
    return run;
  }

  // ---------------------------------------------------------------- checking the appender

  /**
   * Calls the learner's append on {@code chunk} and compares it with the model; throws a
   * {@link Because} naming the hint on the first difference.
   */
  static GfsAppendReply checkedAppend(GfsRecordAppender appender, Run run, Chunk chunk,
      byte[] record, String context) {
    int offset = chunk.copies.get(0).length;
    String before = "Chunk " + run.chunks.indexOf(chunk) + " had " + chunk.lengths()
        + " (the primary is replica 0); the record is " + record.length + " bytes, chunk size "
        + CHUNK + ".";
    int from = run.calls.size();
    List<byte[]> old = new ArrayList<>();
    chunk.copies.forEach(c -> old.add(c.bytes()));
    GfsAppendReply reply;
    try {
      reply = appender.append(chunk.view(), record);
    } catch (IllegalArgumentException e) {
      for (Copy c : chunk.copies) {
        if (c.violation != null) {
          throw fail(FITS_HINT, context, before + " The append tried to " + c.violation
              + ": a record never straddles a chunk boundary.");
        }
      }
      if (record.length > MAX_RECORD) {
        if (run.calls.size() > from) {
          throw fail(FITS_HINT, context, before + " append threw IllegalArgumentException "
              + "as it should, but only after writing to replica "
              + run.calls.get(from).copy() + ": check the size before writing anything.");
        }
        return null;
      }
      throw fail(FITS_HINT, context, before + " append threw " + e + ", but a record of "
          + record.length + " bytes is at most a quarter of the chunk (" + MAX_RECORD + ").");
    }
    if (record.length > MAX_RECORD) {
      throw fail(FITS_HINT, context, before + " append answered " + reply + ", but a record "
          + "longer than a quarter of the chunk (" + MAX_RECORD + " bytes) is refused with "
          + "IllegalArgumentException.");
    }
    List<WriteCall> calls = run.calls.subList(from, run.calls.size());
    if (offset + record.length > CHUNK) {
      for (Copy c : chunk.copies) {
        if (c.length != CHUNK || !isZero(c.data, offset, CHUNK)) {
          throw fail(FITS_HINT, context, before + " The record does not fit (" + offset + " + "
              + record.length + " > " + CHUNK + "), so every replica must be padded with zeros "
              + "from " + offset + " to " + CHUNK + "; afterwards replica " + c.index
              + " has length " + c.length + (c.length == CHUNK ? " but non-zero bytes there"
                  : "") + ". Answer: " + reply + ".");
        }
      }
      if (reply == null || reply.status() != GfsAppendReply.Status.RETRY_NEXT_CHUNK) {
        throw fail(FITS_HINT, context, before + " The record does not fit (" + offset + " + "
            + record.length + " > " + CHUNK + "): append must answer RETRY_NEXT_CHUNK, not "
            + reply + ".");
      }
      checkUntouched(chunk, old, offset, CHUNK, context, before);
      return reply;
    }
    if (reply != null && reply.status() == GfsAppendReply.Status.RETRY_NEXT_CHUNK) {
      throw fail(FITS_HINT, context, before + " The record fits (" + offset + " + "
          + record.length + " = " + (offset + record.length) + " <= " + CHUNK + "), yet append "
          + "answered RETRY_NEXT_CHUNK. Ending exactly at the chunk's end fits.");
    }
    boolean failed = false;
    Set<Integer> written = new HashSet<>();
    for (WriteCall w : calls) {
      if (w.offset() != offset || !Arrays.equals(w.bytes(), record)) {
        throw fail(OFFSET_HINT, context, before + " append wrote " + w.bytes().length
            + " bytes at offset " + w.offset() + " on replica " + w.copy() + "; the record goes"
            + " at the primary's end, offset " + offset + ", on every replica.");
      }
      failed |= !w.ok();
      written.add(w.copy());
    }
    if (failed) {
      if (reply == null || reply.status() != GfsAppendReply.Status.FAILED) {
        throw fail(OFFSET_HINT, context, before + " A write failed at a replica ("
            + failures(calls) + "), so the append failed: answer FAILED and let the client "
            + "retry, not " + reply + ".");
      }
      checkUntouched(chunk, old, offset, offset + record.length, context, before);
      return reply;
    }
    if (written.size() < REPLICAS) {
      throw fail(OFFSET_HINT, context, before + " No write failed, but append wrote only to "
          + "replicas " + written + ": write the record on every replica.");
    }
    if (reply == null || !reply.equals(GfsAppendReply.ok(offset))) {
      throw fail(OFFSET_HINT, context, before + " Every replica wrote the record at offset "
          + offset + ": append must answer " + GfsAppendReply.ok(offset) + ", not " + reply
          + ".");
    }
    for (Copy c : chunk.copies) {
      if (!Arrays.equals(Arrays.copyOfRange(c.data, offset, offset + record.length), record)) {
        throw fail(OFFSET_HINT, context, before + " append answered " + reply + ", but replica "
            + c.index + " does not hold the record at offset " + offset + ".");
      }
    }
    checkUntouched(chunk, old, offset, offset + record.length, context, before);
    return reply;
  }

  /** Outside [from, to) nothing changed on any copy. */
  static void checkUntouched(Chunk chunk, List<byte[]> old, int from, int to, String context,
      String before) {
    for (Copy c : chunk.copies) {
      byte[] was = old.get(c.index);
      for (int i = 0; i < Math.min(from, was.length); i++) {
        if (c.data[i] != was[i]) {
          throw fail(OFFSET_HINT, context, before + " append changed byte " + i + " of replica "
              + c.index + ", before the offset " + from + ": write only at the primary's end.");
        }
      }
    }
  }

  static String failures(List<WriteCall> calls) {
    List<String> f = new ArrayList<>();
    for (WriteCall w : calls) {
      if (!w.ok()) {
        f.add("replica " + w.copy());
      }
    }
    return "write returned false on " + String.join(", ", f);
  }

  static Because fail(String hint, String context, String text) {
    return Because.of(hint, context + "\n" + text);
  }

  /** Every acknowledged record is still at its offset on every replica of its chunk. */
  static void checkAcked(Run run, String context) {
    for (Acked a : run.acked) {
      byte[] want = GfsRecordFormat.encode(a.id(), a.payload());
      for (Copy c : run.chunks.get(a.chunk()).copies) {
        if (c.length < a.offset() + want.length || !Arrays.equals(
            Arrays.copyOfRange(c.data, a.offset(), a.offset() + want.length), want)) {
          throw fail(OFFSET_HINT, context, "Record " + a.id() + " was acknowledged at offset "
              + a.offset() + " of chunk " + a.chunk() + ", but replica " + c.index + " does not "
              + "hold it there at the end of the run (its length is " + c.length + "). A "
              + "success means the record is at that offset on every replica, and stays.");
        }
      }
    }
  }

  // ---------------------------------------------------------------- checking the reader

  static String show(List<GfsRecord> records) {
    List<String> s = new ArrayList<>();
    for (GfsRecord r : records) {
      s.add(r.id() + "(" + (r.payload() == null ? "null" : r.payload().length + "b") + ")");
    }
    return s.toString();
  }

  static String describeChunks(List<byte[]> chunks) {
    List<Integer> l = new ArrayList<>();
    chunks.forEach(c -> l.add(c.length));
    return chunks.size() + " chunks of lengths " + l;
  }

  /** Runs the learner's reader on copies of {@code chunks} and compares with the model. */
  static void checkRead(List<byte[]> chunks, String context, Map<Long, byte[]> mustReadOnce) {
    List<GfsRecord> expected = modelRead(chunks);
    List<byte[]> given = new ArrayList<>();
    chunks.forEach(c -> given.add(c.clone()));
    List<GfsRecord> got;
    String where = context + " (" + describeChunks(chunks) + ")";
    try {
      got = new GfsRecordReader().read(given);
    } catch (RuntimeException e) {
      throw Because.of(SCAN_HINT, where + "\nread threw " + e + ". Check every length field "
          + "against the chunk's end before using it: 0 <= n and p + 20 + n <= chunk.length, "
          + "computed so that it cannot overflow (in long, or as n <= chunk.length - p - 20): a "
          + "garbage n may be close to Integer.MAX_VALUE.", e);
    }
    if (got == null) {
      throw fail(SCAN_HINT, where, "read returned null; return a list, empty if there are no "
          + "records.");
    }
    for (int i = 0; i < chunks.size(); i++) {
      if (!Arrays.equals(given.get(i), chunks.get(i))) {
        throw fail(SCAN_HINT, where, "read changed chunk " + i + " it was given: read only.");
      }
    }
    Map<Long, Integer> count = new HashMap<>();
    for (GfsRecord r : got) {
      count.merge(r.id(), 1, Integer::sum);
    }
    for (Map.Entry<Long, Integer> e : count.entrySet()) {
      if (e.getValue() > 1) {
        throw fail(DUP_HINT, where, "read returned record " + e.getKey() + " " + e.getValue()
            + " times: " + show(got) + ". A retried append leaves copies; keep the first.");
      }
    }
    for (Map.Entry<Long, byte[]> e : mustReadOnce.entrySet()) {
      if (!count.containsKey(e.getKey())) {
        throw fail(SCAN_HINT, where, "Record " + e.getKey() + " was acknowledged, so it is in "
            + "this file, but read did not return it. read returned " + show(got)
            + "; the model reads " + show(expected) + ".");
      }
    }
    if (got.size() != expected.size() || !sameIds(got, expected)) {
      Set<Long> want = new HashSet<>();
      expected.forEach(r -> want.add(r.id()));
      Set<Long> have = new HashSet<>();
      got.forEach(r -> have.add(r.id()));
      String hint = want.equals(have) ? DUP_HINT : SCAN_HINT;
      String why = want.equals(have) ? "The same records, in another order: keep each id's "
          + "FIRST occurrence, in file order."
          : "Only positions where magic, length bounds and CRC32 all hold are records; after "
          + "one, continue right after it, anywhere else one byte on.";
      throw fail(hint, where, "read returned " + show(got) + "; the model reads "
          + show(expected) + ". " + why);
    }
    for (int i = 0; i < got.size(); i++) {
      if (!Arrays.equals(got.get(i).payload(), expected.get(i).payload())) {
        throw fail(SCAN_HINT, where, "read returned record " + got.get(i).id() + " with a "
            + "payload of " + (got.get(i).payload() == null ? "null" : got.get(i).payload().length
                + " bytes") + " that differs from the " + expected.get(i).payload().length
            + " bytes between its id and its checksum.");
      }
    }
    for (byte[] c : given) {
      Arrays.fill(c, (byte) 0x5A);
    }
    for (int i = 0; i < got.size(); i++) {
      if (!Arrays.equals(got.get(i).payload(), expected.get(i).payload())) {
        throw fail(DUP_HINT, where, "After read returned, the suite overwrote the chunks it "
            + "had passed, and the payload of record " + got.get(i).id() + " changed with "
            + "them: return a copy of each payload.");
      }
    }
  }

  static boolean sameIds(List<GfsRecord> a, List<GfsRecord> b) {
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).id() != b.get(i).id()) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- tests

  static byte[] framed(long id, int payloadBytes) {
    byte[] p = new byte[payloadBytes];
    new SplittableRandom(id).nextBytes(p);
    return GfsRecordFormat.encode(id, p);
  }

  @Test
  @Order(1)
  @DisplayName("appends at the edges: exact fit, one byte over, full chunks, the size limit")
  @Hint(FITS_HINT)
  void edges() {
    GfsRecordAppender appender = new GfsRecordAppender(CHUNK);
    Run run = new Run("edges", new Faults(null, 0));
    List<String> done = new ArrayList<>();
    // Records of exactly a quarter fill a chunk; the next does not fit even with 0 bytes left.
    int[][] script = {
        {256, 256, 256, 256, 256},
        {200, 200, 200, 224, 200, 20},
        {256, 256, 256, 257, 256, 20},
        {256, 256, 256, 200, 57},
        {20, 100, 236, 250, 256, 200},
    };
    long id = 1;
    for (int[] sizes : script) {
      for (int size : sizes) {
        Chunk chunk = run.last();
        byte[] record = size >= 20 && size - 20 <= 237 ? framed(id++, size - 20) : null;
        String context = "Appends on a network without failures, one appender for every chunk:\n"
            + (done.isEmpty() ? "  (none before)" : "  " + String.join("\n  ", done))
            + "\nthen a record of " + size + " bytes to chunk " + (run.chunks.size() - 1) + ".";
        GfsAppendReply r = checkedAppend(appender, run, chunk, record, context);
        done.add(size + " bytes to chunk " + (run.chunks.size() - 1) + " -> "
            + (r == null ? "IllegalArgumentException" : r.toString()));
        if (r != null && r.status() == GfsAppendReply.Status.RETRY_NEXT_CHUNK) {
          break;
        }
      }
      run.chunks.add(new Chunk(run.faults, run.calls));
    }
  }

  @Test
  @Order(2)
  @DisplayName("the offset is the primary's end, written on every replica, even over garbage")
  @Hint(OFFSET_HINT)
  void sameOffset() {
    GfsRecordAppender appender = new GfsRecordAppender(CHUNK);
    Faults faults = new Faults(null, 0);
    Run run = new Run("same offset", faults);
    Chunk chunk = run.last();
    String context = "Chunk 0: a 100-byte record appended; then an append that fails at "
        + "replica 1 after 30 bytes and at replica 2 after all of them; then the retry; then "
        + "a record while replica 2 holds a fragment past the primary's end.";
    step(appender, run, chunk, framed(1, 80), context);
    faults.failNext.put(1, 30);
    faults.failNext.put(2, 1_000);
    step(appender, run, chunk, framed(2, 60), context);
    step(appender, run, chunk, framed(2, 60), context);
    // A fragment beyond the primary's end on replica 2 only.
    chunk.copies.get(2).write(chunk.copies.get(0).length, Arrays.copyOf(framed(9, 100), 70));
    step(appender, run, chunk, framed(3, 40), context);
    faults.failNext.put(0, 10);
    step(appender, run, chunk, framed(4, 40), context);
    step(appender, run, chunk, framed(4, 40), context);
  }

  static void step(GfsRecordAppender appender, Run run, Chunk chunk, byte[] record,
      String context) {
    checkedAppend(appender, run, chunk, record, context);
    run.faults.failNext.clear();
  }

  @Test
  @Order(3)
  @DisplayName("three clients append with failing replicas: every answer is the model's")
  @Hint(OFFSET_HINT)
  void clientsWithFailures() {
    GfsRecordAppender[] appender = new GfsRecordAppender[1];
    for (long seed : Seeds.sweep(20)) {
      Faults faults = new Faults(new SplittableRandom(seed), FAIL);
      String what = "seed " + seed + ": " + CLIENTS + " clients append " + RECORDS_PER_CLIENT
          + " records each; a replica's write fails with probability " + FAIL
          + " and keeps a random prefix.";
      appender[0] = new GfsRecordAppender(CHUNK);
      try {
        Run run = clients(seed, faults, what, (r, chunk, record) -> checkedAppend(appender[0],
            r, chunk, record, what + "\nThe appends so far:\n" + r.recent()));
        checkAcked(run, what);
      } catch (Because b) {
        throw Seeds.failure(seed, b.getMessage(), b, b.hint());
      }
    }
  }

  @Test
  @Order(4)
  @DisplayName("the reader skips padding, fragments and bad checksums on hand-made chunks")
  @Hint(SCAN_HINT)
  void readerHandMade() {
    byte[] a = framed(1, 40);
    byte[] b = framed(2, 30);
    byte[] d = framed(4, 10);
    byte[] c = GfsRecordFormat.encode(3, concat(new byte[] {1, 2, 3}, d, new byte[] {9}));
    byte[] e = framed(5, 12);
    byte[] f = framed(6, 0);
    byte[] g = framed(7, 16);
    byte[] badB = b.clone();
    badB[25] ^= 1;
    ByteBuffer pastEnd = ByteBuffer.allocate(24).putInt(GfsRecordFormat.MAGIC).putInt(1_000);
    ByteBuffer negative = ByteBuffer.allocate(24).putInt(GfsRecordFormat.MAGIC).putInt(-8);
    // A header whose claimed length covers a valid record right behind it.
    byte[] liar = concat(ByteBuffer.allocate(8).putInt(GfsRecordFormat.MAGIC).putInt(60)
        .array(), g, new byte[40]);
    byte[] chunk0 = concat(Arrays.copyOf(a, 30), new byte[10], a, badB, c, pastEnd.array(), e);
    byte[] chunk1 = concat(new byte[50], a, f, negative.array(), liar, new byte[7]);
    byte[] chunk2 = new byte[0];
    byte[] chunk3 = new byte[CHUNK];
    byte[] chunk4 = concat(Arrays.copyOf(e, 19));
    byte[] chunk5 = concat(b, framed(8, 3), Arrays.copyOf(framed(9, 50), 69));
    byte[] chunk6 = concat(new byte[5], framed(10, 0));
    // A frame with another magic but a CRC that matches it, and a header claiming -8 bytes
    // followed by the CRC of its own 8 bytes: neither is a record.
    byte[] otherMagic = framed(12, 9);
    otherMagic[0] = 0x48;
    CRC32 crc = new CRC32();
    crc.update(otherMagic, 0, otherMagic.length - 4);
    ByteBuffer.wrap(otherMagic).putInt(otherMagic.length - 4, (int) crc.getValue());
    byte[] minus = ByteBuffer.allocate(8).putInt(GfsRecordFormat.MAGIC).putInt(-8).array();
    crc = new CRC32();
    crc.update(minus);
    byte[] trap = concat(minus, ByteBuffer.allocate(12).putInt((int) crc.getValue()).array());
    byte[] chunk7 = concat(otherMagic, trap, framed(11, 5));
    // A header claiming nearly Integer.MAX_VALUE bytes: p + 20 + n overflows an int, so a
    // bounds check written as an int sum lets it through and the reader reads past the end.
    byte[] huge = ByteBuffer.allocate(20).putInt(GfsRecordFormat.MAGIC)
        .putInt(Integer.MAX_VALUE - 7).array();
    byte[] chunk8 = concat(huge, framed(13, 4));
    List<byte[]> all = List.of(chunk0, chunk1, chunk2, chunk3, chunk4, chunk5, chunk6, chunk7,
        chunk8);
    checkRead(List.of(), "An empty file", Map.of());
    checkRead(List.of(chunk3), "A chunk of padding only", Map.of());
    checkRead(List.of(chunk5), "One chunk: record 2, record 8, then record 9 cut 1 byte short",
        Map.of());
    checkRead(all, "Hand-made chunks: 0 = [first 30 bytes of record 1][10 zeros][record 1]"
        + "[record 2 with a flipped payload bit][record 3 whose payload holds a framed record 4]"
        + "[a header claiming 1000 bytes][record 5 ending at the chunk's end]; 1 = [50 zeros]"
        + "[record 1 again][record 6, empty payload][a header claiming -8 bytes][a header "
        + "claiming 60 bytes, then record 7][7 zeros]; 2 = empty; 3 = padding; 4 = 19 bytes of "
        + "record 5; 5 = [record 2][record 8][record 9 cut short]; 6 = [5 zeros][record 10, "
        + "empty payload, ending at the chunk's end]; 7 = [a frame of record 12 with a wrong "
        + "magic but a matching CRC][a header claiming -8 bytes, then the CRC of its 8 bytes]"
        + "[record 11]; 8 = [a header claiming " + (Integer.MAX_VALUE - 7) + " bytes, 12 zeros]"
        + "[record 13]", Map.of());
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

  @Test
  @Order(5)
  @DisplayName("every acknowledged record is read exactly once from every replica")
  @Hint(DUP_HINT)
  void readerOnReplicas() {
    for (long seed : Seeds.sweep(20)) {
      Faults faults = new Faults(new SplittableRandom(seed), FAIL * 2);
      String what = "seed " + seed + ": the suite's own primary appended " + CLIENTS + " x "
          + RECORDS_PER_CLIENT + " records with writes failing with probability " + (FAIL * 2);
      Run run = clients(seed, faults, what, (r, chunk, record) -> modelAppend(chunk.copies,
          record));
      Map<Long, byte[]> acked = new LinkedHashMap<>();
      run.acked.forEach(x -> acked.put(x.id(), x.payload()));
      try {
        for (int i = 0; i < REPLICAS; i++) {
          checkRead(run.replica(i), what + "; reading replica " + i, acked);
        }
      } catch (Because b) {
        throw Seeds.failure(seed, b.getMessage(), b, b.hint());
      }
    }
  }
}
