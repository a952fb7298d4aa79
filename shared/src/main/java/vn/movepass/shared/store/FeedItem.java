package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * One line of a ward's daily feed: {@code pk = <wardCode>#<yyyy-MM-dd>}, {@code sk = <at>#<D|A|C>#<ref>}, so one
 * Query reads a ward's day newest first. Personal data (name, citizen id): TTL {@code expiresAt}. Its schema is
 * built once, statically: no reflection per request.
 */
public record FeedItem(String pk, String sk, String kind, String citizenId, String fullName, String at, String declarationId, String caseId,
        String checkpointId, String direction, String decision, String level, Long expiresAt) {
    public static final TableSchema<FeedItem> SCHEMA = StaticImmutableTableSchema.builder(FeedItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("pk").getter(FeedItem::pk).setter(Builder::pk).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk").getter(FeedItem::sk).setter(Builder::sk).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("kind").getter(FeedItem::kind).setter(Builder::kind))
            .addAttribute(String.class, a -> a.name("citizenId").getter(FeedItem::citizenId).setter(Builder::citizenId))
            .addAttribute(String.class, a -> a.name("fullName").getter(FeedItem::fullName).setter(Builder::fullName))
            .addAttribute(String.class, a -> a.name("at").getter(FeedItem::at).setter(Builder::at))
            .addAttribute(String.class, a -> a.name("declarationId").getter(FeedItem::declarationId).setter(Builder::declarationId))
            .addAttribute(String.class, a -> a.name("caseId").getter(FeedItem::caseId).setter(Builder::caseId))
            .addAttribute(String.class, a -> a.name("checkpointId").getter(FeedItem::checkpointId).setter(Builder::checkpointId))
            .addAttribute(String.class, a -> a.name("direction").getter(FeedItem::direction).setter(Builder::direction))
            .addAttribute(String.class, a -> a.name("decision").getter(FeedItem::decision).setter(Builder::decision))
            .addAttribute(String.class, a -> a.name("level").getter(FeedItem::level).setter(Builder::level))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(FeedItem::expiresAt).setter(Builder::expiresAt))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String pk;
        private String sk;
        private String kind;
        private String citizenId;
        private String fullName;
        private String at;
        private String declarationId;
        private String caseId;
        private String checkpointId;
        private String direction;
        private String decision;
        private String level;
        private Long expiresAt;

        public Builder pk(String value) {
            this.pk = value;
            return this;
        }

        public Builder sk(String value) {
            this.sk = value;
            return this;
        }

        public Builder kind(String value) {
            this.kind = value;
            return this;
        }

        public Builder citizenId(String value) {
            this.citizenId = value;
            return this;
        }

        public Builder fullName(String value) {
            this.fullName = value;
            return this;
        }

        public Builder at(String value) {
            this.at = value;
            return this;
        }

        public Builder declarationId(String value) {
            this.declarationId = value;
            return this;
        }

        public Builder caseId(String value) {
            this.caseId = value;
            return this;
        }

        public Builder checkpointId(String value) {
            this.checkpointId = value;
            return this;
        }

        public Builder direction(String value) {
            this.direction = value;
            return this;
        }

        public Builder decision(String value) {
            this.decision = value;
            return this;
        }

        public Builder level(String value) {
            this.level = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public FeedItem build() {
            return new FeedItem(pk, sk, kind, citizenId, fullName, at, declarationId, caseId, checkpointId, direction, decision, level,
                    expiresAt);
        }
    }
}
