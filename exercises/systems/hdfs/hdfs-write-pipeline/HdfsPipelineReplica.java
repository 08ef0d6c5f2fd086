/**
 * What a DataNode holds of one block: the replica's generation stamp and its bytes so far (one
 * character per byte in this exercise). Given: do not edit.
 */
public record HdfsPipelineReplica(long genStamp, String data) {
  public HdfsPipelineReplica {
    if (data == null) {
      throw new NullPointerException("data");
    }
  }
}
