/** Demo data ({@code --demo}) and the synthetic population registry; never part of a Lambda zip. */
package vn.movepass.local.demo;
