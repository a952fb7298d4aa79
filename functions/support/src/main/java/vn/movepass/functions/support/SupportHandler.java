package vn.movepass.functions.support;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.http.ApiException;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.json.ReasonInput;
import vn.movepass.shared.support.SupportImport;
import vn.movepass.shared.support.SupportParser;
import vn.movepass.shared.support.SupportService;

/** Policy support (Resolution 68): the catalogue, a ward's cases (one by one or CSV), payments, lists and reports. */
public final class SupportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Lambda's synchronous payload limit is 6 MB; a larger file goes through the CLI's import-support. */
    static final int MAX_CSV_BODY = 6 * 1024 * 1024;
    private final HttpRoutes routes;

    public SupportHandler() {
        this(Platform.fromSystem());
    }

    public SupportHandler(Platform platform) {
        this(SupportService.create(platform), new SupportParser(platform.clock()), Accounts.create(platform));
    }

    SupportHandler(SupportService support, SupportParser parser, AccountCheck accounts) {
        SupportImport imports = new SupportImport(support, parser);
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .get("/v1/support/policies", request -> {
                    request.principal();
                    return HttpResponse.json(200, SupportService.policies());
                })
                .post("/v1/wards/{wardCode}/support-cases", request -> {
                    String ward = request.pathId("wardCode", IdKind.WARD);
                    return HttpResponse.json(201, support.create(request.principal(), ward, parser.caseRequest(request.jsonBody())));
                })
                .post("/v1/wards/{wardCode}/support-cases/import", request -> {
                    String ward = request.pathId("wardCode", IdKind.WARD);
                    var principal = request.principal();
                    request.requireContentType("text/csv");
                    byte[] body = request.body();
                    if (body.length > MAX_CSV_BODY) {
                        throw new ApiException(413, "Payload too large", "the CSV is over 6 MB; split it or use import-support");
                    }
                    var reader = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
                    return HttpResponse.json(200, imports.importCsv(principal, ward, reader, null));
                })
                .get("/v1/wards/{wardCode}/support-cases", request -> HttpResponse.json(200, support.list(request.principal(),
                        request.pathId("wardCode", IdKind.WARD), request.query("status").orElse(null),
                        request.query("policyId").orElse(null), request.query("pageToken").orElse(null))))
                .get("/v1/support-cases/{supportCaseId}", request -> HttpResponse.json(200,
                        support.get(request.principal(), request.pathId("supportCaseId", IdKind.SUPPORT_CASE))))
                .post("/v1/support-cases/{supportCaseId}/payments", request -> {
                    String id = request.pathId("supportCaseId", IdKind.SUPPORT_CASE);
                    return HttpResponse.json(201, support.pay(request.principal(), id, parser.payment(request.jsonBody())));
                })
                .post("/v1/support-cases/{supportCaseId}/payments/reversal", request -> {
                    String id = request.pathId("supportCaseId", IdKind.SUPPORT_CASE);
                    var principal = request.principal();
                    return HttpResponse.json(200, support.reverse(principal, id, ReasonInput.parse(request.jsonBody()).text()));
                })
                .get("/v1/reports/support", request -> HttpResponse.json(200,
                        support.report(request.principal(), request.query("unit").orElse(null))))
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
