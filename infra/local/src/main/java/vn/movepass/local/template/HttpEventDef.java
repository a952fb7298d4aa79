package vn.movepass.local.template;

/**
 * An HttpApi (or Api) event of a function. {@code method} is upper case (ANY allowed).
 * {@code authorizer} is the Auth.Authorizer named on the event, or null to use the API's DefaultAuthorizer;
 * {@code authorizerNone} is true when it is NONE. {@code apiLogicalId} is the ApiId's Ref, or null for SAM's
 * implicit API.
 */
public record HttpEventDef(String name, String method, String path, boolean authorizerNone, String authorizer,
                           String apiLogicalId) {
}
