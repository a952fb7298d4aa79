/** Page tokens: the position in a list, sealed so that a client can neither read, forge nor move it elsewhere. */
package vn.movepass.shared.page;
