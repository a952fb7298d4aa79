package vn.movepass.functions.cases;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.http.HttpRequest;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.trace.CaseParser;
import vn.movepass.shared.trace.CaseService;
import vn.movepass.shared.trace.CitizenLookupService;

/** Cases (F0 → tracing), a citizen's movements and classification: health officials only. */
public final class CasesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpRoutes routes;

    public CasesHandler() {
        this(Platform.fromSystem());
    }

    public CasesHandler(Platform platform) {
        this(CaseService.create(platform), CitizenLookupService.create(platform), new CaseParser(platform.clock()),
                Accounts.create(platform));
    }

    CasesHandler(CaseService cases, CitizenLookupService citizens, CaseParser parser, AccountCheck accounts) {
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .post("/v1/cases", request -> {
                    var official = official(request);
                    return HttpResponse.json(202, cases.open(official, parser.parse(request.jsonBody())));
                })
                .get("/v1/cases/{caseId}", request -> {
                    return HttpResponse.json(200, cases.view(official(request), request.pathId("caseId", IdKind.CASE),
                            request.query("pageToken").orElse(null)));
                })
                .get("/v1/citizens/{citizenId}/movements", request -> {
                    return HttpResponse.json(200, citizens.movements(official(request), request.pathId("citizenId", IdKind.CITIZEN),
                            request.query("from").orElse(null), request.query("to").orElse(null)));
                })
                .get("/v1/citizens/{citizenId}/status", request -> {
                    return HttpResponse.json(200, citizens.status(official(request), request.pathId("citizenId", IdKind.CITIZEN)));
                })
                .build();
    }

    private static Principal official(HttpRequest request) {
        Principal principal = request.principal();
        Access.requireRole(principal, Role.HEALTH_OFFICIAL);
        return principal;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
