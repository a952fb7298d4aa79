/** What exists only locally: {@code /health}, the {@code /dev/*} endpoints and the dev clock they move. */
package vn.movepass.local.dev;
