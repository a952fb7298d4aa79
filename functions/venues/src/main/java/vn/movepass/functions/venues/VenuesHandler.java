package vn.movepass.functions.venues;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.http.QueryParams;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.venue.VenueParser;
import vn.movepass.shared.venue.VenueService;

/** Venues: creation, the poster, check-ins by the venue's phone or by the citizen, who is inside now. */
public final class VenuesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** A poster never changes while its venue exists: cached a day. */
    private static final Map<String, String> IMAGE = Map.of("cache-control", "public, max-age=86400");
    private static final int DEFAULT_PNG_SIZE = 512;

    private final HttpRoutes routes;

    public VenuesHandler() {
        this(Platform.fromSystem());
    }

    public VenuesHandler(Platform platform) {
        this(VenueService.create(platform), new VenueParser(AdministrativeUnits.get()), Accounts.create(platform));
    }

    VenuesHandler(VenueService venues, VenueParser parser, AccountCheck accounts) {
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .post("/v1/admin/venues", r -> HttpResponse.json(201, venues.create(r.principal(), parser.venue(r.jsonBody()))))
                .get("/v1/venues/{venueId}", r -> HttpResponse.json(200, venues.venue(r.pathId("venueId", IdKind.VENUE))))
                .get("/v1/venues/{venueId}/poster.png", r -> HttpResponse.binary(200, "image/png",
                        venues.posterPng(r.pathId("venueId", IdKind.VENUE), QueryParams.intParam(r, "size", DEFAULT_PNG_SIZE)),
                        IMAGE))
                .get("/v1/venues/{venueId}/poster.svg", r -> HttpResponse.text(200, "image/svg+xml",
                        venues.posterSvg(r.pathId("venueId", IdKind.VENUE)), IMAGE))
                .post("/v1/venues/{venueId}/check-ins", r -> {
                    String venueId = r.pathId("venueId", IdKind.VENUE);
                    var checkIn = venues.operatorCheckIn(r.principal(), venueId, parser.scan(r.jsonBody()));
                    return HttpResponse.json(checkIn.checkInId() == null ? 200 : 201, checkIn);
                })
                .get("/v1/venues/{venueId}/inside", r -> HttpResponse.json(200,
                        venues.inside(r.principal(), r.pathId("venueId", IdKind.VENUE))))
                .post("/v1/check-ins", r -> {
                    var checkIn = venues.selfCheckIn(parser.selfCheckIn(r.jsonBody()));
                    return HttpResponse.json(checkIn.checkInId() == null ? 200 : 201, checkIn);
                })
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
