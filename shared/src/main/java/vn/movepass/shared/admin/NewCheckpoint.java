package vn.movepass.shared.admin;

/** A validated checkpoint to create: its id, name, a known ward code and its position. */
public record NewCheckpoint(String checkpointId, String name, String wardCode, double lat, double lon) {
}
