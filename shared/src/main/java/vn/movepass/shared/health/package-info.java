/**
 * Health status: a resident's F-status lifecycle and vaccination, derived from an append-only history of events
 * ({@link vn.movepass.shared.health.HealthRules}) into a {@link vn.movepass.shared.health.HealthSnapshot} that is
 * stored once per resident and copied onto their live passes, and judged against the clock at read time
 * ({@link vn.movepass.shared.health.Health#of}).
 */
package vn.movepass.shared.health;
