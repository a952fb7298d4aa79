package vn.movepass.functions.health;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.health.HealthEventParser;
import vn.movepass.shared.health.HealthService;
import vn.movepass.shared.health.HealthView;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.vaccination.DoseParser;
import vn.movepass.shared.vaccination.VaccinationService;

/**
 * Health events recorded by ward police and health officials, vaccine doses, a resident's health and history, a ward's
 * current list.
 */
public final class HealthHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpRoutes routes;

    public HealthHandler() {
        this(Platform.fromSystem());
    }

    public HealthHandler(Platform platform) {
        this(HealthService.create(platform), new HealthEventParser(platform.clock()), VaccinationService.create(platform),
                new DoseParser(platform.clock()), Accounts.create(platform));
    }

    HealthHandler(HealthService health, HealthEventParser parser, VaccinationService vaccinations, DoseParser doses,
                  AccountCheck accounts) {
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .post("/v1/citizens/{citizenId}/health-events", request -> {
                    var principal = request.principal();
                    String key = HealthEventParser.idempotencyKey(request.header("Idempotency-Key").orElse(null));
                    String citizenId = request.pathId("citizenId", IdKind.CITIZEN);
                    var recorded = health.record(principal, citizenId, parser.parse(request.jsonBody()), key);
                    return HttpResponse.json(recorded.repeated() ? 200 : 201, new Created(recorded.eventId(), recorded.health()));
                })
                .post("/v1/vaccinations", request -> {
                    var recorded = vaccinations.record(request.principal(), doses.parse(request.jsonBody()));
                    return HttpResponse.json(recorded.repeated() ? 200 : 201, new Dose(recorded.vaccinationId(), recorded.health()));
                })
                .get("/v1/citizens/{citizenId}/health", request -> HttpResponse.json(200, health.view(request.principal(),
                        request.pathId("citizenId", IdKind.CITIZEN), request.query("pageToken").orElse(null))))
                .get("/v1/wards/{wardCode}/health", request -> HttpResponse.json(200, health.ward(request.principal(),
                        request.pathId("wardCode", IdKind.WARD), request.query("state").orElse(null),
                        request.query("pageToken").orElse(null))))
                .build();
    }

    /** The answer to a recorded event. */
    public record Created(String eventId, HealthView health) {
    }

    /** The answer to a recorded dose. */
    public record Dose(String vaccinationId, HealthView health) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
