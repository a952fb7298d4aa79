package vn.movepass.shared.greenlane;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.store.DriverTestItem;
import vn.movepass.shared.store.ShipperItem;
import vn.movepass.shared.store.VehiclePermitItem;

/** Opens the green-lane tables by the names the template gives the function. */
public final class GreenLaneTables {
    private GreenLaneTables() {
    }

    public static DynamoDbTable<VehiclePermitItem> permits(Platform p) {
        return p.enhanced().table(p.environment().require(EnvKey.VEHICLE_PERMITS_TABLE), VehiclePermitItem.SCHEMA);
    }

    public static DynamoDbTable<DriverTestItem> driverTests(Platform p) {
        return p.enhanced().table(p.environment().require(EnvKey.DRIVER_TESTS_TABLE), DriverTestItem.SCHEMA);
    }

    public static DynamoDbTable<ShipperItem> shippers(Platform p) {
        return p.enhanced().table(p.environment().require(EnvKey.SHIPPERS_TABLE), ShipperItem.SCHEMA);
    }
}
