package vn.movepass.shared.ops;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Telemetry as CloudWatch Embedded Metric Format lines on stdout, through Powertools for AWS Lambda (Java) metrics:
 * Lambda ships stdout to CloudWatch Logs, which extracts the metrics (no PutMetricData call, no latency). Each
 * metric is flushed as its own line with its own dimension set, under the {@code Service} dimension.
 */
public final class EmfTelemetry implements Telemetry {
    private static final Logger LOG = LoggerFactory.getLogger(EmfTelemetry.class);
    private final Metrics metrics;
    private final String namespace;
    private final String service;

    public EmfTelemetry(String namespace, String service) {
        this.metrics = MetricsFactory.getMetricsInstance();
        this.namespace = namespace;
        this.service = service;
    }

    @Override
    public void count(Metric metric, long n) {
        emit(metric, n, MetricUnit.COUNT, DimensionSet.of("Service", service));
    }

    @Override
    public void count(Metric metric, String dimension, Enum<?> value, long n) {
        emit(metric, n, MetricUnit.COUNT, DimensionSet.of("Service", service, dimension, value.name()));
    }

    @Override
    public void time(Metric metric, Duration duration) {
        emit(metric, duration.toMillis(), MetricUnit.MILLISECONDS, DimensionSet.of("Service", service));
    }

    private void emit(Metric metric, double value, MetricUnit unit, DimensionSet dimensions) {
        try {
            metrics.flushSingleMetric(metric.cloudWatchName(), value, unit, namespace, dimensions);
        } catch (RuntimeException e) {
            LOG.warn("metric {} not emitted: {}", metric, e.getClass().getSimpleName());
        }
    }
}
