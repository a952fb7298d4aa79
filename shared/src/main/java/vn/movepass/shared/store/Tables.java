package vn.movepass.shared.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;

/**
 * The one way into the project's tables: each is opened here, by the name the template gives the function
 * ({@code *_TABLE}). Code on the enhanced client takes a typed table; code on the low-level client
 * (transactions, conditional updates, counters, batch reads) takes the table's {@link #name}.
 */
public final class Tables {
    private Tables() {
    }

    public static DynamoDbTable<ResidentItem> residents(Platform p) {
        return open(p, EnvKey.RESIDENTS_TABLE, ResidentItem.SCHEMA);
    }

    public static DynamoDbTable<DeclarationItem> declarations(Platform p) {
        return open(p, EnvKey.DECLARATIONS_TABLE, DeclarationItem.SCHEMA);
    }

    public static DynamoDbTable<PassItem> passes(Platform p) {
        return open(p, EnvKey.PASSES_TABLE, PassItem.SCHEMA);
    }

    public static DynamoDbTable<PassageItem> passages(Platform p) {
        return open(p, EnvKey.PASSAGES_TABLE, PassageItem.SCHEMA);
    }

    public static DynamoDbTable<CheckpointItem> checkpoints(Platform p) {
        return open(p, EnvKey.CHECKPOINTS_TABLE, CheckpointItem.SCHEMA);
    }

    /** Residents' health status ({@link HealthStatusItem}) and, under the same key, their history. */
    public static DynamoDbTable<HealthStatusItem> health(Platform p) {
        return open(p, EnvKey.HEALTH_TABLE, HealthStatusItem.SCHEMA);
    }

    public static DynamoDbTable<CaseItem> cases(Platform p) {
        return open(p, EnvKey.CASES_TABLE, CaseItem.SCHEMA);
    }

    public static DynamoDbTable<ContactItem> contacts(Platform p) {
        return open(p, EnvKey.CONTACTS_TABLE, ContactItem.SCHEMA);
    }

    public static DynamoDbTable<TraceWorkItem> traceWork(Platform p) {
        return open(p, EnvKey.TRACE_WORK_TABLE, TraceWorkItem.SCHEMA);
    }

    public static DynamoDbTable<AuditItem> audit(Platform p) {
        return open(p, EnvKey.AUDIT_TABLE, AuditItem.SCHEMA);
    }

    public static DynamoDbTable<AccountItem> accounts(Platform p) {
        return open(p, EnvKey.ACCOUNTS_TABLE, AccountItem.SCHEMA);
    }

    public static DynamoDbTable<FeedItem> wardFeed(Platform p) {
        return open(p, EnvKey.WARD_FEED_TABLE, FeedItem.SCHEMA);
    }

    /** Green lane: vehicle permits. */
    public static DynamoDbTable<VehiclePermitItem> permits(Platform p) {
        return open(p, EnvKey.VEHICLE_PERMITS_TABLE, VehiclePermitItem.SCHEMA);
    }

    /** Green lane: drivers' test results. */
    public static DynamoDbTable<DriverTestItem> driverTests(Platform p) {
        return open(p, EnvKey.DRIVER_TESTS_TABLE, DriverTestItem.SCHEMA);
    }

    /** Green lane: registered shippers and their codes. */
    public static DynamoDbTable<ShipperItem> shippers(Platform p) {
        return open(p, EnvKey.SHIPPERS_TABLE, ShipperItem.SCHEMA);
    }

    /** The physical name of a table, for code on the low-level client; {@code table} must name a table. */
    public static String name(Platform p, EnvKey table) {
        if (table.type() != EnvKey.Type.TABLE) {
            throw new IllegalArgumentException(table + " does not name a table");
        }
        return p.environment().require(table);
    }

    private static <T> DynamoDbTable<T> open(Platform p, EnvKey table, TableSchema<T> schema) {
        return p.enhanced().table(name(p, table), schema);
    }
}
