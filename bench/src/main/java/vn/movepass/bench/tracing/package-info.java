/** The tracing bench: a synthetic city, the tracing rule worked out in memory, and the crash-and-restart variant. */
package vn.movepass.bench.tracing;
