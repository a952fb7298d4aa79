package vn.movepass.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AWS::Serverless::HttpApi. {@code stageName} is raw (often {@code {"Ref": "Stage"}}).
 * {@code defaultAuthorizer} is null when none is set.
 */
public record HttpApiDef(String logicalId, Object stageName, String defaultAuthorizer,
                         Map<String, JwtAuthorizerDef> authorizers) {
    public HttpApiDef {
        authorizers = Collections.unmodifiableMap(new LinkedHashMap<>(authorizers));
    }

    /**
     * A JWT authorizer. {@code issuer} and the {@code audience} entries are raw values (resolve them with
     * {@link ValueResolver}).
     */
    public record JwtAuthorizerDef(String name, String identitySource, Object issuer,
                                   java.util.List<Object> audience) {
        public JwtAuthorizerDef {
            audience = Collections.unmodifiableList(new java.util.ArrayList<>(audience));
        }
    }
}
