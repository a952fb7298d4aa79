package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** A stored declaration, accepted or rejected, with its retention TTL. Its schema is built once, statically: no reflection per request. */
public record DeclarationItem(String declarationId, String channel, String officerSub, String checkpointId, String status,
        List<String> reasons, List<String> flags, String declaredAt, String citizenId, String fullName, String dateOfBirth, String gender,
        String phone, String email, String residenceWard, String residenceAddress, String originWard, String originAddress,
        String destinationWard, String destinationAddress, String departureDate, String purpose, String vehicleType, String vehiclePlate,
        String health, String test, String passId, String declaredHour, Long expiresAt) {
    public static final TableSchema<DeclarationItem> SCHEMA = StaticImmutableTableSchema.builder(DeclarationItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("declarationId").getter(DeclarationItem::declarationId).setter(Builder::declarationId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("channel").getter(DeclarationItem::channel).setter(Builder::channel))
            .addAttribute(String.class, a -> a.name("officerSub").getter(DeclarationItem::officerSub).setter(Builder::officerSub))
            .addAttribute(String.class, a -> a.name("checkpointId").getter(DeclarationItem::checkpointId).setter(Builder::checkpointId))
            .addAttribute(String.class, a -> a.name("status").getter(DeclarationItem::status).setter(Builder::status))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("reasons").getter(DeclarationItem::reasons)
                    .setter(Builder::reasons))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("flags").getter(DeclarationItem::flags).setter(Builder::flags))
            .addAttribute(String.class, a -> a.name("declaredAt").getter(DeclarationItem::declaredAt).setter(Builder::declaredAt)
                    .tags(secondarySortKey("byHour")))
            .addAttribute(String.class, a -> a.name("citizenId").getter(DeclarationItem::citizenId).setter(Builder::citizenId))
            .addAttribute(String.class, a -> a.name("fullName").getter(DeclarationItem::fullName).setter(Builder::fullName))
            .addAttribute(String.class, a -> a.name("dateOfBirth").getter(DeclarationItem::dateOfBirth).setter(Builder::dateOfBirth))
            .addAttribute(String.class, a -> a.name("gender").getter(DeclarationItem::gender).setter(Builder::gender))
            .addAttribute(String.class, a -> a.name("phone").getter(DeclarationItem::phone).setter(Builder::phone))
            .addAttribute(String.class, a -> a.name("email").getter(DeclarationItem::email).setter(Builder::email))
            .addAttribute(String.class, a -> a.name("residenceWard").getter(DeclarationItem::residenceWard).setter(Builder::residenceWard))
            .addAttribute(String.class, a -> a.name("residenceAddress").getter(DeclarationItem::residenceAddress)
                    .setter(Builder::residenceAddress))
            .addAttribute(String.class, a -> a.name("originWard").getter(DeclarationItem::originWard).setter(Builder::originWard))
            .addAttribute(String.class, a -> a.name("originAddress").getter(DeclarationItem::originAddress).setter(Builder::originAddress))
            .addAttribute(String.class, a -> a.name("destinationWard").getter(DeclarationItem::destinationWard)
                    .setter(Builder::destinationWard))
            .addAttribute(String.class, a -> a.name("destinationAddress").getter(DeclarationItem::destinationAddress)
                    .setter(Builder::destinationAddress))
            .addAttribute(String.class, a -> a.name("departureDate").getter(DeclarationItem::departureDate).setter(Builder::departureDate))
            .addAttribute(String.class, a -> a.name("purpose").getter(DeclarationItem::purpose).setter(Builder::purpose))
            .addAttribute(String.class, a -> a.name("vehicleType").getter(DeclarationItem::vehicleType).setter(Builder::vehicleType))
            .addAttribute(String.class, a -> a.name("vehiclePlate").getter(DeclarationItem::vehiclePlate).setter(Builder::vehiclePlate))
            .addAttribute(String.class, a -> a.name("health").getter(DeclarationItem::health).setter(Builder::health))
            .addAttribute(String.class, a -> a.name("test").getter(DeclarationItem::test).setter(Builder::test))
            .addAttribute(String.class, a -> a.name("passId").getter(DeclarationItem::passId).setter(Builder::passId))
            .addAttribute(String.class, a -> a.name("declaredHour").getter(DeclarationItem::declaredHour).setter(Builder::declaredHour)
                    .tags(secondaryPartitionKey("byHour")))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(DeclarationItem::expiresAt).setter(Builder::expiresAt))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.declarationId = declarationId;
        b.channel = channel;
        b.officerSub = officerSub;
        b.checkpointId = checkpointId;
        b.status = status;
        b.reasons = reasons;
        b.flags = flags;
        b.declaredAt = declaredAt;
        b.citizenId = citizenId;
        b.fullName = fullName;
        b.dateOfBirth = dateOfBirth;
        b.gender = gender;
        b.phone = phone;
        b.email = email;
        b.residenceWard = residenceWard;
        b.residenceAddress = residenceAddress;
        b.originWard = originWard;
        b.originAddress = originAddress;
        b.destinationWard = destinationWard;
        b.destinationAddress = destinationAddress;
        b.departureDate = departureDate;
        b.purpose = purpose;
        b.vehicleType = vehicleType;
        b.vehiclePlate = vehiclePlate;
        b.health = health;
        b.test = test;
        b.passId = passId;
        b.declaredHour = declaredHour;
        b.expiresAt = expiresAt;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String declarationId;
        private String channel;
        private String officerSub;
        private String checkpointId;
        private String status;
        private List<String> reasons;
        private List<String> flags;
        private String declaredAt;
        private String citizenId;
        private String fullName;
        private String dateOfBirth;
        private String gender;
        private String phone;
        private String email;
        private String residenceWard;
        private String residenceAddress;
        private String originWard;
        private String originAddress;
        private String destinationWard;
        private String destinationAddress;
        private String departureDate;
        private String purpose;
        private String vehicleType;
        private String vehiclePlate;
        private String health;
        private String test;
        private String passId;
        private String declaredHour;
        private Long expiresAt;

        public Builder declarationId(String value) {
            this.declarationId = value;
            return this;
        }

        public Builder channel(String value) {
            this.channel = value;
            return this;
        }

        public Builder officerSub(String value) {
            this.officerSub = value;
            return this;
        }

        public Builder checkpointId(String value) {
            this.checkpointId = value;
            return this;
        }

        public Builder status(String value) {
            this.status = value;
            return this;
        }

        public Builder reasons(List<String> value) {
            this.reasons = value;
            return this;
        }

        public Builder flags(List<String> value) {
            this.flags = value;
            return this;
        }

        public Builder declaredAt(String value) {
            this.declaredAt = value;
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

        public Builder dateOfBirth(String value) {
            this.dateOfBirth = value;
            return this;
        }

        public Builder gender(String value) {
            this.gender = value;
            return this;
        }

        public Builder phone(String value) {
            this.phone = value;
            return this;
        }

        public Builder email(String value) {
            this.email = value;
            return this;
        }

        public Builder residenceWard(String value) {
            this.residenceWard = value;
            return this;
        }

        public Builder residenceAddress(String value) {
            this.residenceAddress = value;
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

        public Builder departureDate(String value) {
            this.departureDate = value;
            return this;
        }

        public Builder purpose(String value) {
            this.purpose = value;
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

        public Builder health(String value) {
            this.health = value;
            return this;
        }

        public Builder test(String value) {
            this.test = value;
            return this;
        }

        public Builder passId(String value) {
            this.passId = value;
            return this;
        }

        /** UTC hour bucket {@code yyyyMMddHH} of {@code declaredAt}: the byHour index lets a day be read in 24 Queries. */
        public Builder declaredHour(String value) {
            this.declaredHour = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public DeclarationItem build() {
            return new DeclarationItem(declarationId, channel, officerSub, checkpointId, status, reasons, flags, declaredAt, citizenId,
                    fullName, dateOfBirth, gender, phone, email, residenceWard, residenceAddress, originWard, originAddress,
                    destinationWard, destinationAddress, departureDate, purpose, vehicleType, vehiclePlate, health, test, passId,
                    declaredHour, expiresAt);
        }
    }
}
