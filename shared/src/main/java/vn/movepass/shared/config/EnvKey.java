package vn.movepass.shared.config;

import java.util.Optional;

/**
 * The one catalogue of environment keys a MovePass function may read, each with its type and, where it has one,
 * its default (written here and nowhere else). The template sets them; {@link Environment}'s typed accessors
 * fail fast at init when one a function needs is missing or malformed.
 */
public enum EnvKey {
    RESIDENTS_TABLE(Type.TABLE),
    DECLARATIONS_TABLE(Type.TABLE),
    PASSES_TABLE(Type.TABLE),
    PASSAGES_TABLE(Type.TABLE),
    CHECKPOINTS_TABLE(Type.TABLE),
    CASES_TABLE(Type.TABLE),
    /** Residents' health status, history and vaccination doses. */
    HEALTH_TABLE(Type.TABLE),
    /** Vaccination sites, their slots' counters, deliveries and appointments. */
    VACCINATION_TABLE(Type.TABLE),
    /** Venues, their stays and who is inside now. */
    VENUES_TABLE(Type.TABLE),
    /** Minutes around an IN without OUT that a venue stay lasts, for tracing. */
    VENUE_CONTACT_MINUTES(Type.INT, "30"),
    /** Notices to traced contacts (one per contact and case) and the local outbox. */
    NOTICES_TABLE(Type.TABLE),
    /** Queue of contacts to tell, and its dead-letter queue. */
    NOTICES_QUEUE_URL(Type.QUEUE_URL),
    NOTICES_DLQ_URL(Type.QUEUE_URL),
    /** How notices leave: {@code sns} (SMS through Amazon SNS) or {@code outbox} (the local runtime's GET /dev/outbox). */
    NOTICE_CHANNEL(Type.TEXT, "sns"),
    /** Days an F1 is quarantined from the contact. */
    F1_QUARANTINE_DAYS(Type.DAYS, "14"),
    /** Days an F1 is monitored after quarantine. */
    F1_MONITORING_DAYS(Type.DAYS, "7"),
    /** Days an F2 or F3 is monitored from the contact. */
    CONTACT_MONITORING_DAYS(Type.DAYS, "7"),
    /** Days a recovered F0 is shielded from F1–F3. */
    RECOVERED_DAYS(Type.DAYS, "180"),
    /** Days a health event, a dose or a health status is kept after its last change (TTL). */
    HEALTH_RETENTION_DAYS(Type.DAYS, "365"),
    /** Officials' accounts an ADMIN disabled (only those have an item). */
    ACCOUNTS_TABLE(Type.TABLE),
    /** Who looked up whose personal data. */
    AUDIT_TABLE(Type.TABLE),
    CONTACTS_TABLE(Type.TABLE),
    TRACE_WORK_TABLE(Type.TABLE),
    /** Queue of people to trace (a case's F0, then each contact to trace further). */
    TRACE_REQUESTS_QUEUE_URL(Type.QUEUE_URL),
    /** Queue of passages to probe for contacts. */
    CONTACT_PROBES_QUEUE_URL(Type.QUEUE_URL),
    /** The dead-letter queues an operator lists and redrives (DeadLetters). */
    TRACE_REQUESTS_DLQ_URL(Type.QUEUE_URL),
    CONTACT_PROBES_DLQ_URL(Type.QUEUE_URL),
    /** How many hops tracing follows: 2 = F1 and F2, 3 adds F3. */
    TRACE_MAX_DEPTH(Type.INT, "2"),
    /** Minutes an open trace unit's message may wait before the sweeper sends it again. */
    TRACE_SWEEP_AFTER_MINUTES(Type.INT, "10"),
    /** Ward feeds: departures, arrivals and contacts per ward per day. */
    WARD_FEED_TABLE(Type.TABLE),
    /** Sharded daily counters per administrative unit (reports). */
    DAILY_COUNTERS_TABLE(Type.TABLE),
    /** Anti-enumeration: rejections per subject per 24 h window, and refusal records (both with TTL). */
    ATTEMPT_LIMITS_TABLE(Type.TABLE),
    /** The bucket analysts' exports are written to. */
    EXPORTS_BUCKET(Type.BUCKET),
    /** Secret of the HMAC-SHA256 pseudonyms in exports (Secrets Manager / SSM in AWS, generated locally). */
    EXPORT_PSEUDONYM_SECRET(Type.SECRET),
    /** Optional S3 endpoint override (the embedded runtime's S3 server); falls back to AWS_ENDPOINT_URL. */
    S3_ENDPOINT_URL(Type.URI, null),
    /** SQS's endpoint when it is not AWS_ENDPOINT_URL's (a machine with DynamoDB and SQS on separate ports); unset on AWS. */
    SQS_ENDPOINT_URL(Type.URI, null),
    /** Base64 32-byte Ed25519 seed of the active pass-signing key. */
    PASS_SIGNING_SEED(Type.SECRET),
    /** JWKS JSON of extra public keys still accepted after a rotation; empty when there are none. */
    PASS_VERIFICATION_KEYS(Type.TEXT, ""),
    /** Base64 256-bit AES key sealing scan ids. */
    SCAN_KEY(Type.SECRET),
    /** Base64 AES-256 key sealing page tokens (shared/page/PageTokens). */
    PAGE_TOKEN_KEY(Type.SECRET),
    /**
     * Seconds a built revocation list ({@code GET /v1/passes/revocations}) is served before it is read again, per function
     * instance; also its {@code Cache-Control: max-age}. 0: read on every request.
     */
    REVOCATION_LIST_MAX_AGE_SECONDS(Type.INT, "60"),
    /** Base64 secret (>= 16 bytes) the offline health list's daily keys per province are derived from (HMAC-SHA256). */
    HEALTH_LIST_SECRET(Type.SECRET),
    /** Days a declaration or passage (and what is derived from them) is kept (TTL). */
    DECLARATION_RETENTION_DAYS(Type.DAYS, "30"),
    /** Optional endpoint override (LocalStack, moto, the embedded runtime). */
    AWS_ENDPOINT_URL(Type.URI, null),
    /** Where metrics go: {@code emf} (CloudWatch EMF lines, Lambda), {@code memory} (the local runtime), {@code off}. */
    METRICS(Type.TEXT, "emf"),
    /** The CloudWatch namespace of the metrics (Powertools' own variable). */
    POWERTOOLS_METRICS_NAMESPACE(Type.TEXT, "MovePass"),
    /** The {@code service} of every log line and the {@code Service} dimension of every metric. */
    POWERTOOLS_SERVICE_NAME(Type.TEXT, "movepass"),
    /** Green lane: vehicle permits. */
    VEHICLE_PERMITS_TABLE(Type.TABLE),
    /** Green lane: drivers' test results. */
    DRIVER_TESTS_TABLE(Type.TABLE),
    /** Green lane: registered shippers and their codes. */
    SHIPPERS_TABLE(Type.TABLE),
    /** Policy support (Resolution 68): cases, their one-per-citizen-per-policy guards, history and report counters. */
    SUPPORT_TABLE(Type.TABLE),
    /** Days a support case and its history are kept after its last change (TTL): payment records, five years. */
    SUPPORT_RETENTION_DAYS(Type.DAYS, "1825");

