/**
 * Where the managed-mode suite deploys: the emulator (default) or a real test tenant
 * (`npm run test:live`). Either way the suite reads and changes the tenant only through Microsoft
 * Graph with the deployer's token, as an administrator would, so the same assertions hold in both.
 *
 * Live: `M365C_LIVE_TENANT_ID`, `M365C_LIVE_CLIENT_ID`, `M365C_LIVE_CLIENT_SECRET` (a deployer
 * application with Application.ReadWrite.All, AppRoleAssignment.ReadWrite.All,
 * DelegatedPermissionGrant.ReadWrite.All and RoleManagement.ReadWrite.Directory, admin consented),
 * optional `M365C_LIVE_CLOUD` (default AzureCloud).
 *
 * @module
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Clouds, resolveProfile, type CloudName } from "../../catalog";
import type { RunningEmulator } from "../../emulator";
import { startTestEmulator } from "../emulator/helpers";

/** The Graph application permissions `pulumi up` of a managed connector needs (README "Deploy to a real tenant"). */
export const DEPLOYER_PERMISSIONS = ["Application.ReadWrite.All", "AppRoleAssignment.ReadWrite.All", "DelegatedPermissionGrant.ReadWrite.All", "RoleManagement.ReadWrite.Directory"] as const;

/** An identity that runs `pulumi up` (the azuread provider reads it from ARM_CLIENT_ID / ARM_CLIENT_SECRET). */
export interface Deployer {
    readonly clientId: string;
    readonly clientSecret: string;
}

/** A JSON answer of Graph. */
export interface GraphAnswer {
    readonly status: number;
    readonly body: any;
}

/** One tenant the suite deploys to, in one cloud. */
export class TenantTarget {
    private token?: { value: string; until: number };

    private constructor(
        /** Directory (tenant) ID. */
        readonly tenantId: string,
        /** The cloud the stack is configured for. */
        readonly cloud: CloudName,
        /** The identity `pulumi up` runs as. */
        readonly deployer: Deployer,
        /** The emulator, when not live. */
        readonly emulator?: RunningEmulator,
    ) {}

    /**
     * A new tenant in an emulator playing `cloud`, with a deployer holding the four permissions.
     * Writes become visible after `replicationLagMs`, so the provider's and the connection's
     * consistency waits are exercised.
     */
    static async emulated(cloud: CloudName = "AzureCloud", replicationLagMs = 0): Promise<TenantTarget> {
        const emulator = await startTestEmulator({ cloud });
        const tenantId = randomUUID();
        emulator.directory.addTenant({ tenantId, displayName: `Contoso ${cloud}` });
        const target = new TenantTarget(tenantId, cloud, { clientId: "", clientSecret: "" }, emulator);
        const deployer = target.addDeployer("pulumi deployer"); // set up before the test starts: visible at once
        emulator.setReplicationLag(replicationLagMs);
        return target.withDeployer(deployer);
    }

    /** The test tenant named by `M365C_LIVE_*`, or undefined (with the reason) when they are not set. */
    static live(): TenantTarget | string {
        const { M365C_LIVE_TENANT_ID: tenantId, M365C_LIVE_CLIENT_ID: clientId, M365C_LIVE_CLIENT_SECRET: clientSecret } = process.env;
        const missing = Object.entries({ M365C_LIVE_TENANT_ID: tenantId, M365C_LIVE_CLIENT_ID: clientId, M365C_LIVE_CLIENT_SECRET: clientSecret })
            .filter(([, v]) => !v)
            .map(([k]) => k);
        if (missing.length) return `${missing.join(", ")} not set (a deployer application in a test tenant; see README "End-to-end tests")`;
        const cloud = (process.env.M365C_LIVE_CLOUD ?? "AzureCloud") as CloudName;
        if (!(cloud in Clouds)) return `M365C_LIVE_CLOUD=${cloud} is not a cloud name`;
        return new TenantTarget(tenantId!, cloud, { clientId: clientId!, clientSecret: clientSecret! });
    }

    /** Whether this is the emulator. */
    get emulated(): boolean {
        return this.emulator !== undefined;
    }

    /** The same tenant with another deployer. */
    withDeployer(deployer: Deployer): TenantTarget {
        return new TenantTarget(this.tenantId, this.cloud, deployer, this.emulator);
    }

    /**
     * Registers another deployer application in the emulated tenant with the given Graph
     * application permissions (admin consented) and a client secret. Emulator only: a live tenant's
     * deployer is given.
     */
    addDeployer(displayName: string, permissions: readonly string[] = DEPLOYER_PERMISSIONS): Deployer {
        if (!this.emulator) throw new Error("addDeployer: only in the emulator");
        const clientSecret = `dep~${randomBytes(24).toString("base64url")}`;
        const profile = resolveProfile({ profile: "custom", appRoles: [...permissions] });
        const seeded = this.emulator.directory.seedConnector({ tenantId: this.tenantId, profile, credential: { kind: "secret", secret: clientSecret }, displayName });
        return { clientId: seeded.clientId, clientSecret };
    }

