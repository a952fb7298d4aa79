package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * An official's account that an ADMIN disabled (only those have an item; reference data, no TTL). Its schema is built once, statically: no
 * reflection per request.
 */
public record AccountItem(String sub, Boolean disabled, String disabledAt, String disabledBy, String reason) {
    public static final TableSchema<AccountItem> SCHEMA = StaticImmutableTableSchema.builder(AccountItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("sub").getter(AccountItem::sub).setter(Builder::sub).tags(primaryPartitionKey()))
            .addAttribute(Boolean.class, a -> a.name("disabled").getter(AccountItem::disabled).setter(Builder::disabled))
            .addAttribute(String.class, a -> a.name("disabledAt").getter(AccountItem::disabledAt).setter(Builder::disabledAt))
            .addAttribute(String.class, a -> a.name("disabledBy").getter(AccountItem::disabledBy).setter(Builder::disabledBy))
            .addAttribute(String.class, a -> a.name("reason").getter(AccountItem::reason).setter(Builder::reason))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.sub = sub;
        b.disabled = disabled;
        b.disabledAt = disabledAt;
        b.disabledBy = disabledBy;
        b.reason = reason;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String sub;
        private Boolean disabled;
        private String disabledAt;
        private String disabledBy;
        private String reason;

        public Builder sub(String value) {
            this.sub = value;
            return this;
        }

        public Builder disabled(Boolean value) {
            this.disabled = value;
            return this;
        }

        public Builder disabledAt(String value) {
            this.disabledAt = value;
            return this;
        }

        public Builder disabledBy(String value) {
            this.disabledBy = value;
            return this;
        }

        public Builder reason(String value) {
            this.reason = value;
            return this;
        }

        public AccountItem build() {
            return new AccountItem(sub, disabled, disabledAt, disabledBy, reason);
        }
    }
}
