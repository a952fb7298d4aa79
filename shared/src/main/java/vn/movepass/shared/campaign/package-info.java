/**
 * Vaccination campaigns: sites and their deliveries (health officials of the province), citizens' bookings into slots
 * that never hold more bookings than their places, cancellations, and the site's check-in of the person in front of
 * the vaccinator. All in VaccinationTable; see docs/vaccination.md for the items.
 */
package vn.movepass.shared.campaign;
