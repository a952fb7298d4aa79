package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A resident's current health status in HealthTable: {@code pk} = citizen id, {@code sk} = {@value #STATUS}. It holds
 * the encoded {@link vn.movepass.shared.health.HealthSnapshot} ({@code health}) and its {@code version} (one more per
 * change: writers condition on it, pass copies only replace an older one). While an isolation, quarantine or
 * monitoring period lasts, {@code wardCode} (the resident's current ward) and {@code activeUntil} (when the last
 * such period ends, ISO instant; "9999" while open-ended) put it in the sparse {@code byWard} index that the ward's
 * list Queries ({@code activeUntil > now}). The history (events, doses) lives beside it under the same {@code pk}.
 */
public record HealthStatusItem(String pk, String sk, String health, Long version, String wardCode, String activeUntil,
        String fullName, Long expiresAt) {
    public static final String STATUS = "STATUS";
    public static final String BY_WARD = "byWard";

    public static final TableSchema<HealthStatusItem> SCHEMA = StaticImmutableTableSchema.builder(HealthStatusItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("pk").getter(HealthStatusItem::pk).setter(Builder::pk).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk").getter(HealthStatusItem::sk).setter(Builder::sk).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("health").getter(HealthStatusItem::health).setter(Builder::health))
            .addAttribute(Long.class, a -> a.name("version").getter(HealthStatusItem::version).setter(Builder::version))
            .addAttribute(String.class, a -> a.name("wardCode").getter(HealthStatusItem::wardCode).setter(Builder::wardCode)
                    .tags(secondaryPartitionKey(BY_WARD)))
            .addAttribute(String.class, a -> a.name("activeUntil").getter(HealthStatusItem::activeUntil).setter(Builder::activeUntil)
                    .tags(secondarySortKey(BY_WARD)))
            .addAttribute(String.class, a -> a.name("fullName").getter(HealthStatusItem::fullName).setter(Builder::fullName))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(HealthStatusItem::expiresAt).setter(Builder::expiresAt))
            .build();

    /** Mutable builder used by the schema. */
    public static final class Builder {
        private String pk;
        private String sk;
        private String health;
        private Long version;
        private String wardCode;
        private String activeUntil;
        private String fullName;
        private Long expiresAt;

        public Builder pk(String value) {
            this.pk = value;
            return this;
        }

        public Builder sk(String value) {
            this.sk = value;
            return this;
        }

        public Builder health(String value) {
            this.health = value;
            return this;
        }

        public Builder version(Long value) {
            this.version = value;
            return this;
        }

        public Builder wardCode(String value) {
            this.wardCode = value;
            return this;
        }

        public Builder activeUntil(String value) {
            this.activeUntil = value;
            return this;
        }

        public Builder fullName(String value) {
            this.fullName = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public HealthStatusItem build() {
            return new HealthStatusItem(pk, sk, health, version, wardCode, activeUntil, fullName, expiresAt);
        }
    }
}
