package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A contact found by tracing a case, with the evidence an official needs; TTL. Its schema is built once, statically: no reflection per
 * request.
 */
public record ContactItem(String caseId, String citizenId, String level, Long depth, String via, String kind, String checkpointId,
        String at, String contactAt, String plate, String venueId, String residenceWard, String createdAt, String createdHour,
        Boolean reported, Long expiresAt) {
    public static final TableSchema<ContactItem> SCHEMA = StaticImmutableTableSchema.builder(ContactItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("caseId").getter(ContactItem::caseId).setter(Builder::caseId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("citizenId").getter(ContactItem::citizenId).setter(Builder::citizenId)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("level").getter(ContactItem::level).setter(Builder::level))
            .addAttribute(Long.class, a -> a.name("depth").getter(ContactItem::depth).setter(Builder::depth))
            .addAttribute(String.class, a -> a.name("via").getter(ContactItem::via).setter(Builder::via))
            .addAttribute(String.class, a -> a.name("kind").getter(ContactItem::kind).setter(Builder::kind))
            .addAttribute(String.class, a -> a.name("checkpointId").getter(ContactItem::checkpointId).setter(Builder::checkpointId))
            .addAttribute(String.class, a -> a.name("at").getter(ContactItem::at).setter(Builder::at))
            .addAttribute(String.class, a -> a.name("contactAt").getter(ContactItem::contactAt).setter(Builder::contactAt))
            .addAttribute(String.class, a -> a.name("plate").getter(ContactItem::plate).setter(Builder::plate))
            .addAttribute(String.class, a -> a.name("venueId").getter(ContactItem::venueId).setter(Builder::venueId))
            .addAttribute(String.class, a -> a.name("residenceWard").getter(ContactItem::residenceWard).setter(Builder::residenceWard))
            .addAttribute(String.class, a -> a.name("createdHour").getter(ContactItem::createdHour).setter(Builder::createdHour))
            .addAttribute(String.class, a -> a.name("createdAt").getter(ContactItem::createdAt).setter(Builder::createdAt))
            .addAttribute(Boolean.class, a -> a.name("reported").getter(ContactItem::reported).setter(Builder::reported))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(ContactItem::expiresAt).setter(Builder::expiresAt))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.caseId = caseId;
        b.citizenId = citizenId;
        b.level = level;
        b.depth = depth;
        b.via = via;
        b.kind = kind;
        b.checkpointId = checkpointId;
        b.at = at;
        b.contactAt = contactAt;
        b.plate = plate;
        b.venueId = venueId;
        b.residenceWard = residenceWard;
        b.createdAt = createdAt;
        b.createdHour = createdHour;
        b.reported = reported;
        b.expiresAt = expiresAt;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String caseId;
        private String citizenId;
        private String level;
        private Long depth;
        private String via;
        private String kind;
        private String checkpointId;
        private String at;
        private String contactAt;
        private String plate;
        private String venueId;
        private String residenceWard;
        private String createdAt;
        private String createdHour;
        private Boolean reported;
        private Long expiresAt;

        public Builder caseId(String value) {
            this.caseId = value;
            return this;
        }

        public Builder citizenId(String value) {
            this.citizenId = value;
            return this;
        }

        public Builder level(String value) {
            this.level = value;
            return this;
        }

        public Builder depth(Long value) {
            this.depth = value;
            return this;
        }

        public Builder via(String value) {
            this.via = value;
            return this;
        }

        public Builder kind(String value) {
            this.kind = value;
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

        public Builder contactAt(String value) {
            this.contactAt = value;
            return this;
        }

        public Builder plate(String value) {
            this.plate = value;
            return this;
        }

        public Builder venueId(String value) {
            this.venueId = value;
            return this;
        }

        public Builder residenceWard(String value) {
            this.residenceWard = value;
            return this;
        }

        public Builder createdAt(String value) {
            this.createdAt = value;
            return this;
        }

        /** The hour bucket of {@link #createdAt} ({@code Times.hourBucket}): the export's {@code byHour} index. */
        public Builder createdHour(String value) {
            this.createdHour = value;
            return this;
        }

        public Builder reported(Boolean value) {
            this.reported = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public ContactItem build() {
            return new ContactItem(caseId, citizenId, level, depth, via, kind, checkpointId, at, contactAt, plate, venueId,
                    residenceWard, createdAt, createdHour, reported, expiresAt);
        }
    }
}
