package vn.movepass.functions.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import vn.movepass.shared.admin.AdminService;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.http.Access;
import vn.movepass.shared.http.ApiException;
import vn.movepass.shared.http.HttpRequest;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.http.QueryParams;
import vn.movepass.shared.http.Role;

/** Registry import and checkpoint administration; every route needs the ADMIN role. */
public final class AdminHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Lambda's synchronous payload limit is 6 MB; larger registries go through {@code import-registry}. */
    static final int MAX_CSV_BODY = 6 * 1024 * 1024;
    private final HttpRoutes routes;

    public AdminHandler() {
        this(Platform.fromSystem());
    }

    public AdminHandler(Platform platform) {
        this(AdminService.create(platform));
    }

    AdminHandler(AdminService admin) {
        this.routes = HttpRoutes.builder()
                .post("/v1/admin/residents", request -> {
                    requireAdmin(request);
                    request.requireContentType("text/csv");
                    byte[] body = request.body();
                    if (body.length > MAX_CSV_BODY) {
                        throw new ApiException(413, "Payload too large", "the CSV is over 6 MB; split it or use import-registry");
                    }
                    var reader = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
                    return HttpResponse.json(200, admin.importResidents(reader));
                })
                .post("/v1/admin/checkpoints", request -> {
                    requireAdmin(request);
                    return HttpResponse.json(201, admin.createCheckpoint(request.jsonBody()));
                })
                .get("/v1/admin/checkpoints", request -> {
                    requireAdmin(request);
                    return HttpResponse.json(200, admin.listCheckpoints(request.query("pageToken").orElse(null),
                            QueryParams.intParam(request, "limit", 100, 1, 500)));
                })
                .build();
    }

    private static void requireAdmin(HttpRequest request) {
        Access.requireRole(request.principal(), Role.ADMIN);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event);
    }
}
