package vn.movepass.shared.health;

import java.time.Duration;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Environment;

/**
 * How long each state lasts (template parameters; the contract's defaults): an F1's quarantine and monitoring
 * after it, an F2's or F3's monitoring, and the recovered period.
 */
public record HealthPeriods(Duration f1Quarantine, Duration f1Monitoring, Duration contactMonitoring, Duration recovered) {
    public static final HealthPeriods DEFAULTS =
            new HealthPeriods(Duration.ofDays(14), Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(180));

    public static HealthPeriods from(Environment env) {
        return new HealthPeriods(env.duration(EnvKey.F1_QUARANTINE_DAYS), env.duration(EnvKey.F1_MONITORING_DAYS),
                env.duration(EnvKey.CONTACT_MONITORING_DAYS), env.duration(EnvKey.RECOVERED_DAYS));
    }
}
