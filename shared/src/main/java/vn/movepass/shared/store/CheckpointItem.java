package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** A checkpoint (reference data: no TTL). Its schema is built once, statically: no reflection per request. */
public record CheckpointItem(String checkpointId, String name, String wardCode, String districtCode, String provinceCode, Double lat,
        Double lon, Boolean active, String createdAt, Boolean cardOnly, Boolean requireCompleteVaccination) {
    /** The policy of a province is kept in this table under this prefix; no checkpoint id can contain '#'. */
    public static final String POLICY_PREFIX = "POLICY#";
    /** The sparse index of the checkpoints of a province (policy items carry no provinceCode). */
    public static final String BY_PROVINCE = "byProvince";

    public static final TableSchema<CheckpointItem> SCHEMA = StaticImmutableTableSchema.builder(CheckpointItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("checkpointId").getter(CheckpointItem::checkpointId).setter(Builder::checkpointId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("name").getter(CheckpointItem::name).setter(Builder::name))
            .addAttribute(String.class, a -> a.name("wardCode").getter(CheckpointItem::wardCode).setter(Builder::wardCode))
            .addAttribute(String.class, a -> a.name("districtCode").getter(CheckpointItem::districtCode).setter(Builder::districtCode))
            .addAttribute(String.class, a -> a.name("provinceCode").getter(CheckpointItem::provinceCode).setter(Builder::provinceCode)
                    .tags(secondaryPartitionKey(BY_PROVINCE)))
            .addAttribute(Double.class, a -> a.name("lat").getter(CheckpointItem::lat).setter(Builder::lat))
            .addAttribute(Double.class, a -> a.name("lon").getter(CheckpointItem::lon).setter(Builder::lon))
            .addAttribute(Boolean.class, a -> a.name("active").getter(CheckpointItem::active).setter(Builder::active))
            .addAttribute(String.class, a -> a.name("createdAt").getter(CheckpointItem::createdAt).setter(Builder::createdAt))
            .addAttribute(Boolean.class, a -> a.name("cardOnly").getter(CheckpointItem::cardOnly).setter(Builder::cardOnly))
            .addAttribute(Boolean.class, a -> a.name("requireCompleteVaccination")
                    .getter(CheckpointItem::requireCompleteVaccination).setter(Builder::requireCompleteVaccination))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.checkpointId = checkpointId;
        b.name = name;
        b.wardCode = wardCode;
        b.districtCode = districtCode;
        b.provinceCode = provinceCode;
        b.lat = lat;
        b.lon = lon;
        b.active = active;
        b.createdAt = createdAt;
        b.cardOnly = cardOnly;
        b.requireCompleteVaccination = requireCompleteVaccination;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String checkpointId;
        private String name;
        private String wardCode;
        private String districtCode;
        private String provinceCode;
        private Double lat;
        private Double lon;
        private Boolean active;
        private String createdAt;
        private Boolean cardOnly;
        private Boolean requireCompleteVaccination;

        public Builder cardOnly(Boolean value) {
            this.cardOnly = value;
            return this;
        }

        public Builder requireCompleteVaccination(Boolean value) {
            this.requireCompleteVaccination = value;
            return this;
        }

        public Builder checkpointId(String value) {
            this.checkpointId = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder wardCode(String value) {
            this.wardCode = value;
            return this;
        }

        public Builder districtCode(String value) {
            this.districtCode = value;
            return this;
        }

        public Builder provinceCode(String value) {
            this.provinceCode = value;
            return this;
        }

        public Builder lat(Double value) {
            this.lat = value;
            return this;
        }

        public Builder lon(Double value) {
            this.lon = value;
            return this;
        }

        public Builder active(Boolean value) {
            this.active = value;
            return this;
        }

        public Builder createdAt(String value) {
            this.createdAt = value;
            return this;
        }

        public CheckpointItem build() {
            return new CheckpointItem(checkpointId, name, wardCode, districtCode, provinceCode, lat, lon, active, createdAt, cardOnly,
                    requireCompleteVaccination);
        }
    }
}
