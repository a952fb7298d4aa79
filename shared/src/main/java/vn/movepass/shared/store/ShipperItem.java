package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A registered shipper ({@code CITIZEN#<id>}: one registration per person) or the guard of a shipper
 * code ({@code CODE#<code>}: holds the citizen id, keeps codes unique). Personal data: TTL some days
 * after {@code validUntil} (an officer sees EXPIRED until then). Its schema is built once, statically.
 */
public record ShipperItem(String pk, String citizenId, String shipperCode, String fullName, String dateOfBirth,
                          String companyName, String companyTaxCode, List<String> operatingWards, String validFrom,
                          String validUntil, String registeredAt, String registeredBy, String suspendedAt,
                          String suspendedReason, String suspendedBy, Long expiresAt) {
    public static final TableSchema<ShipperItem> SCHEMA = StaticImmutableTableSchema.builder(ShipperItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("pk").getter(ShipperItem::pk).setter(Builder::pk).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("citizenId").getter(ShipperItem::citizenId).setter(Builder::citizenId))
            .addAttribute(String.class, a -> a.name("shipperCode").getter(ShipperItem::shipperCode).setter(Builder::shipperCode))
            .addAttribute(String.class, a -> a.name("fullName").getter(ShipperItem::fullName).setter(Builder::fullName))
            .addAttribute(String.class, a -> a.name("dateOfBirth").getter(ShipperItem::dateOfBirth).setter(Builder::dateOfBirth))
            .addAttribute(String.class, a -> a.name("companyName").getter(ShipperItem::companyName).setter(Builder::companyName))
            .addAttribute(String.class, a -> a.name("companyTaxCode").getter(ShipperItem::companyTaxCode).setter(Builder::companyTaxCode))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("operatingWards").getter(ShipperItem::operatingWards)
                    .setter(Builder::operatingWards))
            .addAttribute(String.class, a -> a.name("validFrom").getter(ShipperItem::validFrom).setter(Builder::validFrom))
            .addAttribute(String.class, a -> a.name("validUntil").getter(ShipperItem::validUntil).setter(Builder::validUntil))
            .addAttribute(String.class, a -> a.name("registeredAt").getter(ShipperItem::registeredAt).setter(Builder::registeredAt))
            .addAttribute(String.class, a -> a.name("registeredBy").getter(ShipperItem::registeredBy).setter(Builder::registeredBy))
            .addAttribute(String.class, a -> a.name("suspendedAt").getter(ShipperItem::suspendedAt).setter(Builder::suspendedAt))
            .addAttribute(String.class, a -> a.name("suspendedReason").getter(ShipperItem::suspendedReason)
                    .setter(Builder::suspendedReason))
            .addAttribute(String.class, a -> a.name("suspendedBy").getter(ShipperItem::suspendedBy).setter(Builder::suspendedBy))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(ShipperItem::expiresAt).setter(Builder::expiresAt))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.pk = pk;
        b.citizenId = citizenId;
        b.shipperCode = shipperCode;
        b.fullName = fullName;
        b.dateOfBirth = dateOfBirth;
        b.companyName = companyName;
        b.companyTaxCode = companyTaxCode;
        b.operatingWards = operatingWards;
        b.validFrom = validFrom;
        b.validUntil = validUntil;
        b.registeredAt = registeredAt;
        b.registeredBy = registeredBy;
        b.suspendedAt = suspendedAt;
        b.suspendedReason = suspendedReason;
        b.suspendedBy = suspendedBy;
        b.expiresAt = expiresAt;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String pk;
        private String citizenId;
        private String shipperCode;
        private String fullName;
        private String dateOfBirth;
        private String companyName;
        private String companyTaxCode;
        private List<String> operatingWards;
        private String validFrom;
        private String validUntil;
        private String registeredAt;
        private String registeredBy;
        private String suspendedAt;
        private String suspendedReason;
        private String suspendedBy;
        private Long expiresAt;

        public Builder pk(String value) {
            this.pk = value;
            return this;
        }

        public Builder citizenId(String value) {
            this.citizenId = value;
            return this;
        }

        public Builder shipperCode(String value) {
            this.shipperCode = value;
            return this;
        }

        public Builder fullName(String value) {
            this.fullName = value;
            return this;
        }

        public Builder dateOfBirth(String value) {
            this.dateOfBirth = value;
            return this;
        }

        public Builder companyName(String value) {
            this.companyName = value;
            return this;
        }

        public Builder companyTaxCode(String value) {
            this.companyTaxCode = value;
            return this;
        }

        public Builder operatingWards(List<String> value) {
            this.operatingWards = value;
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

        public Builder registeredAt(String value) {
            this.registeredAt = value;
            return this;
        }

        public Builder registeredBy(String value) {
            this.registeredBy = value;
            return this;
        }

        public Builder suspendedAt(String value) {
            this.suspendedAt = value;
            return this;
        }

        public Builder suspendedReason(String value) {
            this.suspendedReason = value;
            return this;
        }

        public Builder suspendedBy(String value) {
            this.suspendedBy = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public ShipperItem build() {
            return new ShipperItem(pk, citizenId, shipperCode, fullName, dateOfBirth, companyName, companyTaxCode,
                    operatingWards, validFrom, validUntil, registeredAt, registeredBy, suspendedAt, suspendedReason,
                    suspendedBy, expiresAt);
        }
    }
}
