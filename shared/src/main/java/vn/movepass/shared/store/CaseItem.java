package vn.movepass.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A traced case (the F0 and the tracing work still outstanding for it), with TTL. Its schema is built once, statically: no reflection per
 * request.
 */
public record CaseItem(String caseId, String citizenId, String classification, String detectedAt, String status, String createdAt,
        String createdBy, String provinceCode, Long pending, Long f1, Long f2, Long f3, String completedAt, Long expiresAt) {
    public static final TableSchema<CaseItem> SCHEMA = StaticImmutableTableSchema.builder(CaseItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("caseId").getter(CaseItem::caseId).setter(Builder::caseId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("citizenId").getter(CaseItem::citizenId).setter(Builder::citizenId))
            .addAttribute(String.class, a -> a.name("classification").getter(CaseItem::classification).setter(Builder::classification))
            .addAttribute(String.class, a -> a.name("detectedAt").getter(CaseItem::detectedAt).setter(Builder::detectedAt))
            .addAttribute(String.class, a -> a.name("status").getter(CaseItem::status).setter(Builder::status))
            .addAttribute(String.class, a -> a.name("createdAt").getter(CaseItem::createdAt).setter(Builder::createdAt))
            .addAttribute(String.class, a -> a.name("createdBy").getter(CaseItem::createdBy).setter(Builder::createdBy))
            .addAttribute(String.class, a -> a.name("provinceCode").getter(CaseItem::provinceCode).setter(Builder::provinceCode))
            .addAttribute(Long.class, a -> a.name("pending").getter(CaseItem::pending).setter(Builder::pending))
            .addAttribute(Long.class, a -> a.name("f1").getter(CaseItem::f1).setter(Builder::f1))
            .addAttribute(Long.class, a -> a.name("f2").getter(CaseItem::f2).setter(Builder::f2))
            .addAttribute(Long.class, a -> a.name("f3").getter(CaseItem::f3).setter(Builder::f3))
            .addAttribute(String.class, a -> a.name("completedAt").getter(CaseItem::completedAt).setter(Builder::completedAt))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(CaseItem::expiresAt).setter(Builder::expiresAt))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.caseId = caseId;
        b.citizenId = citizenId;
        b.classification = classification;
        b.detectedAt = detectedAt;
        b.status = status;
        b.createdAt = createdAt;
        b.createdBy = createdBy;
        b.provinceCode = provinceCode;
        b.pending = pending;
        b.f1 = f1;
        b.f2 = f2;
        b.f3 = f3;
        b.completedAt = completedAt;
        b.expiresAt = expiresAt;
        return b;
    }

    /** Mutable builder used by the schema and by code that assembles an item. */
    public static final class Builder {
        private String caseId;
        private String citizenId;
        private String classification;
        private String detectedAt;
        private String status;
        private String createdAt;
        private String createdBy;
        private String provinceCode;
        private Long pending;
        private Long f1;
        private Long f2;
        private Long f3;
        private String completedAt;
        private Long expiresAt;

        public Builder caseId(String value) {
            this.caseId = value;
            return this;
        }

        public Builder citizenId(String value) {
            this.citizenId = value;
            return this;
        }

        public Builder classification(String value) {
            this.classification = value;
            return this;
        }

        public Builder detectedAt(String value) {
            this.detectedAt = value;
            return this;
        }

        public Builder status(String value) {
            this.status = value;
            return this;
        }

        public Builder createdAt(String value) {
            this.createdAt = value;
            return this;
        }

        public Builder createdBy(String value) {
            this.createdBy = value;
            return this;
        }

        public Builder provinceCode(String value) {
            this.provinceCode = value;
            return this;
        }

        public Builder pending(Long value) {
            this.pending = value;
            return this;
        }

        public Builder f1(Long value) {
            this.f1 = value;
            return this;
        }

        public Builder f2(Long value) {
            this.f2 = value;
            return this;
        }

        public Builder f3(Long value) {
            this.f3 = value;
            return this;
        }

        public Builder completedAt(String value) {
            this.completedAt = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            this.expiresAt = value;
            return this;
        }

        public CaseItem build() {
            return new CaseItem(caseId, citizenId, classification, detectedAt, status, createdAt, createdBy, provinceCode, pending, f1, f2,
                    f3, completedAt, expiresAt);
        }
    }
}