    /** Stack config keys that point the program at this target (tenant, cloud, and the emulator's URL). */
    stackConfig(ns: string): Record<string, unknown> {
        return {
            [`${ns}:tenantId`]: this.tenantId,
            [`${ns}:environment`]: this.cloud,
            ...(this.emulator ? { [`${ns}:endpointOverride`]: this.emulator.url } : {}),
        };
    }

    /** Environment of the Pulumi processes: the deployer's credential for the azuread provider, and Go's trust of the emulator's CA. */
    pulumiEnv(): Record<string, string> {
        return {
            ARM_CLIENT_ID: this.deployer.clientId,
            ARM_CLIENT_SECRET: this.deployer.clientSecret,
            ARM_TENANT_ID: this.tenantId,
            ...(this.emulator && process.env.NODE_EXTRA_CA_CERTS ? { SSL_CERT_FILE: process.env.NODE_EXTRA_CA_CERTS } : {}),
        };
    }

    private get loginBase(): string {
        return this.emulator?.url ?? Clouds[this.cloud].loginEndpoint;
    }

    private get graphBase(): string {
        return this.emulator?.url ?? Clouds[this.cloud].graph.endpoint;
    }

    private async accessToken(): Promise<string> {
        if (this.token && this.token.until > Date.now()) return this.token.value;
        const form = new URLSearchParams({
            grant_type: "client_credentials",
            client_id: this.deployer.clientId,
            client_secret: this.deployer.clientSecret,
            scope: Clouds[this.cloud].graph.scope,
        });
        const r = await fetch(`${this.loginBase}/${this.tenantId}/oauth2/v2.0/token`, { method: "POST", body: form });
        const body = (await r.json()) as { access_token?: string; expires_in?: number; error_description?: string };
        if (!r.ok || !body.access_token) throw new Error(`deployer token: HTTP ${r.status} ${body.error_description ?? ""}`);
        this.token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 600) - 60) * 1000 };
        return body.access_token;
    }

    /** Calls Graph v1.0 as the deployer. `path` starts after `/v1.0/`. */
    async graph(method: string, path: string, body?: unknown): Promise<GraphAnswer> {
        const r = await fetch(`${this.graphBase}/v1.0/${path}`, {
            method,
            headers: { Authorization: `Bearer ${await this.accessToken()}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await r.text();
        return { status: r.status, body: text ? JSON.parse(text) : undefined };
    }

    /** Like {@link graph} for a GET that must succeed; every page of a collection. */
    async list(path: string): Promise<any[]> {
        const out: any[] = [];
        let next: string | undefined = path;
        while (next) {
            const r = await this.graph("GET", next);
            if (r.status !== 200) throw new Error(`GET ${next}: ${r.status} ${JSON.stringify(r.body)}`);
            out.push(...(r.body.value ?? []));
            const link: string | undefined = r.body["@odata.nextLink"];
            next = link ? link.slice(link.indexOf("/v1.0/") + "/v1.0/".length) : undefined;
        }
        return out;
    }

    /** What Pulumi manages for a connector, as Graph shows it (undefined when no app has that name). */
    async connectorState(displayName: string): Promise<ConnectorState | undefined> {
        const apps = await this.list(`applications?$filter=displayName eq '${displayName.replace(/'/g, "''")}'`);
        if (apps.length === 0) return undefined;
        if (apps.length > 1) throw new Error(`${apps.length} applications named ${displayName}`);
        const app = apps[0];
        const sps = await this.list(`servicePrincipals?$filter=appId eq '${app.appId}'`);
        const sp = sps[0];
        const appRoles: string[] = [];
        const scopes: string[] = [];
        const roles: string[] = [];
        if (sp) {
            for (const a of await this.list(`servicePrincipals/${sp.id}/appRoleAssignments`)) {
                const res = await this.resourceSp(a.resourceId);
                appRoles.push(`${res.appDisplayName}/${res.appRoles.find((r: any) => r.id === a.appRoleId)?.value ?? a.appRoleId}`);
            }
            for (const g of await this.list(`oauth2PermissionGrants?$filter=clientId eq '${sp.id}'`)) {
                for (const s of String(g.scope).split(" ").filter(Boolean)) scopes.push(`${(await this.resourceSp(g.resourceId)).appDisplayName}/${s}`);
            }
            for (const r of await this.list(`roleManagement/directory/roleAssignments?$filter=principalId eq '${sp.id}'`)) roles.push(r.roleDefinitionId);
        }
        return {
            objectId: app.id,
            clientId: app.appId,
            servicePrincipalObjectId: sp?.id,
            signInAudience: app.signInAudience,
            redirectUris: app.web?.redirectUris ?? [],
            certificateThumbprints: await this.certificateThumbprints(app.id),
            secretCount: (app.passwordCredentials ?? []).length,
            appRoles: appRoles.sort(),
            delegatedScopes: scopes.sort(),
            directoryRoleTemplateIds: roles.sort(),
        };
    }

    private readonly resourceSps = new Map<string, Promise<{ appDisplayName: string; appRoles: { id: string; value: string }[] }>>();

    /** A resource service principal (Microsoft Graph, Exchange Online): read once per target, they do not change. */
    private resourceSp(id: string): Promise<{ appDisplayName: string; appRoles: { id: string; value: string }[] }> {
        let sp = this.resourceSps.get(id);
        if (!sp) {
            sp = this.graph("GET", `servicePrincipals/${id}`).then((r) => r.body);
            this.resourceSps.set(id, sp);
        }
        return sp;
    }

    /** SHA-1 thumbprints of an application's certificates, from their DER (`key` is returned only on `$select`). */
    private async certificateThumbprints(objectId: string): Promise<string[]> {
        const r = await this.graph("GET", `applications/${objectId}?$select=keyCredentials`);
        const keys: { key: string }[] = r.body?.keyCredentials ?? [];
        return keys.map((k) => createHash("sha1").update(Buffer.from(k.key, "base64")).digest("hex").toUpperCase()).sort();
    }

    /** Revokes admin consent for one application permission behind Pulumi's back (Graph DELETE on the assignment). */
    async revokeAppRole(servicePrincipalObjectId: string, resourceAppDisplayName: string, value: string): Promise<void> {
        for (const a of await this.list(`servicePrincipals/${servicePrincipalObjectId}/appRoleAssignments`)) {
            const res = await this.resourceSp(a.resourceId);
            if (res.appDisplayName !== resourceAppDisplayName || res.appRoles.find((r: any) => r.id === a.appRoleId)?.value !== value) continue;
            const r = await this.graph("DELETE", `servicePrincipals/${servicePrincipalObjectId}/appRoleAssignments/${a.id}`);
            if (r.status !== 204) throw new Error(`revoke ${value}: ${r.status} ${JSON.stringify(r.body)}`);
        }
    }

    /**
     * What the tenant holds that a stack could change: applications (name, app ID, credentials),
     * service principals, app role assignments, delegated grants and directory role assignments,
     * each as a sorted list of lines (for before/after comparisons).
     */
    async snapshot(): Promise<Record<string, string[]>> {
        const apps = await this.list("applications");
        const sps = await this.list("servicePrincipals");
        const assignments: string[] = [];
        for (const sp of sps) {
            for (const a of await this.list(`servicePrincipals/${sp.id}/appRoleAssignedTo`)) assignments.push(`${a.principalId} ${a.resourceId} ${a.appRoleId}`);
        }
        return {
            applications: apps.map((a) => `${a.displayName} ${a.appId} keys=${(a.keyCredentials ?? []).map((k: any) => k.keyId).sort().join(",")} secrets=${(a.passwordCredentials ?? []).map((k: any) => k.keyId).sort().join(",")}`).sort(),
            servicePrincipals: sps.map((s) => `${s.appId} ${s.id}`).sort(),
            appRoleAssignments: assignments.sort(),
            delegatedGrants: (await this.list("oauth2PermissionGrants")).map((g) => `${g.clientId} ${g.resourceId} ${g.scope}`).sort(),
            roleAssignments: (await this.list("roleManagement/directory/roleAssignments")).map((r) => `${r.principalId} ${r.roleDefinitionId} ${r.directoryScopeId}`).sort(),
        };
    }

    /** Registers an application and its service principal as an administrator would by hand (for adopt mode). */
    async registerApplication(displayName: string): Promise<{ objectId: string; clientId: string; servicePrincipalObjectId: string }> {
        const app = await this.graph("POST", "applications", { displayName, signInAudience: "AzureADMyOrg" });
        if (app.status !== 201) throw new Error(`create application: ${app.status} ${JSON.stringify(app.body)}`);
        // A new application may not be visible yet (replication): retry the service principal.
        for (let i = 0; ; i++) {
            const sp = await this.graph("POST", "servicePrincipals", { appId: app.body.appId });
            if (sp.status === 201) return { objectId: app.body.id, clientId: app.body.appId, servicePrincipalObjectId: sp.body.id };
            if (i >= 30) throw new Error(`create service principal: ${sp.status} ${JSON.stringify(sp.body)}`);
            await new Promise((r) => setTimeout(r, 1000));
        }
    }

    /** Deletes an application (its service principal goes with it). */
    async deleteApplication(objectId: string): Promise<void> {
        await this.graph("DELETE", `applications/${objectId}`);
    }

    /** Stops the emulator (live: nothing). */
    async dispose(): Promise<void> {
        await this.emulator?.stop();
    }
}

/** What Graph shows for one connector application. */
export interface ConnectorState {
    readonly objectId: string;
    readonly clientId: string;
    readonly servicePrincipalObjectId?: string;
    readonly signInAudience: string;
    readonly redirectUris: string[];
    /** SHA-1 thumbprints of the key credentials, upper-case hex (customKeyIdentifier). */
    readonly certificateThumbprints: string[];
    readonly secretCount: number;
    /** `<resource app display name>/<permission value>`, sorted. */
    readonly appRoles: string[];
    /** `<resource app display name>/<scope>`, sorted. */
    readonly delegatedScopes: string[];
    readonly directoryRoleTemplateIds: string[];
}
