/**
 * Vaccine doses ({@code POST /v1/vaccinations}): checked against the registry like a declaration, judged against the
 * resident's vaccination (dose order, the product's minimum interval) and recorded with their health status in one
 * transaction through {@link vn.movepass.shared.health.HealthStore}.
 */
package vn.movepass.shared.vaccination;
