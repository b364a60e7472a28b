import { BatchRequestContent, GraphError, PageIterator, type PageCollection } from "@microsoft/microsoft-graph-client";
import * as assert from "node:assert/strict";
import { AppRoles, DirectoryRoles, parseCertificatePem, resolveProfile, ResourceApps } from "../../catalog";
import type { CertificateAndKey } from "../../emulator/ca";
import type { RunningEmulator, SeededConnector } from "../../emulator/types";
import { startTestEmulator } from "./helpers";
import { call, claimsOf, EXO_SCOPE, graphClient, newTenantId, seedWithSecret, testCertificates, tokenFor, tokenRequest, GRAPH_SCOPE } from "./util";

const USERS = Array.from({ length: 7 }, (_, i) => ({ userPrincipalName: `user${i}@contoso.example`, displayName: `User ${i}`, department: i % 2 ? "Sales" : "IT" }));

describe("emulator: Microsoft Graph v1.0", () => {
    const tenantId = newTenantId();
    let emu: RunningEmulator;
    let certs: CertificateAndKey[];
    let snow: SeededConnector & { secret: string };
    let azuread: SeededConnector;
    let admin: SeededConnector & { secret: string };
    let tSnow: string;
    let tAzuread: string;
    let tAdmin: string;
    let tNothing: string;
    const g = (path: string) => `${emu.url}/v1.0${path}`;

    before(async () => {
        certs = await testCertificates();
        emu = await startTestEmulator({ tenants: [{ tenantId, displayName: "Contoso", domains: ["contoso.example"], users: USERS }] });
        snow = seedWithSecret(emu, tenantId, { profile: "snow-atlas-m365" });
        azuread = emu.directory.seedConnector({
            tenantId, profile: resolveProfile({ profile: "activeroles-azuread" }), credential: { kind: "certificate", certificatePem: certs[0].certificatePem },
        });
        admin = seedWithSecret(emu, tenantId, {
            profile: "custom", appRoles: ["Application.ReadWrite.All", "AppRoleAssignment.ReadWrite.All", "Application.Read.All", "RoleManagement.ReadWrite.Directory", "Directory.ReadWrite.All"],
        });
        const nothing = seedWithSecret(emu, tenantId, { profile: "custom", delegatedScopes: ["User.Read"] });
        tSnow = await tokenFor(emu, tenantId, snow.clientId, { secret: snow.secret });
        tAzuread = await tokenFor(emu, tenantId, azuread.clientId, { certificate: certs[0], thumbprint: "sha256" });
        tAdmin = await tokenFor(emu, tenantId, admin.clientId, { secret: admin.secret });
        tNothing = await tokenFor(emu, tenantId, nothing.clientId, { secret: nothing.secret });
    });
    after(() => emu.stop());

    it("serves /organization to graph-client with @odata.context on the emulator host", async () => {
        const org = await graphClient(emu, tSnow).api("/organization").get();
        assert.equal(org["@odata.context"], `${emu.url}/v1.0/$metadata#organization`);
        assert.equal(org.value.length, 1);
        assert.equal(org.value[0].id, tenantId);
        assert.equal(org.value[0].displayName, "Contoso");
        assert.deepEqual(org.value[0].verifiedDomains.map((d: { name: string; isInitial: boolean }) => [d.name, d.isInitial]), [["contoso.example", true]]);
    });

    it("authorizes by directory role (wids) too: Directory Writers reads organization and users, not subscribedSkus", async () => {
        const client = graphClient(emu, tAzuread);
        assert.equal((await client.api("/organization").get()).value.length, 1);
        assert.equal((await client.api("/users").get()).value.length, USERS.length);
        const err = await client.api("/subscribedSkus").get().then(() => assert.fail("expected 403"), (e: GraphError) => e);
        assert.equal(err.statusCode, 403);
        assert.equal(err.code, "Authorization_RequestDenied");
    });

    it("answers 403 Authorization_RequestDenied in Graph's envelope when neither roles nor wids allow the call", async () => {
        const r = await call(g("/organization"), { token: tNothing, headers: { "client-request-id": "abc-123" } });
        assert.equal(r.status, 403);
        assert.equal(r.body.error.code, "Authorization_RequestDenied");
        assert.equal(r.body.error.message, "Insufficient privileges to complete the operation.");
        assert.equal(r.body.error.innerError["client-request-id"], "abc-123");
        assert.equal(r.body.error.innerError["request-id"], r.headers.get("request-id"));
        assert.match(r.body.error.innerError.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    });

    it("answers 401 InvalidAuthenticationToken for a missing, forged, wrong-audience or expired token", async () => {
        const expect401 = async (token: string | undefined, message: string) => {
            const r = await call(g("/users"), { token });
            assert.equal(r.status, 401);
            assert.deepEqual([r.body.error.code, r.body.error.message], ["InvalidAuthenticationToken", message]);
        };
        await expect401(undefined, "Access token is empty.");
        const [h, p] = tSnow.split(".");
        await expect401(`${h}.${p}.${Buffer.from("forged").toString("base64url")}`, "Access token validation failure.");
        const exo = await tokenFor(emu, tenantId, snow.clientId, { secret: snow.secret }, "00000002-0000-0ff1-ce00-000000000000/.default");
        await expect401(exo, "Access token validation failure. Invalid audience.");
        const short = await startTestEmulator({ tenants: [{ tenantId }], tokenLifetimeSeconds: 1 });
        try {
            const c = seedWithSecret(short, tenantId, { profile: "snow-atlas-m365" });
            const t = (await tokenRequest(short, tenantId, { client_id: c.clientId, client_secret: c.secret, scope: GRAPH_SCOPE })).body.access_token as string;
            assert.equal((await call(`${short.url}/v1.0/users`, { token: t })).status, 200);
            await new Promise((r) => setTimeout(r, 1100));
            const r = await call(`${short.url}/v1.0/users`, { token: t });
            assert.deepEqual([r.status, r.body.error.message], [401, "Lifetime validation failed, the token is expired."]);
        } finally {
            await short.stop();
        }
    });

    it("pages with $top and an absolute @odata.nextLink that graph-client's PageIterator follows", async () => {
        const client = graphClient(emu, tSnow);
        const first: PageCollection = await client.api("/users").top(3).get();
        assert.equal(first.value.length, 3);
        assert.ok(first["@odata.nextLink"]?.startsWith(`${emu.url}/v1.0/users?`), first["@odata.nextLink"]);
        const seen: string[] = [];
        await new PageIterator(client, first, (u: { userPrincipalName: string }) => {
            seen.push(u.userPrincipalName);
            return true;
        }).iterate();
        assert.deepEqual(seen, USERS.map((u) => u.userPrincipalName));
    });

    it("applies $select, the default user properties, and $filter eq/and", async () => {
        const client = graphClient(emu, tSnow);
        const selected = await client.api("/users").select("id,department").get();
        assert.equal(selected["@odata.context"], `${emu.url}/v1.0/$metadata#users(id,department)`);
        assert.deepEqual(Object.keys(selected.value[0]).sort(), ["department", "id"]);
        const plain = await client.api("/users").top(1).get();
        assert.ok("userPrincipalName" in plain.value[0] && !("department" in plain.value[0]), "default property set");
        const filtered = await client.api("/users").filter("department eq 'sales' and displayName eq 'User 3'").get();
        assert.deepEqual(filtered.value.map((u: { displayName: string }) => u.displayName), ["User 3"]);
    });

    it("finds Microsoft Graph's pre-seeded service principal by appId (filter and alternate key) with its app roles", async () => {
        const client = graphClient(emu, tSnow);
        const list = await client.api("/servicePrincipals").filter(`appId eq '${ResourceApps["Microsoft Graph"]}'`).get();
        assert.equal(list.value.length, 1);
        const sp = list.value[0];
        assert.equal(sp.displayName, "Microsoft Graph");
        const role = sp.appRoles.find((r: { value: string }) => r.value === "Directory.Read.All");
        assert.deepEqual([role.id, role.allowedMemberTypes], [AppRoles["Microsoft Graph"]["Directory.Read.All"], ["Application"]]);
        assert.ok(sp.oauth2PermissionScopes.some((s: { value: string }) => s.value === "User.Read"));
        const byKey = await client.api(`/servicePrincipals(appId='${ResourceApps["Office 365 Exchange Online"]}')`).get();
        assert.equal(byKey.displayName, "Office 365 Exchange Online");
    });

    it("rejects bad filters: syntax (400 BadRequest), unsupported property (400 Request_UnsupportedQuery)", async () => {
        const syntax = await call(`${g("/servicePrincipals")}?$filter=${encodeURIComponent("appId eq")}`, { token: tSnow });
        assert.deepEqual([syntax.status, syntax.body.error.code], [400, "BadRequest"]);
        const prop = await call(`${g("/servicePrincipals")}?$filter=${encodeURIComponent("homepage eq 'x'")}`, { token: tSnow });
        assert.deepEqual([prop.status, prop.body.error.code], [400, "Request_UnsupportedQuery"]);
    });

    it("manages an application: create, patch, addPassword, keyCredentials, service principal, delete", async () => {
        const client = graphClient(emu, tAdmin);
        const app = await client.api("/applications").post({ displayName: "made by graph", signInAudience: "AzureADMyOrg" });
        assert.equal(app.displayName, "made by graph");
        await client.api(`/applications/${app.id}`).patch({ web: { redirectUris: ["http://localhost"] } });
        const secret = await client.api(`/applications/${app.id}/addPassword`).post({ passwordCredential: { displayName: "s1" } });
        assert.equal(secret.hint, (secret.secretText as string).slice(0, 3));
        const info = parseCertificatePem(certs[1].certificatePem);
        await client.api(`/applications/${app.id}`).patch({ keyCredentials: [{ type: "AsymmetricX509Cert", usage: "Verify", key: info.derBase64 }] });
        const withKeys = await client.api(`/applications/${app.id}`).select("keyCredentials,web").get();
        assert.equal(withKeys.keyCredentials[0].customKeyIdentifier, info.thumbprintSha1);
        assert.equal(withKeys.keyCredentials[0].key, info.derBase64);
        assert.deepEqual(withKeys.web.redirectUris, ["http://localhost"]);
        const plain = await client.api(`/applications(appId='${app.appId}')`).get();
        assert.equal(plain.keyCredentials[0].key, null, "key only on $select");
        assert.equal(plain.passwordCredentials[0].secretText, null);
        const sp = await client.api("/servicePrincipals").post({ appId: app.appId });
        assert.equal(sp.appId, app.appId);
        const token = await tokenRequest(emu, tenantId, { client_id: app.appId, client_secret: secret.secretText, scope: GRAPH_SCOPE });
        assert.equal(token.status, 200);
        await client.api(`/applications/${app.id}`).delete();
        const gone = await call(g(`/applications/${app.id}`), { token: tAdmin });
        assert.equal(gone.status, 404);
        assert.equal(gone.body.error.code, "Request_ResourceNotFound");
        assert.equal((await call(g(`/servicePrincipals/${sp.id}`), { token: tAdmin })).status, 404, "its service principal went with it");
    });

    it("refuses a service principal for an unknown appId (NoBackingApplicationObject)", async () => {
        const r = await call(g("/servicePrincipals"), { token: tAdmin, body: { appId: "0b0b0b0b-0000-4000-8000-000000000000" } });
        assert.deepEqual([r.status, r.body.error.code], [400, "Request_BadRequest"]);
        assert.match(r.body.error.message, /does not reference a valid application object/);
    });

    it("grants app roles (appRoleAssignedTo), role assignments and shows them in new tokens", async () => {
        const client = graphClient(emu, tAdmin);
        const app = await client.api("/applications").post({ displayName: "granted" });
        const sp = await client.api("/servicePrincipals").post({ appId: app.appId });
        const secret = (await client.api(`/applications/${app.id}/addPassword`).post({})).secretText as string;
        const graphSp = (await client.api(`/servicePrincipals(appId='${ResourceApps["Microsoft Graph"]}')`).get()).id;
        const roleId = AppRoles["Microsoft Graph"]["User.Read.All"];
        const assignment = await client.api(`/servicePrincipals/${graphSp}/appRoleAssignedTo`).post({ principalId: sp.id, resourceId: graphSp, appRoleId: roleId });
        assert.deepEqual([assignment.principalId, assignment.resourceId, assignment.appRoleId], [sp.id, graphSp, roleId]);
        const dup = await call(g(`/servicePrincipals/${graphSp}/appRoleAssignedTo`), { token: tAdmin, body: { principalId: sp.id, resourceId: graphSp, appRoleId: roleId } });
        assert.equal(dup.status, 400);
        const unknownRole = await call(g(`/servicePrincipals/${graphSp}/appRoleAssignedTo`), { token: tAdmin, body: { principalId: sp.id, resourceId: graphSp, appRoleId: "0b0b0b0b-0000-4000-8000-000000000000" } });
        assert.equal(unknownRole.status, 400);
        const mine = await client.api(`/servicePrincipals/${sp.id}/appRoleAssignments`).get();
        assert.deepEqual(mine.value.map((a: { appRoleId: string }) => a.appRoleId), [roleId]);
        await client.api("/roleManagement/directory/roleAssignments").post({ roleDefinitionId: DirectoryRoles["User Administrator"], principalId: sp.id, directoryScopeId: "/" });
        const c = claimsOf((await tokenRequest(emu, tenantId, { client_id: app.appId, client_secret: secret, scope: GRAPH_SCOPE })).body.access_token);
        assert.deepEqual(c.roles, ["User.Read.All"]);
        assert.deepEqual(c.wids, [DirectoryRoles["User Administrator"]]);
        const roles = await client.api("/directoryRoles").filter(`roleTemplateId eq '${DirectoryRoles["User Administrator"]}'`).get();
        assert.equal(roles.value[0].displayName, "User Administrator");
        await client.api(`/servicePrincipals/${graphSp}/appRoleAssignedTo/${assignment.id}`).delete();
        const after = claimsOf((await tokenRequest(emu, tenantId, { client_id: app.appId, client_secret: secret, scope: GRAPH_SCOPE })).body.access_token);
        assert.equal("roles" in after, false);
    });

    it("lists what seedConnector left: the AllPrincipals grant and the role assignments", async () => {
        const client = graphClient(emu, tAdmin);
        const grants = await client.api("/oauth2PermissionGrants").filter(`clientId eq '${snow.servicePrincipalObjectId}'`).get();
        assert.deepEqual(grants.value.map((x: { consentType: string; scope: string; principalId: null }) => [x.consentType, x.scope, x.principalId]), [["AllPrincipals", "offline_access", null]]);
        const assignments = await client.api("/roleManagement/directory/roleAssignments").filter(`principalId eq '${azuread.servicePrincipalObjectId}'`).get();
        assert.deepEqual(assignments.value.map((a: { roleDefinitionId: string; directoryScopeId: string }) => [a.roleDefinitionId, a.directoryScopeId]), [[DirectoryRoles["Directory Writers"], "/"]]);
        const app = await client.api(`/applications(appId='${snow.clientId}')`).get();
        assert.deepEqual(app.web.redirectUris, ["http://localhost/"]);
        assert.equal(app.signInAudience, "AzureADMyOrg");
        assert.deepEqual(app.requiredResourceAccess[0].resourceAppId, ResourceApps["Microsoft Graph"]);
        assert.equal(app.requiredResourceAccess[0].resourceAccess.length, 5);
    });

    it("serves the active-user report as a 302 to a preauthenticated CSV download", async () => {
        const r = await call(g("/reports/getOffice365ActiveUserDetail(period='D7')"), { token: tSnow, redirect: "manual" });
        assert.equal(r.status, 302);
        assert.equal(r.headers.get("content-type"), "text/plain");
        const location = r.headers.get("location") as string;
        assert.ok(location.startsWith(`${emu.url}/`), location);
        const csv = await call(location);
        assert.equal(csv.status, 200);
        assert.equal(csv.headers.get("content-type"), "application/octet-stream");
        const lines = csv.text.trim().split("\n");
        assert.equal(lines[0].split(",")[1], "User Principal Name");
        assert.equal(lines[0].split(",").length, 24);
        assert.equal(lines.length, USERS.length + 1);
        assert.equal((await call(g("/reports/getOffice365ActiveUserDetail(period='D8')"), { token: tSnow })).status, 400);
        assert.equal((await call(g("/reports/getOffice365ActiveUserDetail(period='D7')"), { token: tAzuread, redirect: "manual" })).status, 403);
    });

    describe("$batch", () => {
        const batch = (requests: unknown[], token = tAzuread) => call(g("/$batch"), { token, body: { requests } });

        it("runs steps with per-step status, relative URLs with or without '/', dependsOn → 424, and graph-client 3.0.7's '/v1.0/…' → 400", async () => {
            const r = await batch([
                { id: "1", method: "GET", url: "/organization" },
                { id: "2", method: "GET", url: "users?$top=1&$select=id" },
                { id: "3", method: "GET", url: "/subscribedSkus" },
                { id: "4", method: "GET", url: "/users", dependsOn: ["3"] },
                { id: "5", method: "GET", url: "/v1.0/users" },
            ]);
            assert.equal(r.status, 200);
            const byId = Object.fromEntries(r.body.responses.map((x: { id: string }) => [x.id, x]));
            assert.deepEqual([1, 2, 3, 4, 5].map((i) => byId[i].status), [200, 200, 403, 424, 400]);
            assert.equal(byId[2].body.value.length, 1);
            assert.deepEqual(Object.keys(byId[2].body.value[0]), ["id"]);
            assert.equal(byId[3].body.error.code, "Authorization_RequestDenied");
            assert.equal(byId[5].body.error.message, "Resource not found for the segment 'v1.0'.");
        });

        it("refuses more than 20 steps, duplicate ids (case-insensitive) and absolute URLs with 400", async () => {
            const step = (id: string, url = "/organization") => ({ id, method: "GET", url });
            assert.equal((await batch(Array.from({ length: 21 }, (_, i) => step(String(i))))).status, 400);
            assert.equal((await batch(Array.from({ length: 20 }, (_, i) => step(String(i))))).status, 200);
            assert.equal((await batch([step("a"), step("A")])).status, 400);
            const abs = await batch([step("1", `${emu.url}/v1.0/organization`)]);
            assert.deepEqual([abs.status, abs.body.error.message], [400, "Invalid batch payload format."]);
        });

        it("throttles steps individually (429 with Retry-After inside a 200 batch)", async () => {
            emu.injectFault({ route: "graph", pathIncludes: "/organization", status: 429, retryAfterSeconds: 2 });
            const r = await batch([{ id: "1", method: "GET", url: "/organization" }, { id: "2", method: "GET", url: "/users" }]);
            emu.clearFaults();
            const [one, two] = r.body.responses;
            assert.deepEqual([r.status, one.status, one.headers["Retry-After"], one.body.error.code, two.status], [200, 429, "2", "TooManyRequests", 200]);
        });

        it("a fault rule naming a tenant is used only by that tenant's requests (tid of the bearer token), batches and steps alike", async () => {
            const other = newTenantId();
            emu.directory.addTenant({ tenantId: other, displayName: "Fabrikam", domains: ["fabrikam.example"] });
            const fabrikam = seedWithSecret(emu, other, { profile: "snow-atlas-m365" });
            const tOther = await tokenFor(emu, other, fabrikam.clientId, { secret: fabrikam.secret });
            emu.injectFault({ route: "graphBatch", tenantId: tenantId.toUpperCase(), status: 503, retryAfterSeconds: 0 });
            emu.injectFault({ route: "graph", tenantId, pathIncludes: "/organization", status: 429 });
            const step = [{ id: "1", method: "GET", url: "/organization" }];
            const fromOther = [await batch(step, tOther), await batch(step, tOther)];
            assert.deepEqual(fromOther.map((r) => [r.status, r.body.responses[0].status]), [[200, 200], [200, 200]], "Fabrikam's requests use neither rule");
            const whole = await batch(step, tSnow);
            assert.equal(whole.status, 503, "Contoso's next $batch gets the batch rule");
            const inner = await batch(step, tSnow);
            assert.deepEqual([inner.status, inner.body.responses[0].status], [200, 429], "then the step rule, inside a 200 batch");
            assert.equal((await batch(step, tSnow)).body.responses[0].status, 200, "each rule applied once");
            emu.clearFaults();
        });

        it("answers graph-client 3.0.7 BatchRequestContent's '/v1.0/…' step URLs 400, as Graph does", async () => {
            const content = await new BatchRequestContent([{ id: "1", request: new Request(`${emu.url}/v1.0/organization`, { method: "GET" }) }]).getContent();
            assert.equal(content.requests[0].url, "/v1.0/organization");
            const r = await graphClient(emu, tSnow).api("/$batch").post(content);
            assert.equal(r.responses[0].status, 400);
        });

        it("is posted by graph-client as /$batch", async () => {
            const r = await graphClient(emu, tSnow).api("/$batch").post({ requests: [{ id: "1", method: "GET", url: "/subscribedSkus" }] });
            assert.equal(r.responses[0].status, 200);
            assert.equal(r.responses[0].body.value[0].skuPartNumber, "ENTERPRISEPACK");
            assert.equal(r.responses[0].body.value[0].consumedUnits, USERS.length);
        });
    });

    it("keeps Exchange-audience tokens out of Graph and Graph tokens for Graph", async () => {
        const exo = claimsOf(await tokenFor(emu, tenantId, azuread.clientId, { certificate: certs[0], thumbprint: "sha1" }, EXO_SCOPE));
        assert.equal(exo.aud, "https://outlook.office365.com");
        assert.equal(claimsOf(tSnow).aud, "https://graph.microsoft.com");
    });
});
