/**
 * Operations: what the functions count and time for operators ({@link vn.movepass.shared.ops.Telemetry}), as
 * CloudWatch Embedded Metric Format lines in Lambda and as in-memory counters in the local runtime.
 */
package vn.movepass.shared.ops;
