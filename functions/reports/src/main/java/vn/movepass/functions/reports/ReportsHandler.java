package vn.movepass.functions.reports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.report.ReportService;

/** Daily reports and vaccination coverage per administrative unit, for officials within their scope. */
public final class ReportsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpRoutes routes;

    public ReportsHandler() {
        this(Platform.fromSystem());
    }

    public ReportsHandler(Platform platform) {
        this(ReportService.create(platform), Accounts.create(platform));
    }

    ReportsHandler(ReportService reports, AccountCheck accounts) {
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .get("/v1/reports/daily", request -> HttpResponse.json(200, reports.daily(request.principal(),
                        request.query("date").orElse(null), request.query("unit").orElse(null))))
                .get("/v1/reports/vaccination", request -> HttpResponse.json(200, reports.vaccination(request.principal(),
                        request.query("date").orElse(null), request.query("unit").orElse(null))))
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
