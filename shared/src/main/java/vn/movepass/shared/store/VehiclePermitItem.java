package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A green-lane vehicle permit, keyed by its id. It names its drivers by citizen id (personal data), so
 * its TTL is at {@code validUntil}, like a pass. Its schema is built once, statically: no reflection per request.
 */
public record VehiclePermitItem(String permitId, String token, String plate, String plateKey, String operatorName,
                                String operatorTaxCode, List<String> routeWards, List<String> driverIds, String provinceCode,
                                String validFrom, String validUntil, String issuedAt, String issuedBy, String revokedAt,
                                String revokedReason, String revokedBy, Long expiresAt) {
    public static final TableSchema<VehiclePermitItem> SCHEMA = StaticImmutableTableSchema.builder(VehiclePermitItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("permitId").getter(VehiclePermitItem::permitId).setter(Builder::permitId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("token").getter(VehiclePermitItem::token).setter(Builder::token))
            .addAttribute(String.class, a -> a.name("plate").getter(VehiclePermitItem::plate).setter(Builder::plate))
            .addAttribute(String.class, a -> a.name("plateKey").getter(VehiclePermitItem::plateKey).setter(Builder::plateKey))
            .addAttribute(String.class, a -> a.name("operatorName").getter(VehiclePermitItem::operatorName).setter(Builder::operatorName))
            .addAttribute(String.class, a -> a.name("operatorTaxCode").getter(VehiclePermitItem::operatorTaxCode)
                    .setter(Builder::operatorTaxCode))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("routeWards").getter(VehiclePermitItem::routeWards)
                    .setter(Builder::routeWards))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("driverIds").getter(VehiclePermitItem::driverIds)
                    .setter(Builder::driverIds))
            .addAttribute(String.class, a -> a.name("provinceCode").getter(VehiclePermitItem::provinceCode).setter(Builder::provinceCode))
            .addAttribute(String.class, a -> a.name("validFrom").getter(VehiclePermitItem::validFrom).setter(Builder::validFrom))
            .addAttribute(String.class, a -> a.name("validUntil").getter(VehiclePermitItem::validUntil).setter(Builder::validUntil))
            .addAttribute(String.class, a -> a.name("issuedAt").getter(VehiclePermitItem::issuedAt).setter(Builder::issuedAt))
            .addAttribute(String.class, a -> a.name("issuedBy").getter(VehiclePermitItem::issuedBy).setter(Builder::issuedBy))
            .addAttribute(String.class, a -> a.name("revokedAt").getter(VehiclePermitItem::revokedAt).setter(Builder::revokedAt))
            .addAttribute(String.class, a -> a.name("revokedReason").getter(VehiclePermitItem::revokedReason)
                    .setter(Builder::revokedReason))
            .addAttribute(String.class, a -> a.name("revokedBy").getter(VehiclePermitItem::revokedBy).setter(Builder::revokedBy))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(VehiclePermitItem::expiresAt).setter(Builder::expiresAt))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.permitId = permitId;
        b.token = token;
        b.plate = plate;
        b.plateKey = plateKey;
        b.operatorName = operatorName;
        b.operatorTaxCode = operatorTaxCode;
        b.routeWards = routeWards;
        b.driverIds = driverIds;
        b.provinceCode = provinceCode;
        b.validFrom = validFrom;
        b.validUntil = validUntil;
        b.issuedAt = issuedAt;
        b.issuedBy = issuedBy;
        b.revokedAt = revokedAt;
        b.revokedReason = revokedReason;
        b.revokedBy = revokedBy;
        b.expiresAt = expiresAt;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String permitId;
        private String token;
        private String plate;
        private String plateKey;
        private String operatorName;
        private String operatorTaxCode;
        private List<String> routeWards;
        private List<String> driverIds;
        private String provinceCode;
        private String validFrom;
        private String validUntil;
        private String issuedAt;
        private String issuedBy;
        private String revokedAt;
        private String revokedReason;
        private String revokedBy;
        private Long expiresAt;

        public Builder permitId(String value) {
            this.permitId = value;
            return this;
        }

        public Builder token(String value) {
            this.token = value;
            return this;
        }

        public Builder plate(String value) {
            this.plate = value;
            return this;
        }

        public Builder plateKey(String value) {
            this.plateKey = value;
            return this;
        }

        public Builder operatorName(String value) {
            this.operatorName = value;
            return this;
        }

        public Builder operatorTaxCode(String value) {
            this.operatorTaxCode = value;
            return this;
        }

        public Builder routeWards(List<String> value) {
            this.routeWards = value;
            return this;
        }

        public Builder driverIds(List<String> value) {
            this.driverIds = value;
            return this;
        }

        public Builder provinceCode(String value) {
            this.provinceCode = value;
            return this;
        }

        public Builder validFrom(String value) {
            this.validFrom = value;
            return this;
        }

        public Builder validUntil(String value) {
            this.validUntil = value;
            return this;
        }

        public Builder issuedAt(String value) {
            this.issuedAt = value;
            return this;
        }

        public Builder issuedBy(String value) {
            this.issuedBy = value;
            return this;
        }

        public Builder revokedAt(String value) {
            this.revokedAt = value;
            return this;
        }

        public Builder revokedReason(String value) {
            this.revokedReason = value;
            return this;
        }

        public Builder revokedBy(String value) {
            this.revokedBy = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public VehiclePermitItem build() {
            return new VehiclePermitItem(permitId, token, plate, plateKey, operatorName, operatorTaxCode, routeWards, driverIds,
                    provinceCode, validFrom, validUntil, issuedAt, issuedBy, revokedAt, revokedReason, revokedBy, expiresAt);
        }
    }
}
