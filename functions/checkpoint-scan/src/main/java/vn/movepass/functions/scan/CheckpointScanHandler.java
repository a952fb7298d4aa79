package vn.movepass.functions.scan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.scan.OfflinePassageService;
import vn.movepass.shared.scan.ScanParser;
import vn.movepass.shared.scan.ScanService;

/** Checkpoint officers' scans and their confirmations (passages), online or sent later from an offline phone. */
public final class CheckpointScanHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpRoutes routes;

    public CheckpointScanHandler() {
        this(Platform.fromSystem());
    }

    public CheckpointScanHandler(Platform platform) {
        this(ScanService.create(platform), OfflinePassageService.create(platform), Accounts.create(platform));
    }

    CheckpointScanHandler(ScanService scans, OfflinePassageService offline, AccountCheck accounts) {
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .get("/v1/checkpoints/{checkpointId}", request -> {
                    var officer = request.principal();
                    String checkpointId = request.pathId("checkpointId", IdKind.CHECKPOINT);
                    Access.requireOfficerAt(officer, checkpointId);
                    return HttpResponse.json(200, scans.checkpoint(checkpointId));
                })
                .post("/v1/checkpoints/{checkpointId}/scans", request -> {
                    // the account is checked inside the scan's one BatchGetItem, with the checkpoint
                    var officer = request.claimedPrincipal();
                    String checkpointId = request.pathId("checkpointId", IdKind.CHECKPOINT);
                    Access.requireOfficerAt(officer, checkpointId);
                    return HttpResponse.json(200, scans.scan(checkpointId, officer, ScanParser.scan(request.jsonBody())));
                })
                .post("/v1/checkpoints/{checkpointId}/passages", request -> {
                    var officer = request.principal();
                    String checkpointId = request.pathId("checkpointId", IdKind.CHECKPOINT);
                    Access.requireOfficerAt(officer, checkpointId);
                    Access.refuseCamera(officer);
                    var confirmed = scans.confirm(checkpointId, officer, ScanParser.confirm(request.jsonBody()));
                    return HttpResponse.json(confirmed.created() ? 201 : 200, Map.of("passageId", confirmed.passageId()));
                })
                .post("/v1/checkpoints/{checkpointId}/offline-passages", request -> {
                    var officer = request.principal();
                    String checkpointId = request.pathId("checkpointId", IdKind.CHECKPOINT);
                    Access.requireOfficerAt(officer, checkpointId);
                    Access.refuseCamera(officer);
                    var recorded = offline.record(checkpointId, officer, ScanParser.offline(request.jsonBody()));
                    return HttpResponse.json(recorded.created() ? 201 : 200, Map.of("passageId", recorded.passageId()));
                })
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
