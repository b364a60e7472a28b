/**
 * Test utilities of the emulator suites: real clients (msal-node, graph-client, fetch) pointed at
 * an emulator, and a few raw-request helpers for error shapes.
 *
 * @module
 */
import { ConfidentialClientApplication } from "@azure/msal-node";
import { Client } from "@microsoft/microsoft-graph-client";
import { randomUUID } from "node:crypto";
import { parseCertificatePem, resolveProfile, type ProfileSpec } from "../../catalog";
import { createSelfSignedCertificate, type CertificateAndKey } from "../../emulator/ca";
import type { RunningEmulator, SeededConnector } from "../../emulator/types";

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
export const EXO_SCOPE = "https://outlook.office365.com/.default";

export const newTenantId = (): string => randomUUID();

/** A client credential as msal-node takes it. */
export type TestCredential =
    | { readonly secret: string }
    | { readonly certificate: CertificateAndKey; readonly thumbprint: "sha256" | "sha1" };

/** A ConfidentialClientApplication for `clientId` in `tenant` on the emulator. */
export function msalApp(emu: RunningEmulator, tenant: string, clientId: string, credential: TestCredential): ConfidentialClientApplication {
    const auth = { clientId, authority: `${emu.url}/${tenant}`, knownAuthorities: [`127.0.0.1:${emu.port}`] };
    if ("secret" in credential) return new ConfidentialClientApplication({ auth: { ...auth, clientSecret: credential.secret } });
    const info = parseCertificatePem(credential.certificate.certificatePem);
    const clientCertificate =
        credential.thumbprint === "sha256"
            ? { thumbprintSha256: info.thumbprintSha256, privateKey: credential.certificate.privateKeyPem }
            : { thumbprint: info.thumbprintSha1, privateKey: credential.certificate.privateKeyPem };
    return new ConfidentialClientApplication({ auth: { ...auth, clientCertificate } });
}

/** A fresh access token (no msal cache) for `scope`. */
export async function tokenFor(emu: RunningEmulator, tenant: string, clientId: string, credential: TestCredential, scope = GRAPH_SCOPE): Promise<string> {
    const r = await msalApp(emu, tenant, clientId, credential).acquireTokenByClientCredential({ scopes: [scope], skipCache: true });
    if (!r) throw new Error("msal returned no token");
    return r.accessToken;
}

/** The payload of a JWT. */
export function claimsOf(token: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")) as Record<string, unknown>;
}

/** graph-client against the emulator, with a fixed token. */
export function graphClient(emu: RunningEmulator, accessToken: string): Client {
    return Client.initWithMiddleware({ authProvider: { getAccessToken: async () => accessToken }, baseUrl: `${emu.url}/`, customHosts: new Set(["127.0.0.1"]) });
}

/** A raw request; JSON body parsed when there is one. */
export async function call(
    url: string,
    init: { method?: string; token?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string>; redirect?: "manual" | "follow" } = {},
): Promise<{ status: number; headers: Headers; body: any; text: string }> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.form) {
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(init.form).toString();
    } else if (init.body !== undefined) {
        headers["Content-Type"] = "application/json";
        body = JSON.stringify(init.body);
    }
    const res = await fetch(url, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: init.redirect ?? "follow" });
    const text = await res.text();
    let parsed: unknown;
    try {
        parsed = text ? JSON.parse(text) : undefined;
    } catch {
        parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
}

/** POSTs a client-credentials form to the token endpoint of `tenant`. */
export const tokenRequest = (emu: RunningEmulator, tenant: string, form: Record<string, string>, headers?: Record<string, string>) =>
    call(`${emu.url}/${tenant}/oauth2/v2.0/token`, { form: { grant_type: "client_credentials", ...form }, headers });

/** Seeds a connector of `spec` with a secret; returns it with the secret. */
export function seedWithSecret(emu: RunningEmulator, tenantId: string, spec: ProfileSpec, secret = `secret-${randomUUID()}`): SeededConnector & { secret: string } {
    const s = emu.directory.seedConnector({ tenantId, profile: resolveProfile(spec), credential: { kind: "secret", secret } });
    return { ...s, secret };
}

let certificates: Promise<CertificateAndKey[]> | undefined;
/** Two self-signed RSA certificates, made once per test process. */
export const testCertificates = (): Promise<CertificateAndKey[]> =>
    (certificates ??= Promise.all([createSelfSignedCertificate({ commonName: "emulator test 1" }), createSelfSignedCertificate({ commonName: "emulator test 2" })]));

/** Waits `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
