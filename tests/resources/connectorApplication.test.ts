import { strict as assert } from "node:assert";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { CloudNames, Clouds, resolveProfile, type CloudName, type ProfileSpec } from "../../catalog";
import { guidOf, installMocks, resourceSpObjectId, settle, type Recorder } from "./fixtures";

type Resources = typeof import("../../resources");
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const GRAPH = "00000003-0000-0000-c000-000000000000";
const EXO = "00000002-0000-0ff1-ce00-000000000000";
const T = {
    provider: "pulumi:providers:azuread",
    component: "m365-connectors:index:ConnectorApplication",
    app: "azuread:index/application:Application",
    sp: "azuread:index/servicePrincipal:ServicePrincipal",
    consent: "azuread:index/appRoleAssignment:AppRoleAssignment",
    delegated: "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
    role: "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment",
    cert: "azuread:index/applicationCertificate:ApplicationCertificate",
    password: "azuread:index/applicationPassword:ApplicationPassword",
    generated: "pulumi-nodejs:dynamic/m365-connectors:ConnectorCertificate",
} as const;

/** What each profile must produce, written out independently of the catalog. */
interface Expected {
    spec: ProfileSpec;
    access: { resourceAppId: string; resourceAccesses: { id: string; type: string }[] }[];
    appRoles: { resourceAppId: string; appRoleId: string }[];
    delegated: { resourceAppId: string; claimValues: string[] }[];
    roles: string[];
    redirectUris?: string[];
    credential: "certificate" | "secret";
}
const expected: Record<string, Expected> = {
    "activeroles-m365": {
        spec: { profile: "activeroles-m365" },
        access: [
            { resourceAppId: EXO, resourceAccesses: [{ id: "dc50a0fb-09a3-484d-be87-e023b12c6440", type: "Role" }] },
            { resourceAppId: GRAPH, resourceAccesses: [{ id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", type: "Scope" }] },
        ],
        appRoles: [{ resourceAppId: EXO, appRoleId: "dc50a0fb-09a3-484d-be87-e023b12c6440" }],
        delegated: [{ resourceAppId: GRAPH, claimValues: ["User.Read"] }],
        roles: ["9360feb5-f418-4baa-8175-e2a00bac4301", "29232cdf-9323-42fd-ade2-1d097af3e4de", "fe930be7-5e62-47db-91af-98c3a49a38b1"],
        credential: "certificate",
    },
    "activeroles-azuread": { spec: { profile: "activeroles-azuread" }, access: [], appRoles: [], delegated: [], roles: ["9360feb5-f418-4baa-8175-e2a00bac4301"], credential: "certificate" },
    "snow-atlas-m365": {
        spec: { profile: "snow-atlas-m365" },
        access: [
            {
                resourceAppId: GRAPH,
                resourceAccesses: [
                    ...["7ab1d382-f21e-4acd-a863-ba3e13f7da61", "498476ce-e0fe-48b0-b801-37ba7e2685c6", "df021288-bdef-4463-88db-98f22de89214", "230c1aed-a721-4c5d-9cb4-a90514e508ef"].map((id) => ({ id, type: "Role" })),
                    { id: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", type: "Scope" },
                ],
            },
        ],
        appRoles: ["7ab1d382-f21e-4acd-a863-ba3e13f7da61", "498476ce-e0fe-48b0-b801-37ba7e2685c6", "df021288-bdef-4463-88db-98f22de89214", "230c1aed-a721-4c5d-9cb4-a90514e508ef"].map((appRoleId) => ({ resourceAppId: GRAPH, appRoleId })),
        delegated: [{ resourceAppId: GRAPH, claimValues: ["offline_access"] }],
        roles: [],
        redirectUris: ["http://localhost/"],
        credential: "secret",
    },
    custom: {
        spec: { profile: "custom", appRoles: ["AuditLog.Read.All", "Office 365 Exchange Online/Exchange.ManageAsApp"], directoryRoles: ["Global Reader"] },
        access: [
            { resourceAppId: GRAPH, resourceAccesses: [{ id: "b0afded3-3588-46d8-8b3d-9842eff778da", type: "Role" }] },
            { resourceAppId: EXO, resourceAccesses: [{ id: "dc50a0fb-09a3-484d-be87-e023b12c6440", type: "Role" }] },
        ],
        appRoles: [
            { resourceAppId: GRAPH, appRoleId: "b0afded3-3588-46d8-8b3d-9842eff778da" },
            { resourceAppId: EXO, appRoleId: "dc50a0fb-09a3-484d-be87-e023b12c6440" },
        ],
        delegated: [],
        roles: ["f2ef992c-3afb-46b9-b7cf-a126ee74c451"],
        credential: "certificate",
    },
};

const sortBy = <T>(xs: T[], f: (x: T) => string) => [...xs].sort((a, b) => f(a).localeCompare(f(b)));

describe("ConnectorApplication: every profile in every cloud", () => {
    let M: Resources;
    before(async () => {
        await installMocks();
        M = await import("../../resources");
    });

    for (const [profileName, want] of Object.entries(expected)) {
        for (const cloud of CloudNames) {
            it(`${profileName} in ${cloud}: exactly the expected resources`, async () => {
                const rec = await installMocks();
                const name = `${profileName}-${cloud}`.toLowerCase();
                const app = new M.ConnectorApplication(name, { tenantId: TENANT, cloud, profile: resolveProfile(want.spec), now: new Date("2026-03-01T00:00:00Z") });
                await settle(app);
                checkResources(rec, name, cloud, want);
            });
        }
    }
});

function checkResources(rec: Recorder, name: string, cloud: CloudName, want: Expected): void {
    const cert = want.credential === "certificate";
    const types = rec.resources.map((r) => r.type).sort();
    const wantTypes = [
        T.provider, T.component, T.app, T.sp,
        ...want.appRoles.map(() => T.consent), ...want.delegated.map(() => T.delegated), ...want.roles.map(() => T.role),
        ...(cert ? [T.generated, T.cert] : [T.password]),
    ].sort();
    assert.deepEqual(types, wantTypes, "resource types (nothing extra, nothing missing)");
    assert.ok(rec.resources.every((r) => r.name.startsWith(`${name}-`) || r.name === name), "child names derive from the component name");

    const [provider] = rec.ofType(T.provider);
    assert.equal(provider.inputs.environment, Clouds[cloud].azureadEnvironment);
    assert.equal(provider.inputs.tenantId, TENANT);
    const providerRef = (p?: string) => p?.split("::").slice(0, 4).join("::");
    for (const r of rec.resources.filter((x) => x.type.startsWith("azuread:"))) {
        assert.match(r.provider ?? "", new RegExp(`pulumi:providers:azuread::${provider.name}::`), `${r.name} uses the tenant provider`);
    }

    const [app] = rec.ofType(T.app);
    assert.equal(app.inputs.signInAudience, "AzureADMyOrg");
    assert.equal(app.inputs.preventDuplicateNames, true);
    assert.deepEqual(sortBy(app.inputs.requiredResourceAccesses ?? [], (r: { resourceAppId: string }) => r.resourceAppId), sortBy(want.access, (r) => r.resourceAppId));
    assert.deepEqual(app.inputs.web?.redirectUris, want.redirectUris);

    const spObjectId = guidOf(`${T.sp}/${name}-sp`);
    assert.equal(rec.ofType(T.sp)[0].inputs.clientId, guidOf(`client:${name}-app`));

    const consents = rec.ofType(T.consent).map((r) => r.inputs);
    assert.deepEqual(
        sortBy(consents, (c) => c.appRoleId),
        sortBy(want.appRoles.map((a) => ({ appRoleId: a.appRoleId, principalObjectId: spObjectId, resourceObjectId: resourceSpObjectId(a.resourceAppId) })), (c) => c.appRoleId),
    );
    const grants = rec.ofType(T.delegated).map((r) => r.inputs);
    assert.deepEqual(grants, want.delegated.map((d) => ({ servicePrincipalObjectId: spObjectId, resourceServicePrincipalObjectId: resourceSpObjectId(d.resourceAppId), claimValues: d.claimValues })));
    assert.ok(grants.every((g) => !("userObjectId" in g)), "delegated consent is for all principals");
    const roles = rec.ofType(T.role).map((r) => r.inputs);
    assert.deepEqual(sortBy(roles, (r) => r.roleId), sortBy(want.roles.map((roleId) => ({ roleId, principalObjectId: spObjectId, directoryScopeId: "/" })), (r) => r.roleId));

    // Microsoft's service principals are looked up (never created), once per resource app, on the tenant provider.
    const lookedUp = rec.calls.filter((c) => c.token === "azuread:index/getServicePrincipal:getServicePrincipal");
    const resourceApps = [...new Set([...want.appRoles, ...want.delegated].map((x) => x.resourceAppId))].sort();
    assert.deepEqual(lookedUp.map((c) => c.inputs.clientId).sort(), resourceApps);
    assert.ok(lookedUp.every((c) => providerRef(c.provider) === providerRef(rec.ofType(T.consent)[0]?.provider ?? rec.ofType(T.delegated)[0]?.provider)));
    assert.equal(rec.calls.length, lookedUp.length, "no other invokes");

    const appId = `/applications/${guidOf(`${T.app}/${name}-app`)}`;
    if (cert) {
        const [c] = rec.ofType(T.cert);
        assert.equal(c.inputs.applicationId, appId);
        assert.equal(c.inputs.type, "AsymmetricX509Cert");
        assert.match(c.inputs.value, /BEGIN CERTIFICATE/);
        const [generated] = rec.ofType(T.generated);
        assert.equal(generated.inputs.validityHours, 8760);
        // Two slots (the Active Roles default): the rollover plan renews; the certificate itself is replaced only once expired.
        assert.equal(generated.inputs.renewBeforeHours, resolveProfile(want.spec).certificateSlots === 2 ? 0 : 30 * 24);
        const x509 = new X509Certificate(c.inputs.value);
        assert.equal(x509.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
        assert.ok(x509.checkPrivateKey(createPrivateKey(generated.state.privateKeyPem)), "the key belongs to the certificate");
    } else {
        const [p] = rec.ofType(T.password);
        assert.equal(p.inputs.applicationId, appId);
        assert.deepEqual(p.inputs.rotateWhenChanged, { rotation: "2025-12-08" });
    }
}
