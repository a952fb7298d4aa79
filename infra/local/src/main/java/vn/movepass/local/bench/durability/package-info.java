/** The durability benches ({@code bench store-kill}, {@code bench sqs-send}) and the child JVM they kill. */
package vn.movepass.local.bench.durability;
