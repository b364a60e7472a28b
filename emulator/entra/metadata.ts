/**
 * `GET /metadata/endpoints?api-version=…`: the cloud metadata document that Azure Resource
 * Manager serves (and Azure Stack Hub for its own endpoints), from which the azuread provider's
 * `metadataHost` setting (`ARM_METADATA_HOSTNAME`) takes its login endpoint and its Microsoft
 * Graph endpoint and resource ID instead of a named cloud (terraform-provider-azuread
 * `internal/provider/provider.go`; the document's fields as go-azure-sdk reads them:
 * `sdk/internal/metadata/client.go` — `name`, `resourceManager` and `microsoftGraphResourceId`
 * are required, `authentication.loginEndpoint` and `authentication.audiences` are used).
 *
 * The emulator serves login and Graph on one origin, so the document names that origin for both.
 * go-azure-sdk uses `microsoftGraphResourceId` as the Graph base URL **and** as the resource it
 * asks a token for (`<origin>/.default`), so the emulator's Microsoft Graph answers to its own
 * origin as an identifier URI as well as to the cloud's Graph URL and app ID (entra/token.ts,
 * graph/router.ts). Resource Manager is not emulated; `resourceManager` points at the origin only
 * because the field is required, and any ARM path there answers 404.
 *
 * @module
 */
import type { EmulatorContext } from "../context";
import { json, type HttpRequest, type Reply } from "../http";

/** Serves the metadata document for the cloud the emulator plays, with every endpoint on its own origin. */
export function metadataEndpoints(req: HttpRequest, ctx: EmulatorContext): Reply {
    const origin = req.url.origin;
    return json(200, {
        name: `M365ConnectorsEmulator${ctx.cloud.name}`,
        portal: origin,
        // No trailing slash: go-azure-sdk appends `/{tenant}/oauth2/v2.0/token` to it as it is.
        authentication: { loginEndpoint: origin, audiences: [`${origin}/`], tenant: "common", identityProvider: "AAD" },
        resourceManager: `${origin}/`,
        microsoftGraphResourceId: `${origin}/`,
        graph: `${origin}/`,
        graphAudience: `${origin}/`,
        suffixes: {},
    });
}
