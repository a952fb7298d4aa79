package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A recorded passage, keyed by checkpoint, hour bucket and shard ({@link PassageKeys}), sorted by instant. Its schema is
 * built once, statically: no reflection per request.
 */
public record PassageItem(String pk, String sk, String passageId, String checkpointId, String at, String direction, String decision,
        String vehiclePlate, String plateKey, String citizenId, String passId, String declarationId, String originWard,
        String destinationWard, String verdict, String officerSub, Long expiresAt,
        String overrideReason) {
    public static final TableSchema<PassageItem> SCHEMA = StaticImmutableTableSchema.builder(PassageItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("pk").getter(PassageItem::pk).setter(Builder::pk).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk").getter(PassageItem::sk).setter(Builder::sk).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("passageId").getter(PassageItem::passageId).setter(Builder::passageId))
            .addAttribute(String.class, a -> a.name("checkpointId").getter(PassageItem::checkpointId).setter(Builder::checkpointId))
            .addAttribute(String.class, a -> a.name("at").getter(PassageItem::at).setter(Builder::at)
                    .tags(secondarySortKey(List.of("byCitizen", "byPlate"))))
            .addAttribute(String.class, a -> a.name("direction").getter(PassageItem::direction).setter(Builder::direction))
            .addAttribute(String.class, a -> a.name("decision").getter(PassageItem::decision).setter(Builder::decision))
            .addAttribute(String.class, a -> a.name("vehiclePlate").getter(PassageItem::vehiclePlate).setter(Builder::vehiclePlate))
            .addAttribute(String.class, a -> a.name("plateKey").getter(PassageItem::plateKey).setter(Builder::plateKey)
                    .tags(secondaryPartitionKey("byPlate")))
            .addAttribute(String.class, a -> a.name("citizenId").getter(PassageItem::citizenId).setter(Builder::citizenId)
                    .tags(secondaryPartitionKey("byCitizen")))
            .addAttribute(String.class, a -> a.name("passId").getter(PassageItem::passId).setter(Builder::passId))
            .addAttribute(String.class, a -> a.name("declarationId").getter(PassageItem::declarationId).setter(Builder::declarationId))
            .addAttribute(String.class, a -> a.name("originWard").getter(PassageItem::originWard).setter(Builder::originWard))
            .addAttribute(String.class, a -> a.name("destinationWard").getter(PassageItem::destinationWard)
                    .setter(Builder::destinationWard))
            .addAttribute(String.class, a -> a.name("verdict").getter(PassageItem::verdict).setter(Builder::verdict))
            .addAttribute(String.class, a -> a.name("officerSub").getter(PassageItem::officerSub).setter(Builder::officerSub))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(PassageItem::expiresAt).setter(Builder::expiresAt))
            .addAttribute(String.class, a -> a.name("overrideReason").getter(PassageItem::overrideReason)
                    .setter(Builder::overrideReason))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.pk = pk;
        b.sk = sk;
        b.passageId = passageId;
        b.checkpointId = checkpointId;
        b.at = at;
        b.direction = direction;
        b.decision = decision;
        b.vehiclePlate = vehiclePlate;
        b.plateKey = plateKey;
        b.citizenId = citizenId;
        b.passId = passId;
        b.declarationId = declarationId;
        b.originWard = originWard;
        b.destinationWard = destinationWard;
        b.verdict = verdict;
        b.officerSub = officerSub;
        b.expiresAt = expiresAt;
        b.overrideReason = overrideReason;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String pk;
        private String sk;
        private String passageId;
        private String checkpointId;
        private String at;
        private String direction;
        private String decision;
        private String vehiclePlate;
        private String plateKey;
        private String citizenId;
        private String passId;
        private String declarationId;
        private String originWard;
        private String destinationWard;
        private String verdict;
        private String officerSub;
        private Long expiresAt;
        private String overrideReason;

        /** Why the officer let a RED holder through (the deliberate second step), else null. */
        public Builder overrideReason(String value) {
            this.overrideReason = value;
            return this;
        }

        public Builder pk(String value) {
            this.pk = value;
            return this;
        }

        public Builder sk(String value) {
            this.sk = value;
            return this;
        }

        public Builder passageId(String value) {
            this.passageId = value;
            return this;
        }

        public Builder checkpointId(String value) {
            this.checkpointId = value;
            return this;
        }

        public Builder at(String value) {
            this.at = value;
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

        public Builder vehiclePlate(String value) {
            this.vehiclePlate = value;
            return this;
        }

        public Builder plateKey(String value) {
            this.plateKey = value;
            return this;
        }

        public Builder citizenId(String value) {
            this.citizenId = value;
            return this;
        }

        public Builder passId(String value) {
            this.passId = value;
            return this;
        }

        public Builder declarationId(String value) {
            this.declarationId = value;
            return this;
        }

        public Builder originWard(String value) {
            this.originWard = value;
            return this;
        }

        public Builder destinationWard(String value) {
            this.destinationWard = value;
            return this;
        }

        public Builder verdict(String value) {
            this.verdict = value;
            return this;
        }

        public Builder officerSub(String value) {
            this.officerSub = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public PassageItem build() {
            return new PassageItem(pk, sk, passageId, checkpointId, at, direction, decision, vehiclePlate, plateKey, citizenId, passId,
                    declarationId, originWard, destinationWard, verdict, officerSub, expiresAt,
                    overrideReason);
        }
    }
}
