package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** Population registry entry (reference data: no TTL). Its schema is built once, statically: no reflection per request. */
public record ResidentItem(String citizenId, String fullName, String dateOfBirth, String gender, String permanentWardCode,
        String permanentAddress, String currentWardCode, String currentAddress, String dateOfDeath,
        String temporaryWardCode, String temporaryAddress) {
    public static final TableSchema<ResidentItem> SCHEMA = StaticImmutableTableSchema.builder(ResidentItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("citizenId").getter(ResidentItem::citizenId).setter(Builder::citizenId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("fullName").getter(ResidentItem::fullName).setter(Builder::fullName))
            .addAttribute(String.class, a -> a.name("dateOfBirth").getter(ResidentItem::dateOfBirth).setter(Builder::dateOfBirth))
            .addAttribute(String.class, a -> a.name("gender").getter(ResidentItem::gender).setter(Builder::gender))
            .addAttribute(String.class, a -> a.name("permanentWardCode").getter(ResidentItem::permanentWardCode)
                    .setter(Builder::permanentWardCode))
            .addAttribute(String.class, a -> a.name("permanentAddress").getter(ResidentItem::permanentAddress)
                    .setter(Builder::permanentAddress))
            .addAttribute(String.class, a -> a.name("currentWardCode").getter(ResidentItem::currentWardCode)
                    .setter(Builder::currentWardCode))
            .addAttribute(String.class, a -> a.name("currentAddress").getter(ResidentItem::currentAddress).setter(Builder::currentAddress))
            .addAttribute(String.class, a -> a.name("dateOfDeath").getter(ResidentItem::dateOfDeath).setter(Builder::dateOfDeath))
            // registered temporary residence (tạm trú), may be absent: policy support accepts it as the residence
            .addAttribute(String.class, a -> a.name("temporaryWardCode").getter(ResidentItem::temporaryWardCode)
                    .setter(Builder::temporaryWardCode))
            .addAttribute(String.class, a -> a.name("temporaryAddress").getter(ResidentItem::temporaryAddress)
                    .setter(Builder::temporaryAddress))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.citizenId = citizenId;
        b.fullName = fullName;
        b.dateOfBirth = dateOfBirth;
        b.gender = gender;
        b.permanentWardCode = permanentWardCode;
        b.permanentAddress = permanentAddress;
        b.currentWardCode = currentWardCode;
        b.currentAddress = currentAddress;
        b.dateOfDeath = dateOfDeath;
        b.temporaryWardCode = temporaryWardCode;
        b.temporaryAddress = temporaryAddress;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String citizenId;
        private String fullName;
        private String dateOfBirth;
        private String gender;
        private String permanentWardCode;
        private String permanentAddress;
        private String currentWardCode;
        private String currentAddress;
        private String dateOfDeath;
        private String temporaryWardCode;
        private String temporaryAddress;

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

        public Builder permanentWardCode(String value) {
            this.permanentWardCode = value;
            return this;
        }

        public Builder permanentAddress(String value) {
            this.permanentAddress = value;
            return this;
        }

        public Builder currentWardCode(String value) {
            this.currentWardCode = value;
            return this;
        }

        public Builder currentAddress(String value) {
            this.currentAddress = value;
            return this;
        }

        public Builder dateOfDeath(String value) {
            this.dateOfDeath = value;
            return this;
        }

        public Builder temporaryWardCode(String value) {
            this.temporaryWardCode = value;
            return this;
        }

        public Builder temporaryAddress(String value) {
            this.temporaryAddress = value;
            return this;
        }

        public ResidentItem build() {
            return new ResidentItem(citizenId, fullName, dateOfBirth, gender, permanentWardCode, permanentAddress, currentWardCode,
                    currentAddress, dateOfDeath, temporaryWardCode, temporaryAddress);
        }
    }
}
