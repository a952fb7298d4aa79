package vn.movepass.shared.config;

/**
 * The one catalogue of environment keys a MovePass function may read. The template sets them;
 * {@link Environment#require} fails fast at init when one a function needs is missing.
 */
public enum EnvKey {
    RESIDENTS_TABLE,
    DECLARATIONS_TABLE,
    PASSES_TABLE,
    PASSAGES_TABLE,
    CHECKPOINTS_TABLE,
    CLASSIFICATIONS_TABLE,
    CASES_TABLE,
    /** Officials' accounts an ADMIN disabled (only those have an item). */
    ACCOUNTS_TABLE,
    /** Who looked up whose personal data. */
    AUDIT_TABLE,
    CONTACTS_TABLE,
    TRACE_WORK_TABLE,
    /** Queue of people to trace (a case's F0, then each contact to trace further). */
    TRACE_REQUESTS_QUEUE_URL,
    /** Queue of passages to probe for contacts. */
    CONTACT_PROBES_QUEUE_URL,
    /** How many hops tracing follows: 2 = F1 and F2 (default), 3 adds F3. */
    TRACE_MAX_DEPTH,
    /** Ward feeds: departures, arrivals and contacts per ward per day. */
    WARD_FEED_TABLE,
    /** Sharded daily counters per administrative unit (reports). */
    DAILY_COUNTERS_TABLE,
    /** The bucket analysts' exports are written to. */
    EXPORTS_BUCKET,
    /** Secret of the HMAC-SHA256 pseudonyms in exports (Secrets Manager / SSM in AWS, generated locally). */
    EXPORT_PSEUDONYM_SECRET,
    /** Optional S3 endpoint override (the embedded runtime's S3 server); falls back to AWS_ENDPOINT_URL. */
    S3_ENDPOINT_URL,
    /** Base64 32-byte Ed25519 seed of the active pass-signing key. */
    PASS_SIGNING_SEED,
    /** JWKS JSON of extra public keys still accepted after a rotation; may be empty. */
    PASS_VERIFICATION_KEYS,
    /** Base64 256-bit AES key sealing scan ids. */
    SCAN_KEY,
    /** Days a declaration or passage is kept (TTL); default 30. */
    DECLARATION_RETENTION_DAYS,
    /** Optional endpoint override (LocalStack, moto, the embedded runtime). */
    AWS_ENDPOINT_URL,
    /** Green lane: vehicle permits. */
    VEHICLE_PERMITS_TABLE,
    /** Green lane: drivers' test results. */
    DRIVER_TESTS_TABLE,
    /** Green lane: registered shippers and their codes. */
    SHIPPERS_TABLE
}
