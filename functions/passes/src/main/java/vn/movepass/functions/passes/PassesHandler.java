package vn.movepass.functions.passes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Map;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.http.QueryParams;
import vn.movepass.shared.json.Json;
import vn.movepass.shared.json.ReasonInput;
import vn.movepass.shared.offline.HealthListService;
import vn.movepass.shared.pass.PassService;
import vn.movepass.shared.pass.RevocationList;

/**
 * The passes: status, QR images (PNG, SVG), the JWKS that verifies pass tokens offline, revocation and the revocation
 * list and the offline health list of a province (for checkpoint phones without network), and who looked up
 * a pass holder's data (the audit read through the pass link).
 */
public final class PassesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Map<String, String> IMMUTABLE = Map.of("cache-control", "private, max-age=300");
    private final HttpRoutes routes;

    public PassesHandler() {
        this(Platform.fromSystem());
    }

    public PassesHandler(Platform platform) {
        this(PassService.create(platform), RevocationList.create(platform), HealthListService.create(platform),
                Accounts.create(platform));
    }

    PassesHandler(PassService passes, RevocationList revocations, HealthListService healthLists, AccountCheck accounts) {
        // the list is served from a snapshot up to maxAge old: the phone (private: it answers an officer's token) may keep it
        long maxAge = revocations.maxAge().toSeconds();
        Map<String, String> listCaching = Map.of("cache-control", maxAge > 0 ? "private, max-age=" + maxAge : "private, no-cache");
        // and an ETag of its entries: a phone whose copy is current (the service worker sends If-None-Match) gets 304
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .get("/v1/passes/{passId}", request -> HttpResponse.json(200, passes.view(request.pathId("passId", IdKind.PASS))))
                .get("/v1/passes/{passId}/qr.png", request -> HttpResponse.binary(200, "image/png",
                        passes.png(request.pathId("passId", IdKind.PASS),
                                QueryParams.intParam(request, "size", PassService.DEFAULT_PNG_SIZE)), IMMUTABLE))
                .get("/v1/passes/{passId}/qr.svg", request -> HttpResponse.text(200, "image/svg+xml",
                        passes.svg(request.pathId("passId", IdKind.PASS)), IMMUTABLE))
                .get("/.well-known/jwks.json", request -> HttpResponse.text(200, "application/json", passes.jwks(),
                        Map.of("cache-control", "public, max-age=3600")))
                .get("/v1/passes/revocations", request -> {
                    var answer = revocations.current(request.principal(), request.header("If-None-Match").orElse(null));
                    Map<String, String> headers = new HashMap<>(listCaching);
                    headers.put("etag", answer.etag());
                    return answer.notModified() ? HttpResponse.text(304, HttpResponse.JSON, "", headers)
                            : HttpResponse.text(200, HttpResponse.JSON, Json.write(answer.list()), headers);
                })
                .get("/v1/provinces/{provinceCode}/health-list", request -> {
                    var answer = healthLists.current(request.principal(), request.pathId("provinceCode", IdKind.PROVINCE),
                            request.header("If-None-Match").orElse(null));
                    Map<String, String> headers = Map.of("etag", answer.etag(), "cache-control", "private, no-cache");
                    return answer.notModified() ? HttpResponse.text(304, HttpResponse.JSON, "", headers)
                            : HttpResponse.text(200, HttpResponse.JSON, Json.write(answer.list()), headers);
                })
                .get("/v1/passes/{passId}/audit", request -> HttpResponse.json(200,
                        passes.auditTrail(request.pathId("passId", IdKind.PASS), request.query("pageToken").orElse(null))))
                .post("/v1/passes/{passId}/revoke", request -> {
                    String passId = request.pathId("passId", IdKind.PASS);
                    var official = request.principal();
                    var body = request.jsonBody();
                    PassService.requireRevoker(official); // the role before the body's fields
                    return HttpResponse.json(200, passes.revoke(passId, official, ReasonInput.parse(body)));
                })
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
