/** The benches ({@code bench <name>}): figures against the bare work measured in the same run, no assertions. */
package vn.movepass.bench;
