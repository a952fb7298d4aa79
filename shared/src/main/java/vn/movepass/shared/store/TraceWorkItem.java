package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * One unit of tracing work of a case (OPEN until done); the case is complete when none is open. TTL. Its schema is built once, statically:
 * no reflection per request.
 */
public record TraceWorkItem(String caseId, String unitId, String status, String createdAt, Long expiresAt) {
    public static final TableSchema<TraceWorkItem> SCHEMA = StaticImmutableTableSchema.builder(TraceWorkItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("caseId").getter(TraceWorkItem::caseId).setter(Builder::caseId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("unitId").getter(TraceWorkItem::unitId).setter(Builder::unitId).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("status").getter(TraceWorkItem::status).setter(Builder::status))
            .addAttribute(String.class, a -> a.name("createdAt").getter(TraceWorkItem::createdAt).setter(Builder::createdAt))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(TraceWorkItem::expiresAt).setter(Builder::expiresAt))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.caseId = caseId;
        b.unitId = unitId;
        b.status = status;
        b.createdAt = createdAt;
        b.expiresAt = expiresAt;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String caseId;
        private String unitId;
        private String status;
        private String createdAt;
        private Long expiresAt;

        public Builder caseId(String value) {
            this.caseId = value;
            return this;
        }

        public Builder unitId(String value) {
            this.unitId = value;
            return this;
        }

        public Builder status(String value) {
            this.status = value;
            return this;
        }

        public Builder createdAt(String value) {
            this.createdAt = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public TraceWorkItem build() {
            return new TraceWorkItem(caseId, unitId, status, createdAt, expiresAt);
        }
    }
}
