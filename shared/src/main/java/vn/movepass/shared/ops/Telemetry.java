package vn.movepass.shared.ops;

import java.time.Duration;

/**
 * What services count and time for operators. A dimension's value is an enum constant, so no ward, citizen or id
 * can ever become a dimension (CloudWatch bills and slows by dimension cardinality; ids are personal data).
 * Implementations never throw: telemetry must not fail a request.
 */
public interface Telemetry {
    /** Adds {@code n} to the metric, without dimension. */
    void count(Metric metric, long n);

    /** Adds {@code n} to the metric under {@code dimension = value}. */
    void count(Metric metric, String dimension, Enum<?> value, long n);

    /** Adds one to the metric under {@code dimension = value}. */
    default void count(Metric metric, String dimension, Enum<?> value) {
        count(metric, dimension, value, 1);
    }

    /** Records a duration (milliseconds). */
    void time(Metric metric, Duration duration);

    default void count(Metric metric) {
        count(metric, 1);
    }

    /** Counts nothing (unit tests; {@code METRICS=off}). */
    Telemetry NONE = new Telemetry() {
        @Override
        public void count(Metric metric, long n) {
        }

        @Override
        public void count(Metric metric, String dimension, Enum<?> value, long n) {
        }

        @Override
        public void time(Metric metric, Duration duration) {
        }
    };
}
