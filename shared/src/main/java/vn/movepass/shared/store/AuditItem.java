package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** One lookup of a citizen's data by an official: who, when, what. TTL. Its schema is built once, statically: no reflection per request. */
public record AuditItem(String citizenId, String sk, String at, String actorSub, String actorRole, String action, String resource,
        Long expiresAt) {
    public static final TableSchema<AuditItem> SCHEMA = StaticImmutableTableSchema.builder(AuditItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("citizenId").getter(AuditItem::citizenId).setter(Builder::citizenId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk").getter(AuditItem::sk).setter(Builder::sk).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("at").getter(AuditItem::at).setter(Builder::at))
            .addAttribute(String.class, a -> a.name("actorSub").getter(AuditItem::actorSub).setter(Builder::actorSub))
            .addAttribute(String.class, a -> a.name("actorRole").getter(AuditItem::actorRole).setter(Builder::actorRole))
            .addAttribute(String.class, a -> a.name("action").getter(AuditItem::action).setter(Builder::action))
            .addAttribute(String.class, a -> a.name("resource").getter(AuditItem::resource).setter(Builder::resource))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(AuditItem::expiresAt).setter(Builder::expiresAt))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.citizenId = citizenId;
        b.sk = sk;
        b.at = at;
        b.actorSub = actorSub;
        b.actorRole = actorRole;
        b.action = action;
        b.resource = resource;
        b.expiresAt = expiresAt;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String citizenId;
        private String sk;
        private String at;
        private String actorSub;
        private String actorRole;
        private String action;
        private String resource;
        private Long expiresAt;

        public Builder citizenId(String value) {
            this.citizenId = value;
            return this;
        }

        public Builder sk(String value) {
            this.sk = value;
            return this;
        }

        public Builder at(String value) {
            this.at = value;
            return this;
        }

        public Builder actorSub(String value) {
            this.actorSub = value;
            return this;
        }

        public Builder actorRole(String value) {
            this.actorRole = value;
            return this;
        }

        public Builder action(String value) {
            this.action = value;
            return this;
        }

        public Builder resource(String value) {
            this.resource = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public AuditItem build() {
            return new AuditItem(citizenId, sk, at, actorSub, actorRole, action, resource, expiresAt);
        }
    }
}
