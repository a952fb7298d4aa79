package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A citizen's current epidemiological classification (F0..F3), with TTL. Its schema is built once, statically: no reflection per request.
 */
public record ClassificationItem(String citizenId, String level, String caseId, String since, Long expiresAt) {
    public static final TableSchema<ClassificationItem> SCHEMA = StaticImmutableTableSchema.builder(ClassificationItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("citizenId").getter(ClassificationItem::citizenId).setter(Builder::citizenId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("level").getter(ClassificationItem::level).setter(Builder::level))
            .addAttribute(String.class, a -> a.name("caseId").getter(ClassificationItem::caseId).setter(Builder::caseId))
            .addAttribute(String.class, a -> a.name("since").getter(ClassificationItem::since).setter(Builder::since))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(ClassificationItem::expiresAt).setter(Builder::expiresAt))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.citizenId = citizenId;
        b.level = level;
        b.caseId = caseId;
        b.since = since;
        b.expiresAt = expiresAt;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String citizenId;
        private String level;
        private String caseId;
        private String since;
        private Long expiresAt;

        public Builder citizenId(String value) {
            this.citizenId = value;
            return this;
        }

        public Builder level(String value) {
            this.level = value;
            return this;
        }

        public Builder caseId(String value) {
            this.caseId = value;
            return this;
        }

        public Builder since(String value) {
            this.since = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public ClassificationItem build() {
            return new ClassificationItem(citizenId, level, caseId, since, expiresAt);
        }
    }
}
