package vn.movepass.functions.greenlane;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.greenlane.DriverTestService;
import vn.movepass.shared.greenlane.PermitService;
import vn.movepass.shared.greenlane.ShipperService;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.http.QueryParams;

/** Green lane (luồng xanh): vehicle permits, drivers' tests, shippers, and their checkpoint scans. */
public final class GreenLaneHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Map<String, String> IMAGE = Map.of("cache-control", "private, max-age=300");
    private final HttpRoutes routes;

    public GreenLaneHandler() {
        this(Platform.fromSystem());
    }

    public GreenLaneHandler(Platform platform) {
        this(DriverTestService.create(platform), platform);
    }

    private GreenLaneHandler(DriverTestService tests, Platform platform) {
        this(PermitService.create(platform, tests), tests, ShipperService.create(platform), Accounts.create(platform));
    }

    GreenLaneHandler(PermitService permits, DriverTestService tests, ShipperService shippers,
                     AccountCheck accounts) {
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .post("/v1/green-lane/permits", r -> HttpResponse.json(201, permits.register(r.principal(), r.jsonBody())))
                .get("/v1/green-lane/permits/{permitId}", r -> HttpResponse.json(200,
                        permits.get(r.principal(), r.pathParameter("permitId"))))
                .post("/v1/green-lane/permits/{permitId}/revoke", r -> HttpResponse.json(200,
                        permits.revoke(r.principal(), r.pathParameter("permitId"), r.jsonBody())))
                .get("/v1/green-lane/permits/{permitId}/qr.png", r -> HttpResponse.binary(200, "image/png",
                        permits.png(r.pathParameter("permitId"),
                                QueryParams.intParam(r, "size", PermitService.DEFAULT_PNG_SIZE)), IMAGE))
                .get("/v1/green-lane/permits/{permitId}/qr.svg", r -> HttpResponse.text(200, "image/svg+xml",
                        permits.svg(r.pathParameter("permitId")), IMAGE))
                .post("/v1/green-lane/driver-tests", r -> HttpResponse.json(201,
                        tests.recordByHealthOfficial(r.principal(), r.jsonBody())))
                .post("/v1/checkpoints/{checkpointId}/driver-tests", r -> HttpResponse.json(201,
                        tests.recordAtCheckpoint(r.principal(), r.pathParameter("checkpointId"), r.jsonBody())))
                .post("/v1/checkpoints/{checkpointId}/vehicle-scans", r -> HttpResponse.json(200,
                        permits.scan(r.principal(), r.pathParameter("checkpointId"), r.jsonBody())))
                .post("/v1/green-lane/shippers", r -> HttpResponse.json(201, shippers.register(r.principal(), r.jsonBody())))
                .post("/v1/green-lane/shippers/{shipperCode}/suspend", r -> HttpResponse.json(200,
                        shippers.suspend(r.principal(), r.pathParameter("shipperCode"), r.jsonBody())))
                .post("/v1/checkpoints/{checkpointId}/shipper-scans", r -> HttpResponse.json(200,
                        shippers.scan(r.principal(), r.pathParameter("checkpointId"), r.jsonBody())))
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event);
    }
}