    /** What a key's value is, and so which accessor of {@link Environment} reads it. */
    public enum Type {
        /** A DynamoDB table's name ({@link Environment#require}). */
        TABLE,
        /** An SQS queue's URL ({@link Environment#require}). */
        QUEUE_URL,
        /** An S3 bucket's name ({@link Environment#require}). */
        BUCKET,
        /** Key material or another secret, never logged ({@link Environment#require}). */
        SECRET,
        /** Free text ({@link Environment#require}). */
        TEXT,
        /** A whole number ({@link Environment#integer}). */
        INT,
        /** A whole number of days ({@link Environment#duration}). */
        DAYS,
        /** An endpoint; may be unset ({@link Environment#uri}). */
        URI;

        boolean isText() {
            return this == TABLE || this == QUEUE_URL || this == BUCKET || this == SECRET || this == TEXT;
        }
    }

    private final Type type;
    private final boolean required;
    private final String defaultValue;

    /** A key the template must set. */
    EnvKey(Type type) {
        this.type = type;
        this.required = true;
        this.defaultValue = null;
    }

    /** A key that may be unset: then {@code defaultValue} applies (none when null). */
    EnvKey(Type type, String defaultValue) {
        this.type = type;
        this.required = false;
        this.defaultValue = defaultValue;
    }

    public Type type() {
        return type;
    }

    /** Whether the function fails at init when the key is unset (no default). */
    public boolean required() {
        return required;
    }

    /** The value that applies when the key is unset, if any. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }
}
