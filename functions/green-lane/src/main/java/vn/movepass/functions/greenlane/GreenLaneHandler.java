package vn.movepass.functions.greenlane;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.auth.Role;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.greenlane.DriverTestService;
import vn.movepass.shared.greenlane.GreenLaneAccess;
import vn.movepass.shared.greenlane.GreenLaneParser;
import vn.movepass.shared.greenlane.PermitService;
import vn.movepass.shared.greenlane.ShipperService;
import vn.movepass.shared.greenlane.VehicleScanService;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.http.QueryParams;
import vn.movepass.shared.json.ReasonInput;

/**
 * Green lane (luồng xanh): vehicle permits, drivers' tests, shippers, their checkpoint scans and the depot check. Each route reads the
 * caller and the body, checks the caller's role before the body's fields (so a stranger learns nothing of the
 * fields), parses the body into its request, and makes one service call.
 */
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
        this(PermitService.create(platform), tests, VehicleScanService.create(platform, tests), ShipperService.create(platform),
                GreenLaneParser.create(platform), Accounts.create(platform));
    }

    GreenLaneHandler(PermitService permits, DriverTestService tests, VehicleScanService vehicles, ShipperService shippers,
                     GreenLaneParser parser, AccountCheck accounts) {
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .post("/v1/green-lane/permits", r -> {
                    var official = r.principal();
                    var body = r.jsonBody();
                    GreenLaneAccess.requireManager(official);
                    return HttpResponse.json(201, permits.register(official, parser.permit(body)));
                })
                .get("/v1/green-lane/permits/{permitId}", r -> HttpResponse.json(200,
                        permits.get(r.principal(), r.pathId("permitId", IdKind.PERMIT))))
                .post("/v1/green-lane/permits/{permitId}/revoke", r -> {
                    var official = r.principal();
                    var body = r.jsonBody();
                    GreenLaneAccess.requireManager(official);
                    return HttpResponse.json(200, permits.revoke(official, r.pathId("permitId", IdKind.PERMIT), ReasonInput.parse(body)));
                })
                .get("/v1/green-lane/permits/{permitId}/qr.png", r -> HttpResponse.binary(200, "image/png",
                        permits.png(r.pathId("permitId", IdKind.PERMIT),
                                QueryParams.intParam(r, "size", PermitService.DEFAULT_PNG_SIZE)), IMAGE))
                .get("/v1/green-lane/permits/{permitId}/qr.svg", r -> HttpResponse.text(200, "image/svg+xml",
                        permits.svg(r.pathId("permitId", IdKind.PERMIT)), IMAGE))
                .post("/v1/green-lane/driver-tests", r -> {
                    var official = r.principal();
                    var body = r.jsonBody();
                    Access.requireRole(official, Role.HEALTH_OFFICIAL);
                    return HttpResponse.json(201, tests.recordByHealthOfficial(official, parser.driverTest(body)));
                })
                .post("/v1/checkpoints/{checkpointId}/driver-tests", r -> {
                    var officer = r.principal();
                    String checkpointId = r.pathId("checkpointId", IdKind.CHECKPOINT);
                    var body = r.jsonBody();
                    Access.requireOfficerAt(officer, checkpointId);
                    return HttpResponse.json(201, tests.recordAtCheckpoint(officer, checkpointId, parser.driverTest(body)));
                })
                .post("/v1/checkpoints/{checkpointId}/vehicle-scans", r -> {
                    var officer = r.principal();
                    String checkpointId = r.pathId("checkpointId", IdKind.CHECKPOINT);
                    var body = r.jsonBody();
                    Access.requireOfficerAt(officer, checkpointId);
                    return HttpResponse.json(200, vehicles.scan(officer, checkpointId, parser.vehicleScan(body)));
                })
                .post("/v1/green-lane/shippers", r -> {
                    var official = r.principal();
                    var body = r.jsonBody();
                    GreenLaneAccess.requireManager(official);
                    return HttpResponse.json(201, shippers.register(official, parser.shipper(body)));
                })
                .post("/v1/green-lane/shippers/{shipperCode}/suspend", r -> {
                    var official = r.principal();
                    var body = r.jsonBody();
                    GreenLaneAccess.requireManager(official);
                    return HttpResponse.json(200, shippers.suspend(official, r.pathId("shipperCode", IdKind.SHIPPER),
                            ReasonInput.parse(body)));
                })
                .post("/v1/checkpoints/{checkpointId}/shipper-scans", r -> {
                    var officer = r.principal();
                    String checkpointId = r.pathId("checkpointId", IdKind.CHECKPOINT);
                    var body = r.jsonBody();
                    Access.requireOfficerAt(officer, checkpointId);
                    return HttpResponse.json(200, shippers.scan(officer, checkpointId, parser.shipperScan(body)));
                })
                // ---- depot check before departure (issue 20, vehicles)
                .post("/v1/wards/{wardCode}/depot-checks", r -> {
                    var police = r.principal();
                    String wardCode = r.pathId("wardCode", IdKind.WARD);
                    var body = r.jsonBody();
                    GreenLaneAccess.requireWardPolice(police, wardCode);
                    return HttpResponse.json(200, vehicles.depotCheck(police, wardCode, parser.vehicleScan(body)));
                })
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
