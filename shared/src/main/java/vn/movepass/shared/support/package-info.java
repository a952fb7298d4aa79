/**
 * Policy support under Resolution 68/NQ-CP: the policy catalogue ({@link vn.movepass.shared.support.SupportPolicy}),
 * commune officials' cases checked against the registry and the health history, one case per citizen per policy
 * nationwide (a guard item in the case's transaction), payments and reversals, ward lists and report counters. All in
 * SupportTable; see docs/support.md for the items and what the system cannot check.
 */
package vn.movepass.shared.support;
