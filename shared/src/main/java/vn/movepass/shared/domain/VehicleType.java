package vn.movepass.shared.domain;

/** How a citizen travels; some vehicles must declare their plate. */
public enum VehicleType {
    WALK, BICYCLE, MOTORBIKE, CAR, TRUCK, BUS, TRAIN, PLANE, BOAT, OTHER;

    public boolean requiresPlate() {
        return this == MOTORBIKE || this == CAR || this == TRUCK || this == BUS;
    }
}
