/**
 * Venues (supermarkets, pharmacies, markets…): created by an admin or the ward police, each with a signed poster
 * QR ({@code MPV1:}); check-ins by the venue's phone or by the citizen scanning the poster; who is inside now; the
 * stays that tracing overlaps ({@link vn.movepass.shared.venue.VenueService}, {@link vn.movepass.shared.venue.Visits}).
 */
package vn.movepass.shared.venue;
