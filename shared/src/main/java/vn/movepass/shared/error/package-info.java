/**
 * The ways a service says no, without HTTP: {@link vn.movepass.shared.error.DomainException} and its kinds, and the
 * {@link vn.movepass.shared.error.FieldError} of invalid input. {@code shared/http/Problems} maps them to problem+json.
 */
package vn.movepass.shared.error;
