/**
 * The durability benches ({@code bench store-kill}, {@code bench sqs-send}) and the child JVMs that they, the kill -9
 * tests and {@code bench tracing --crash --kill} kill.
 */
package vn.movepass.bench.durability;
