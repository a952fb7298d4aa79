/**
 * The embedded runtime: {@link vn.movepass.local.LocalRuntime} runs template.yaml on one machine (its parts in
 * {@code embedded}, {@code template}, {@code gateway}, {@code schedule}, {@code dev}); {@link vn.movepass.local.Main}
 * is its command line, with the registry commands (the benches live in the bench/ module, not here).
 */
package vn.movepass.local;
