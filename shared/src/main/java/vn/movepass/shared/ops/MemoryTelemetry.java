package vn.movepass.shared.ops;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Telemetry kept in memory, one set of counters per JVM: the local runtime's functions all write here and
 * {@code GET /dev/metrics} reads it. Keys are {@code Name} or {@code Name{Dimension=VALUE}}; a duration adds to
 * {@code Name.count} and {@code Name.totalMs}.
 */
public final class MemoryTelemetry implements Telemetry {
    public static final MemoryTelemetry SHARED = new MemoryTelemetry();

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void count(Metric metric, long n) {
        add(metric.cloudWatchName(), n);
    }

    @Override
    public void count(Metric metric, String dimension, Enum<?> value, long n) {
        add(metric.cloudWatchName() + "{" + dimension + "=" + value.name() + "}", n);
    }

    @Override
    public void time(Metric metric, Duration duration) {
        add(metric.cloudWatchName() + ".count", 1);
        add(metric.cloudWatchName() + ".totalMs", duration.toMillis());
    }

    private void add(String key, long n) {
        counts.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    /** Every counter, sorted by key. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
