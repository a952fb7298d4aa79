package vn.movepass.functions.vaccination;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.campaign.BookingParser;
import vn.movepass.shared.campaign.CampaignService;
import vn.movepass.shared.campaign.SiteParser;
import vn.movepass.shared.campaign.SupplyPlanService;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.error.InvalidInputException;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.json.JsonInput;
import vn.movepass.shared.vaccination.CertificateParser;
import vn.movepass.shared.vaccination.CertificateService;

/**
 * Vaccination campaigns: sites and deliveries, citizens' bookings and cancellations, the site's check-in, certificates,
 * the province's supply plan.
 */
public final class VaccinationCampaignsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpRoutes routes;

    public VaccinationCampaignsHandler() {
        this(Platform.fromSystem());
    }

    public VaccinationCampaignsHandler(Platform platform) {
        this(CampaignService.create(platform), new SiteParser(platform.clock(), AdministrativeUnits.get()),
                new BookingParser(platform.clock()), CertificateService.create(platform), new CertificateParser(platform.clock()),
                SupplyPlanService.create(platform), Accounts.create(platform));
    }

    VaccinationCampaignsHandler(CampaignService campaigns, SiteParser sites, BookingParser bookings,
                                CertificateService certificates, CertificateParser certificateRequests, SupplyPlanService plans,
                                AccountCheck accounts) {
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .post("/v1/vaccination-sites", request -> HttpResponse.json(201,
                        campaigns.createSite(request.principal(), sites.site(request.jsonBody()))))
                .get("/v1/vaccination-sites", request -> HttpResponse.json(200,
                        campaigns.sites(request.query("provinceCode").orElse(null))))
                .get("/v1/vaccination-sites/{siteId}/slots", request -> HttpResponse.json(200,
                        campaigns.slots(request.pathId("siteId", IdKind.SITE), date(request.query("date").orElse(null)))))
                .post("/v1/vaccination-sites/{siteId}/deliveries", request -> {
                    String siteId = request.pathId("siteId", IdKind.SITE);
                    var delivery = sites.delivery(request.jsonBody());
                    return HttpResponse.json(201, Map.of("deliveryId", campaigns.deliver(request.principal(), siteId, delivery)));
                })
                .post("/v1/vaccination-sites/{siteId}/check-ins", request -> {
                    String siteId = request.pathId("siteId", IdKind.SITE);
                    JsonInput in = JsonInput.root(request.jsonBody());
                    in.allowOnly("code");
                    String code = in.scannedText("code", true, 2_000);
                    in.throwIfInvalid();
                    return HttpResponse.json(200, campaigns.checkIn(request.principal(), siteId, code));
                })
                .post("/v1/vaccination-appointments", request -> HttpResponse.json(201,
                        campaigns.book(bookings.parse(request.jsonBody()))))
                .get("/v1/vaccination-appointments/{appointmentId}", request -> HttpResponse.json(200,
                        campaigns.appointment(request.pathId("appointmentId", IdKind.APPOINTMENT))))
                .route("DELETE", "/v1/vaccination-appointments/{appointmentId}", request -> HttpResponse.json(200,
                        campaigns.cancel(request.pathId("appointmentId", IdKind.APPOINTMENT))))
                .post("/v1/vaccination-certificates", request -> HttpResponse.json(201,
                        certificates.issue(certificateRequests.parse(request.jsonBody()))))
                .get("/v1/vaccination-plans", request -> HttpResponse.json(200, plans.plan(request.principal(),
                        new SupplyPlanService.Query(request.query("provinceCode").orElse(null), request.query("from").orElse(null),
                                request.query("days").orElse(null),
                                "true".equals(request.query("shortfallOnly").orElse(null))))))
                .build();
    }

    private static LocalDate date(String raw) {
        if (raw == null || raw.isBlank()) {
            throw InvalidInputException.of("date", "REQUIRED", "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("date", "FORMAT", "must be a date YYYY-MM-DD");
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
