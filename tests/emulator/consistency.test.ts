import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator/types";
import { startTestEmulator } from "./helpers";
import { call, claimsOf, GRAPH_SCOPE, graphClient, newTenantId, seedWithSecret, sleep, tokenRequest } from "./util";

const LAG = 400;

describe("emulator: replication lag", () => {
    const tenantId = newTenantId();
    let emu: RunningEmulator;
    before(async () => {
        emu = await startTestEmulator({ tenants: [{ tenantId }], replicationLagMs: LAG });
    });
    after(() => emu.stop());

    const token = async (clientId: string, secret: string) => tokenRequest(emu, tenantId, { client_id: clientId, client_secret: secret, scope: GRAPH_SCOPE });

    it("a seeded app signs in only after the lag (700016 before)", async () => {
        const c = seedWithSecret(emu, tenantId, { profile: "snow-atlas-m365" });
        const early = await token(c.clientId, c.secret);
        assert.deepEqual([early.status, early.body.error_codes], [400, [700016]]);
        await sleep(LAG + 50);
        assert.equal((await token(c.clientId, c.secret)).status, 200);
    });

    it("a Graph write is visible to its writer at once, to other clients 404 Request_ResourceNotFound until replicated", async () => {
        const admin = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ["Application.ReadWrite.All"] });
        const other = seedWithSecret(emu, tenantId, { profile: "custom", appRoles: ["Application.Read.All"] });
        await sleep(LAG + 50);
        const t = (await token(admin.clientId, admin.secret)).body.access_token as string;
        const t2 = (await token(other.clientId, other.secret)).body.access_token as string;
        const created = await call(`${emu.url}/v1.0/applications`, { token: t, body: { displayName: "eventually" } });
        assert.equal(created.status, 201);
        const own = await call(`${emu.url}/v1.0/applications/${created.body.id}`, { token: t });
        assert.deepEqual([own.status, own.body.displayName], [200, "eventually"], "read-write consistency of the writer's session");
        const early = await call(`${emu.url}/v1.0/applications/${created.body.id}`, { token: t2 });
        assert.deepEqual([early.status, early.body.error.code], [404, "Request_ResourceNotFound"]);
        assert.equal(early.body.error.message, `Resource '${created.body.id}' does not exist or one of its queried reference-property objects are not present.`);
        const patched = await call(`${emu.url}/v1.0/applications/${created.body.id}`, { token: t, method: "PATCH", body: { notes: "by its writer" } });
        assert.equal(patched.status, 204, "the writer can update it at once");
        await sleep(LAG + 50);
        const late = await call(`${emu.url}/v1.0/applications/${created.body.id}`, { token: t2 });
        assert.deepEqual([late.status, late.body.displayName, late.body.notes], [200, "eventually", "by its writer"]);
    });

    it("new tokens show a grant (roles) or a revocation only after the lag", async () => {
        const c = seedWithSecret(emu, tenantId, { profile: "snow-atlas-m365" });
        await sleep(LAG + 50);
        const roles = async () => ((claimsOf((await token(c.clientId, c.secret)).body.access_token).roles as string[] | undefined) ?? []).sort();
        emu.directory.grantAppRole(tenantId, c.clientId, "Microsoft Graph", "Group.Read.All");
        assert.equal((await roles()).includes("Group.Read.All"), false);
        await sleep(LAG + 50);
        assert.equal((await roles()).includes("Group.Read.All"), true);
        emu.directory.revokeAppRole(tenantId, c.clientId, "Microsoft Graph", "Directory.Read.All");
        assert.equal((await roles()).includes("Directory.Read.All"), true);
        await sleep(LAG + 50);
        assert.deepEqual(await roles(), ["Group.Read.All", "Organization.Read.All", "Reports.Read.All", "User.Read.All"]);
    });

    it("setReplicationLag(0) makes later writes visible at once", async () => {
        emu.setReplicationLag(0);
        try {
            const c = seedWithSecret(emu, tenantId, { profile: "snow-atlas-m365" });
            assert.equal((await token(c.clientId, c.secret)).status, 200);
        } finally {
            emu.setReplicationLag(LAG);
        }
    });
});

