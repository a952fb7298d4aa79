/**
 * MovePass pass tokens: the signed, offline-verifiable payload carried in a citizen's QR pass,
 * the Ed25519 key set that signs it, the human-typable fallback {@link vn.movepass.shared.pass.ShortCode},
 * and QR rendering.
 *
 * <p>The wire format is specified in {@code docs/qr-format.md}; the test vectors in that document are
 * checked against this code by {@code QrFormatDocTest}.
 *
 * <p>No class in this package draws randomness during class initialisation (SnapStart-safe): callers
 * pass a {@link java.security.SecureRandom} or random bytes in.
 */
package vn.movepass.shared.pass;
