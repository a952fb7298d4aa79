package vn.movepass.functions.declaration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import vn.movepass.shared.id.IdKind;
import vn.movepass.shared.account.Accounts;
import vn.movepass.shared.auth.Access;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.declaration.DeclarationService.Origin;
import vn.movepass.shared.declaration.DeclarationService;
import vn.movepass.shared.domain.Channel;
import vn.movepass.shared.http.HttpResponse;
import vn.movepass.shared.http.HttpRoutes;

/** {@code POST /v1/declarations} (citizens) and {@code POST /v1/checkpoints/{id}/declarations} (paper, by officers). */
public final class DeclarationSubmitHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpRoutes routes;

    public DeclarationSubmitHandler() {
        this(Platform.fromSystem());
    }

    public DeclarationSubmitHandler(Platform platform) {
        this(DeclarationService.create(platform), Accounts.create(platform));
    }

    DeclarationSubmitHandler(DeclarationService declarations, AccountCheck accounts) {
        this.routes = HttpRoutes.builder()
                .accounts(accounts)
                .post("/v1/declarations", request -> HttpResponse.json(201,
                        declarations.submit(declarations.parser().parse(request.jsonBody()), Origin.ONLINE)))
                .post("/v1/checkpoints/{checkpointId}/declarations", request -> {
                    var officer = request.principal();
                    String checkpointId = request.pathId("checkpointId", IdKind.CHECKPOINT);
                    Access.requireOfficerAt(officer, checkpointId);
                    Access.refuseCamera(officer);
                    var declaration = declarations.parser().parse(request.jsonBody());
                    return HttpResponse.json(201, declarations.submit(declaration,
                            new Origin(Channel.PAPER, officer.subject(), checkpointId)));
                })
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