describe("emulator: faults", () => {
    const tenantId = newTenantId();
    let emu: RunningEmulator;
    let c: ReturnType<typeof seedWithSecret>;
    let t: string;
    before(async () => {
        emu = await startTestEmulator({ tenants: [{ tenantId }] });
        c = seedWithSecret(emu, tenantId, { profile: "snow-atlas-m365" });
        t = (await tokenRequest(emu, tenantId, { client_id: c.clientId, client_secret: c.secret, scope: GRAPH_SCOPE })).body.access_token;
    });
    afterEach(() => {
        emu.clearFaults();
        emu.setLatency(0);
    });
    after(() => emu.stop());

    it("429 with Retry-After N times, then success: graph-client's retry handler honours it", async () => {
        emu.injectFault({ route: "graph", pathIncludes: "/organization", status: 429, retryAfterSeconds: 1, times: 2 });
        emu.resetStats();
        const started = Date.now();
        const org = await graphClient(emu, t).api("/organization").get();
        const elapsed = Date.now() - started;
        assert.equal(org.value.length, 1);
        assert.equal(emu.stats().graph, 3, "two throttled attempts and one success");
        assert.ok(elapsed >= 2000, `waited ${elapsed} ms for two Retry-After: 1`);
    });

    it("answers a throttled Graph call in Graph's envelope", async () => {
        emu.injectFault({ route: "graph", status: 429, retryAfterSeconds: 7 });
        const r = await call(`${emu.url}/v1.0/users`, { token: t });
        assert.deepEqual([r.status, r.headers.get("retry-after"), r.body.error.code], [429, "7", "TooManyRequests"]);
        assert.ok(r.body.error.innerError["request-id"]);
        assert.equal((await call(`${emu.url}/v1.0/users`, { token: t })).status, 200, "times defaults to 1");
    });

    it("answers a token-endpoint fault in Entra's envelope", async () => {
        emu.injectFault({ route: "token", status: 503, retryAfterSeconds: 3 });
        const r = await tokenRequest(emu, tenantId, { client_id: c.clientId, client_secret: c.secret, scope: GRAPH_SCOPE });
        assert.deepEqual([r.status, r.headers.get("retry-after"), r.body.error, r.body.error_codes], [503, "3", "temporarily_unavailable", []]);
        assert.match(r.body.error_description, /\r\nTrace ID: .*\r\nCorrelation ID: .*\r\nTimestamp: /s);
        assert.equal((await tokenRequest(emu, tenantId, { client_id: c.clientId, client_secret: c.secret, scope: GRAPH_SCOPE })).status, 200);
    });

    it("applies rules in order, only to their route and path, deterministically", async () => {
        emu.injectFault({ route: "exchange", status: 500, times: Infinity });
        emu.injectFault({ route: "graph", pathIncludes: "/subscribedSkus", status: 503, times: 2 });
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) statuses.push((await call(`${emu.url}/v1.0/subscribedSkus`, { token: t })).status);
        assert.deepEqual(statuses, [503, 503, 200]);
        assert.equal((await call(`${emu.url}/v1.0/users`, { token: t })).status, 200);
        const exo = await call(`${emu.url}/adminapi/beta/${tenantId}/InvokeCommand`, { token: t, body: {} });
        assert.equal(exo.status, 500);
        assert.equal(exo.body.error.details[0].message.split("|").length, 3);
    });

    it("adds latency: global (setLatency) and per rule", async () => {
        emu.setLatency(150);
        let started = Date.now();
        await call(`${emu.url}/v1.0/users`, { token: t });
        assert.ok(Date.now() - started >= 150);
        emu.setLatency(0);
        emu.injectFault({ route: "graph", latencyMs: 200 });
        started = Date.now();
        const r = await call(`${emu.url}/v1.0/users`, { token: t });
        assert.equal(r.status, 200, "latency-only rule answers normally");
        assert.ok(Date.now() - started >= 200);
    });

    it("rejects malformed rules", () => {
        assert.throws(() => emu.injectFault({ route: "graph" }), /give a status, a latencyMs, or both/);
        assert.throws(() => emu.injectFault({ route: "graph", status: 200 }), /4xx\/5xx/);
        assert.throws(() => emu.injectFault({ route: "nope" as "graph", status: 429 }), /unknown route/);
    });

    it("counts requests per route", async () => {
        emu.resetStats();
        await call(`${emu.url}/v1.0/users`, { token: t });
        await tokenRequest(emu, tenantId, { client_id: c.clientId, client_secret: c.secret, scope: GRAPH_SCOPE });
        await call(`${emu.url}/${tenantId}/discovery/v2.0/keys`);
        assert.deepEqual(emu.stats(), { token: 1, discovery: 1, graph: 1, graphBatch: 0, exchange: 0, any: 3 });
    });
});
