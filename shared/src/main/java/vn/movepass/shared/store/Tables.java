package vn.movepass.shared.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;

/** Opens the project's tables by the names the template gives each function. */
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

    public static DynamoDbTable<ClassificationItem> classifications(Platform p) {
        return open(p, EnvKey.CLASSIFICATIONS_TABLE, ClassificationItem.SCHEMA);
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

    private static <T> DynamoDbTable<T> open(Platform p, EnvKey key, TableSchema<T> schema) {
        return p.enhanced().table(p.environment().require(key), schema);
    }
}
