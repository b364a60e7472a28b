/**
 * `POST /adminapi/beta/{tenant}/InvokeCommand` with `{"CmdletInput":{"CmdletName","Parameters"}}`
 * → `{"@odata.context", "value":[…]}` (unofficial REST transport of ExchangeOnlineManagement v3;
 * ../shared/reference/emulator-msal-graph-facts.md §6.4 and m365-entra-exchange-facts.md §2).
 *
 * Access (m365-entra-exchange-facts.md §2, E1): the token must be for this cloud's Exchange
 * resource and hold the `Exchange.ManageAsApp` app role, and "the application object … has a
 * Directory Role assigned to it, which is returned in the access token" — one Exchange accepts
 * (catalog `exchangeCapableTemplateIds`). Missing, invalid or wrong-audience tokens answer 401;
 * a valid token without the role or the directory role answers 403. The message for a missing
 * directory role is the one the module shows (Microsoft365DSC/Microsoft365DSC#4530); the service
 * was also seen answering 401 `Unauthorized` for a cmdlet the role does not allow
 * (office-docs-powershell#7970): the emulator uses 403 so a client can tell a bad token from a
 * missing role. `@odata.context` is the emulator's own.
 *
 * @module
 */
import { ResourceApps, exchangeCapableTemplateIds } from "../../catalog";
import { audienceIs } from "../bearer";
import type { EmulatorContext } from "../context";
import { header, type HttpRequest, type Reply } from "../http";
import { Cmdlets } from "./cmdlets";
import { exchangeError } from "./errors";

const unauthorized = (message: string) => exchangeError(401, "Unauthorized", message, { headers: { "WWW-Authenticate": 'Bearer realm=""' } });

/** Serves `InvokeCommand`: checks the bearer token (audience, tenant, Exchange.ManageAsApp, an Exchange directory role), then runs the cmdlet. */
export function invokeCommand(req: HttpRequest, ctx: EmulatorContext, tenantName: string): Reply {
    const verified = ctx.bearer.verify(header(req.headers, "authorization"));
    if (!verified.ok) return unauthorized(verified.reason === "expired" ? "The access token is expired." : "The access token is missing or invalid.");
    const { claims } = verified;
    const exo = ctx.cloud.exchange;
    if (!audienceIs(claims.aud, exo.endpoint, ResourceApps[exo.resourceApp])) return unauthorized(`The access token's audience is not ${exo.endpoint}.`);
    const tenant = ctx.store.tenant(tenantName);
    if (!tenant || tenant.id !== claims.tid) return unauthorized(`The access token is not for organization '${tenantName}'.`);
    if (!(claims.roles ?? []).includes("Exchange.ManageAsApp")) {
        return exchangeError(403, "Unauthorized", `The application ${claims.appid} has no Exchange.ManageAsApp permission with admin consent.`);
    }
    if (!(claims.wids ?? []).some((w) => exchangeCapableTemplateIds.includes(w))) {
        return exchangeError(
            403,
            "Unauthorized",
            `The role assigned to application ${claims.appid} isn't supported in this scenario. Please check online documentation for assigning correct Directory Roles to Azure AD Application for EXO App-Only Authentication.`,
        );
    }

    let input: { CmdletName?: unknown; Parameters?: unknown } | undefined;
    try {
        input = (JSON.parse(req.body.toString("utf8")) as { CmdletInput?: typeof input }).CmdletInput;
    } catch {
        input = undefined;
    }
    if (!input || typeof input.CmdletName !== "string") {
        return exchangeError(400, "BadRequest", "The request body must be {\"CmdletInput\":{\"CmdletName\":\"…\",\"Parameters\":{…}}}.");
    }
    const cmdlet = Cmdlets[input.CmdletName];
    if (!cmdlet) {
        return exchangeError(400, "BadRequest", `The term '${input.CmdletName}' is not recognized as a cmdlet the emulator serves (${Object.keys(Cmdlets).join(", ")}).`, {
            errorId: "CommandNotFoundException",
            exceptionType: "System.Management.Automation.CommandNotFoundException",
        });
    }
    const parameters = input.Parameters && typeof input.Parameters === "object" ? (input.Parameters as Record<string, unknown>) : {};
    const result = cmdlet(tenant, parameters, Date.now());
    if (!result.ok) return exchangeError(result.status, "NotFound", result.message, { errorId: result.errorId, exceptionType: result.exceptionType });
    return {
        status: 200,
        headers: { "Content-Type": "application/json; odata.metadata=minimal; charset=utf-8" },
        body: { "@odata.context": `${req.url.origin}/adminapi/beta/${tenantName}/$metadata#Collection(Exchange.GenericHashTable)`, value: result.value },
    };
}
