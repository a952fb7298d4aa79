/** The local API Gateway: HTTP to payload 2.0 events, route matching, the JWT authorizer and issuer, the static site. */
package vn.movepass.local.gateway;
