package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A pass ({@code PASS#id}), its short-code guard ({@code CODE#code}) or its holder's list of passes ({@code HOLDER#citizenId}, see {@link
 * PassHolders}); TTL at validUntil. Its schema is built once, statically: no reflection per request.
 */
public record PassItem(String pk, String passId, String shortCode, String citizenId, String token, String validFrom, String validUntil,
        Long expiresAt, String revokedAt, String revokedReason, String revokedBy, String declarationId, String fullName, String dateOfBirth,
        String gender, String citizenIdMasked, String originWard, String originAddress, String destinationWard, String destinationAddress,
        String vehicleType, String vehiclePlate, String purpose, List<String> flags, String health,
        Long healthVersion, String revokedList) {
    /** The sparse index of revoked passes by expiry (only a revoked pass has {@code revokedList}): the revocation list. */
    public static final String REVOCATION_INDEX = "byRevocation";

    /** The one value of {@code revokedList}: every revoked pass is in the same list, ordered by expiry. */
    public static final String REVOKED = "REVOKED";

    public static final TableSchema<PassItem> SCHEMA = StaticImmutableTableSchema.builder(PassItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("pk").getter(PassItem::pk).setter(Builder::pk).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("passId").getter(PassItem::passId).setter(Builder::passId))
            .addAttribute(String.class, a -> a.name("shortCode").getter(PassItem::shortCode).setter(Builder::shortCode))
            .addAttribute(String.class, a -> a.name("citizenId").getter(PassItem::citizenId).setter(Builder::citizenId)
                    .tags(secondaryPartitionKey("byCitizen")))
            .addAttribute(String.class, a -> a.name("token").getter(PassItem::token).setter(Builder::token))
            .addAttribute(String.class, a -> a.name("validFrom").getter(PassItem::validFrom).setter(Builder::validFrom))
            .addAttribute(String.class, a -> a.name("validUntil").getter(PassItem::validUntil).setter(Builder::validUntil))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(PassItem::expiresAt).setter(Builder::expiresAt)
                    .tags(secondarySortKey("byCitizen"), secondarySortKey(REVOCATION_INDEX)))
            .addAttribute(String.class, a -> a.name("revokedAt").getter(PassItem::revokedAt).setter(Builder::revokedAt))
            .addAttribute(String.class, a -> a.name("revokedReason").getter(PassItem::revokedReason).setter(Builder::revokedReason))
            .addAttribute(String.class, a -> a.name("revokedBy").getter(PassItem::revokedBy).setter(Builder::revokedBy))
            .addAttribute(String.class, a -> a.name("declarationId").getter(PassItem::declarationId).setter(Builder::declarationId))
            .addAttribute(String.class, a -> a.name("fullName").getter(PassItem::fullName).setter(Builder::fullName))
            .addAttribute(String.class, a -> a.name("dateOfBirth").getter(PassItem::dateOfBirth).setter(Builder::dateOfBirth))
            .addAttribute(String.class, a -> a.name("gender").getter(PassItem::gender).setter(Builder::gender))
            .addAttribute(String.class, a -> a.name("citizenIdMasked").getter(PassItem::citizenIdMasked).setter(Builder::citizenIdMasked))
            .addAttribute(String.class, a -> a.name("originWard").getter(PassItem::originWard).setter(Builder::originWard))
            .addAttribute(String.class, a -> a.name("originAddress").getter(PassItem::originAddress).setter(Builder::originAddress))
            .addAttribute(String.class, a -> a.name("destinationWard").getter(PassItem::destinationWard).setter(Builder::destinationWard))
            .addAttribute(String.class, a -> a.name("destinationAddress").getter(PassItem::destinationAddress)
                    .setter(Builder::destinationAddress))
            .addAttribute(String.class, a -> a.name("vehicleType").getter(PassItem::vehicleType).setter(Builder::vehicleType))
            .addAttribute(String.class, a -> a.name("vehiclePlate").getter(PassItem::vehiclePlate).setter(Builder::vehiclePlate))
            .addAttribute(String.class, a -> a.name("purpose").getter(PassItem::purpose).setter(Builder::purpose))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("flags").getter(PassItem::flags).setter(Builder::flags))
            .addAttribute(String.class, a -> a.name("health").getter(PassItem::health).setter(Builder::health))
            .addAttribute(Long.class, a -> a.name("healthVersion").getter(PassItem::healthVersion).setter(Builder::healthVersion))
            .addAttribute(String.class, a -> a.name("revokedList").getter(PassItem::revokedList).setter(Builder::revokedList)
                    .tags(secondaryPartitionKey(REVOCATION_INDEX)))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.pk = pk;
        b.passId = passId;
        b.shortCode = shortCode;
        b.citizenId = citizenId;
        b.token = token;
        b.validFrom = validFrom;
        b.validUntil = validUntil;
        b.expiresAt = expiresAt;
        b.revokedAt = revokedAt;
        b.revokedReason = revokedReason;
        b.revokedBy = revokedBy;
        b.declarationId = declarationId;
        b.fullName = fullName;
        b.dateOfBirth = dateOfBirth;
        b.gender = gender;
        b.citizenIdMasked = citizenIdMasked;
        b.originWard = originWard;
        b.originAddress = originAddress;
        b.destinationWard = destinationWard;
        b.destinationAddress = destinationAddress;
        b.vehicleType = vehicleType;
        b.vehiclePlate = vehiclePlate;
        b.purpose = purpose;
        b.flags = flags;
        b.health = health;
        b.healthVersion = healthVersion;
        b.revokedList = revokedList;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String pk;
        private String passId;
        private String shortCode;
        private String citizenId;
        private String token;
        private String validFrom;
        private String validUntil;
        private Long expiresAt;
        private String revokedAt;
        private String revokedReason;
        private String revokedBy;
        private String declarationId;
        private String fullName;
        private String dateOfBirth;
        private String gender;
        private String citizenIdMasked;
        private String originWard;
        private String originAddress;
        private String destinationWard;
        private String destinationAddress;
        private String vehicleType;
        private String vehiclePlate;
        private String purpose;
        private List<String> flags;
        private String health;
        private Long healthVersion;
        private String revokedList;

        public Builder pk(String value) {
            this.pk = value;
            return this;
        }

        public Builder passId(String value) {
            this.passId = value;
            return this;
        }

        public Builder shortCode(String value) {
            this.shortCode = value;
            return this;
        }

        public Builder citizenId(String value) {
            this.citizenId = value;
            return this;
        }

        public Builder token(String value) {
            this.token = value;
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

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
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

        public Builder declarationId(String value) {
            this.declarationId = value;
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

        public Builder gender(String value) {
            this.gender = value;
            return this;
        }

        public Builder citizenIdMasked(String value) {
            this.citizenIdMasked = value;
            return this;
        }

        public Builder originWard(String value) {
            this.originWard = value;
            return this;
        }

        public Builder originAddress(String value) {
            this.originAddress = value;
            return this;
        }

        public Builder destinationWard(String value) {
            this.destinationWard = value;
            return this;
        }

        public Builder destinationAddress(String value) {
            this.destinationAddress = value;
            return this;
        }

        public Builder vehicleType(String value) {
            this.vehicleType = value;
            return this;
        }

        public Builder vehiclePlate(String value) {
            this.vehiclePlate = value;
            return this;
        }

        public Builder purpose(String value) {
            this.purpose = value;
            return this;
        }

        public Builder flags(List<String> value) {
            this.flags = value;
            return this;
        }

        /** The holder's {@link vn.movepass.shared.health.HealthSnapshot}, encoded: judged at scan time. */
        public Builder health(String value) {
            this.health = value;
            return this;
        }

        /** The version of the holder's health status copied here: a copy only replaces an older one. */
        public Builder healthVersion(Long value) {
            this.healthVersion = value;
            return this;
        }

        /** {@link #REVOKED} on a revoked pass (it then appears in the {@link #REVOCATION_INDEX}), else null. */
        public Builder revokedList(String value) {
            this.revokedList = value;
            return this;
        }

        public PassItem build() {
            return new PassItem(pk, passId, shortCode, citizenId, token, validFrom, validUntil, expiresAt, revokedAt, revokedReason,
                    revokedBy, declarationId, fullName, dateOfBirth, gender, citizenIdMasked, originWard, originAddress, destinationWard,
                    destinationAddress, vehicleType, vehiclePlate, purpose, flags, health, healthVersion,
                    revokedList);
        }
    }
}
