package vn.movepass.functions.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.admin.AdminService;
import vn.movepass.shared.admin.CheckpointParser;
import vn.movepass.shared.admin.ProvincePolicy;
import vn.movepass.shared.admin.ProvincePolicyService;
import vn.movepass.shared.audit.AuditLog;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Reason;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.http.ApiException;
import vn.movepass.shared.http.HttpRequest;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.http.QueryParams;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.json.ReasonInput;
import vn.movepass.shared.ops.DeadLetters;

/**
 * Registry import, checkpoints, officials' accounts and the audit trail (role ADMIN), and province policies (ADMIN, or a
 * health official of the province).
 */
public final class AdminHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Lambda's synchronous payload limit is 6 MB; larger registries go through {@code import-registry}. */
    static final int MAX_CSV_BODY = 6 * 1024 * 1024;
    private final HttpRoutes routes;

    public AdminHandler() {
        this(Platform.fromSystem());
    }

    public AdminHandler(Platform platform) {
        this(AdminService.create(platform), new CheckpointParser(AdministrativeUnits.get()), Accounts.create(platform),
                AuditLog.create(platform), ProvincePolicyService.create(platform), DeadLetters.create(platform));
    }

    AdminHandler(AdminService admin, CheckpointParser checkpoints, Accounts accounts, AuditLog audit,
                 ProvincePolicyService policies, DeadLetters deadLetters) {
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .get("/v1/admin/dead-letters", request -> {
                    admin(request);
                    return HttpResponse.json(200, Map.of("queues", deadLetters.list()));
                })
                .post("/v1/admin/dead-letters/{queue}/redrive", request -> {
                    admin(request);
                    return HttpResponse.json(202, deadLetters.redrive(request.pathId("queue", IdKind.QUEUE)));
                })
                .post("/v1/admin/residents", request -> {
                    admin(request);
                    request.requireContentType("text/csv");
                    byte[] body = request.body();
                    if (body.length > MAX_CSV_BODY) {
                        throw new ApiException(413, "Payload too large", "the CSV is over 6 MB; split it or use import-registry");
                    }
                    var reader = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
                    return HttpResponse.json(200, admin.importResidents(reader));
                })
                .post("/v1/admin/checkpoints", request -> {
                    admin(request);
                    return HttpResponse.json(201, admin.createCheckpoint(checkpoints.parse(request.jsonBody())));
                })
                .get("/v1/admin/checkpoints", request -> {
                    admin(request);
                    return HttpResponse.json(200, admin.listCheckpoints(request.query("pageToken").orElse(null),
                            QueryParams.intParam(request, "limit", 100, 1, 500)));
                })
                .post("/v1/admin/checkpoints/{checkpointId}/deactivate", request -> {
                    admin(request);
                    return HttpResponse.json(200, admin.setActive(request.pathId("checkpointId", IdKind.CHECKPOINT), false));
                })
                .post("/v1/admin/checkpoints/{checkpointId}/activate", request -> {
                    admin(request);
                    return HttpResponse.json(200, admin.setActive(request.pathId("checkpointId", IdKind.CHECKPOINT), true));
                })
                .post("/v1/admin/accounts/{sub}/disable", request -> {
                    Principal principal = admin(request);
                    Reason reason = ReasonInput.parse(request.jsonBody());
                    return HttpResponse.json(200, accounts.disable(request.pathId("sub", IdKind.ACCOUNT), principal, reason.text()));
                })
                .post("/v1/admin/accounts/{sub}/enable", request -> {
                    admin(request);
                    return HttpResponse.json(200, accounts.enable(request.pathId("sub", IdKind.ACCOUNT)));
                })
                .get("/v1/admin/audit", request -> {
                    admin(request);
                    return HttpResponse.json(200, audit.trail(request.query("citizenId").orElse(null),
                            request.query("pageToken").orElse(null)));
                })
                .get("/v1/admin/provinces/{provinceCode}/policy", request -> {
                    String province = request.pathId("provinceCode", IdKind.PROVINCE);
                    policyMaker(request, province);
                    return HttpResponse.json(200, policies.get(province));
                })
                .put("/v1/admin/provinces/{provinceCode}/policy", request -> {
                    String province = request.pathId("provinceCode", IdKind.PROVINCE);
                    policyMaker(request, province);
                    return HttpResponse.json(200, policies.put(province, ProvincePolicy.Change.parse(request.jsonBody())));
                })
                .build();
    }

    /** ADMIN, or a HEALTH_OFFICIAL of that province (a national one, without province_code, too). */
    private static void policyMaker(HttpRequest request, String provinceCode) {
        Principal principal = request.principal();
        Access.requireRole(principal, Role.ADMIN, Role.HEALTH_OFFICIAL);
        Access.requireProvince(principal, provinceCode);
    }

    private static Principal admin(HttpRequest request) {
        Principal principal = request.principal();
        Access.requireRole(principal, Role.ADMIN);
        return principal;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
