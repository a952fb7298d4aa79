package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A green-lane driver's test result, keyed by citizen id and {@code <sampledAt>#<testId>} (so a person's
 * tests sort by sampling time). TTL 14 days after sampling: no verdict reads it after that. Its schema
 * is built once, statically: no reflection per request.
 */
public record DriverTestItem(String citizenId, String sk, String testId, String method, String result, String sampledAt,
                             String recordedAt, String recordedBy, String checkpointId, Long expiresAt) {
    public static final TableSchema<DriverTestItem> SCHEMA = StaticImmutableTableSchema.builder(DriverTestItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("citizenId").getter(DriverTestItem::citizenId).setter(Builder::citizenId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk").getter(DriverTestItem::sk).setter(Builder::sk).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("testId").getter(DriverTestItem::testId).setter(Builder::testId))
            .addAttribute(String.class, a -> a.name("method").getter(DriverTestItem::method).setter(Builder::method))
            .addAttribute(String.class, a -> a.name("result").getter(DriverTestItem::result).setter(Builder::result))
            .addAttribute(String.class, a -> a.name("sampledAt").getter(DriverTestItem::sampledAt).setter(Builder::sampledAt))
            .addAttribute(String.class, a -> a.name("recordedAt").getter(DriverTestItem::recordedAt).setter(Builder::recordedAt))
            .addAttribute(String.class, a -> a.name("recordedBy").getter(DriverTestItem::recordedBy).setter(Builder::recordedBy))
            .addAttribute(String.class, a -> a.name("checkpointId").getter(DriverTestItem::checkpointId).setter(Builder::checkpointId))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(DriverTestItem::expiresAt).setter(Builder::expiresAt))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String citizenId;
        private String sk;
        private String testId;
        private String method;
        private String result;
        private String sampledAt;
        private String recordedAt;
        private String recordedBy;
        private String checkpointId;
        private Long expiresAt;

        public Builder citizenId(String value) {
            this.citizenId = value;
            return this;
        }

        public Builder sk(String value) {
            this.sk = value;
            return this;
        }

        public Builder testId(String value) {
            this.testId = value;
            return this;
        }

        public Builder method(String value) {
            this.method = value;
            return this;
        }

        public Builder result(String value) {
            this.result = value;
            return this;
        }

        public Builder sampledAt(String value) {
            this.sampledAt = value;
            return this;
        }

        public Builder recordedAt(String value) {
            this.recordedAt = value;
            return this;
        }

        public Builder recordedBy(String value) {
            this.recordedBy = value;
            return this;
        }

        public Builder checkpointId(String value) {
            this.checkpointId = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public DriverTestItem build() {
            return new DriverTestItem(citizenId, sk, testId, method, result, sampledAt, recordedAt, recordedBy, checkpointId, expiresAt);
        }
    }
}
