package vn.movepass.functions.feed;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.feed.WardFeedService;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.http.QueryParams;

/** Ward police's feed of their ward's day: departures, arrivals, contacts. */
public final class WardFeedHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpRoutes routes;

    public WardFeedHandler() {
        this(Platform.fromSystem());
    }

    public WardFeedHandler(Platform platform) {
        this(WardFeedService.create(platform), Accounts.create(platform));
    }

    WardFeedHandler(WardFeedService feeds, AccountCheck accounts) {
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .get("/v1/wards/{wardCode}/feed", request -> {
                    int limit = QueryParams.intParam(request, "limit", WardFeedService.DEFAULT_LIMIT, 1, WardFeedService.MAX_LIMIT);
                    var page = feeds.page(request.principal(), request.pathId("wardCode", IdKind.WARD),
                            request.query("date").orElse(null), request.query("pageToken").orElse(null), limit);
                    var body = new java.util.LinkedHashMap<String, Object>();
                    body.put("items", page.items());
                    body.put("nextPageToken", page.nextPageToken());
                    return HttpResponse.json(200, body);
                })
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
