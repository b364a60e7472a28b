/**
 * Turns what the probe saw into {@link CheckResult}s: pure functions, no I/O.
 *
 * `transient` marks what waiting can change: throttling, 5xx, and a missing role or consent (a
 * grant written moments ago is not yet in new tokens: Entra replicates eventually). A refusal
 * (401/403) from Graph or Exchange is transient only while a grant it needs is still missing
 * from the token ({@link grantPending}, and the consent/role test of
 * {@link exchangeCommandCheck}); once the token carries every expected role, the refusal asks
 * for something the connector is not granted, and no waiting changes it. Rejected credentials,
 * unknown apps or tenants and expired credentials are not transient.
 *
 * @module
 */
import { directoryRoleName, exchangeCapableTemplateIds, type ProbeExpectations } from "../catalog";
import type { CredentialFacts } from "./credential";
import type { ExchangeCommandResult } from "./exchange";
import type { GraphReadResult } from "./graph";
import { AadstsRemedies, consentRemedy, GraphReadNeeds, roleRemedy, rotationRemedy, TRANSIENT_REMEDY, UNKNOWN_TOKEN_FAILURE_REMEDY } from "./remedies";
import type { TokenClaims, TokenOutcome } from "./tokens";
import type { CheckName, CheckResult } from "./types";

const isTransientStatus = (status: number | undefined) => status === 429 || (status !== undefined && status >= 500) || status === 0;
const retryAfterText = (ms: number | undefined) => (ms !== undefined ? `, Retry-After ${Math.round(ms / 1000)} s` : "");

/** The graphToken / exchangeToken check. `outcome` undefined means not requested (skip). */
export function tokenCheck(name: "graphToken" | "exchangeToken" | "nextCredential", scope: string, outcome: TokenOutcome | undefined): CheckResult {
    if (!outcome) return { name, status: "skip", summary: "not needed by this connector" };
    if (outcome.ok) {
        const c = outcome.claims;
        return { name, status: "pass", summary: `app-only token for ${scope}${outcome.fromCache ? " (cached)" : ""}`, evidence: `roles: ${c.roles.length}, wids: ${c.wids.length}` };
    }
    const f = outcome.failure;
    const known = f.aadsts ? AadstsRemedies[f.aadsts] : undefined;
    const transient = f.aadsts && known ? false : isTransientStatus(f.status) || f.errorCode === "network_error";
    const evidence = [f.aadsts ?? f.errorCode, f.status !== undefined ? `HTTP ${f.status}${retryAfterText(f.retryAfterMs)}` : undefined, f.message]
        .filter(Boolean)
        .join(": ");
    return {
        name,
        status: "fail",
        summary: `no token for ${scope}${known ? `: ${known.meaning}` : ""}`,
        evidence,
        remedy: known?.remedy ?? (transient ? TRANSIENT_REMEDY : UNKNOWN_TOKEN_FAILURE_REMEDY),
        transient,
        ...(f.aadsts ? { code: f.aadsts } : {}),
    };
}

/**
 * The nextCredential check: during a certificate rollover, the next certificate (already on the
 * application beside the one in use) gets an app-only token too, so the connector can be switched
 * to it. `outcome` undefined means no rollover is in progress (skip).
 */
export function nextCredentialCheck(scope: string, thumbprint: string | undefined, outcome: TokenOutcome | undefined): CheckResult {
    if (!outcome) return { name: "nextCredential", status: "skip", summary: "no certificate rollover in progress" };
    const which = `the next certificate${thumbprint ? ` ${thumbprint}` : ""}`;
    const token = tokenCheck("nextCredential", scope, outcome);
    if (token.status === "pass") return { ...token, summary: `${which} signs in: ${token.summary}` };
    return {
        ...token,
        summary: `${which} cannot sign in yet: ${token.summary}`,
        remedy: `${token.remedy ?? ""}. Do not switch the connector to ${which} until this check passes; the certificate in use stays on the application`.replace(/^\. /, ""),
    };
}

/** Which token carries the `roles` of each resource application. */
const tokenOfResource: Readonly<Record<string, "graph" | "exchange">> = {
    "Microsoft Graph": "graph",
    "Office 365 Exchange Online": "exchange",
};

const tokenLabel = { graph: "Graph", exchange: "Exchange" } as const;

/**
 * The appRoles check: every expected app role in its resource token's `roles`. Each resource is
 * checked when its token exists; the others are listed in the evidence as not checked, and the
 * check is skipped only when no resource could be checked.
 */
export function appRolesCheck(expect: ProbeExpectations, claims: { graph?: TokenClaims; exchange?: TokenClaims }): CheckResult {
    const name: CheckName = "appRoles";
    if (expect.appRoles.length === 0) return { name, status: "skip", summary: "no application permissions expected" };
    const missing: { resource: string; value: string }[] = [];
    const unverifiable: string[] = [];
    const noToken = new Map<string, "graph" | "exchange">();
    let checked = 0;
    for (const role of expect.appRoles) {
        const which = tokenOfResource[role.resource];
        const token = which ? claims[which] : undefined;
        if (!which) unverifiable.push(`${role.value} (${role.resource})`);
        else if (!token) noToken.set(role.resource, which);
        else {
            checked++;
            if (!token.roles.includes(role.value)) missing.push(role);
        }
    }
    const notChecked = [...noToken].map(([resource, which]) => `${resource} (no ${tokenLabel[which]} token)`);
    if (checked === 0 && notChecked.length > 0) {
        return { name, status: "skip", summary: `could not run: no ${[...new Set(noToken.values())].map((w) => tokenLabel[w]).join(" or ")} token` };
    }
    const note = unverifiable.length ? `; not checked (no token requested for): ${unverifiable.join(", ")}` : "";
    const unchecked = notChecked.length ? `not checked: ${notChecked.join(", ")}` : undefined;
    if (missing.length === 0) {
        return { name, status: "pass", summary: `all ${checked} application permission(s) granted${unchecked ? " on the resources checked" : ""}${note}`, ...(unchecked ? { evidence: unchecked } : {}) };
    }
    return {
        name,
        status: "fail",
        summary: `application permission(s) without admin consent: ${missing.map((m) => m.value).join(", ")}${note}`,
        evidence: [...missing.map((m) => `missing ${m.value} on ${m.resource} in the token's roles claim`), ...(unchecked ? [unchecked] : [])].join("; "),
        remedy: missing.map((m) => consentRemedy(m.resource, m.value)).join(". "),
        transient: true,
    };
}

/**
 * Whether a grant the connector expects is still missing from its tokens: the appRoles or
 * directoryRoles check fails. Only then can a Graph 403 be replication (the grant was written
 * moments ago) and be worth waiting for; when every expected role is in the token, a 403 means
 * the read needs something the connector is not granted, and waiting cannot fix it.
 */
export function grantPending(appRoles: CheckResult, directoryRoles: CheckResult): boolean {
    return appRoles.status === "fail" || directoryRoles.status === "fail";
}

/** Display names of `wids` (template ID when the role is not in the catalog). */
export function roleNames(wids: readonly string[]): string[] {
    return wids.map((id) => directoryRoleName(id) ?? id);
}

/** The directoryRoles check: expected template IDs in `wids`, plus an Exchange-capable role for Exchange. */
export function directoryRolesCheck(expect: ProbeExpectations, claims: TokenClaims | undefined): CheckResult {
    const name: CheckName = "directoryRoles";
    if (expect.directoryRoles.length === 0 && !expect.exchange) return { name, status: "skip", summary: "no directory roles expected" };
    if (!claims) return { name, status: "skip", summary: "could not run: no token" };
    const wids = new Set(claims.wids.map((w) => w.toLowerCase()));
    const missing = expect.directoryRoles.filter((r) => !wids.has(r.templateId.toLowerCase())).map((r) => r.name);
    const exchangeRoleMissing = expect.exchange && !exchangeCapableTemplateIds.some((id) => wids.has(id));
    if (missing.length === 0 && !exchangeRoleMissing) {
        return { name, status: "pass", summary: `directory roles present: ${roleNames(claims.wids).join(", ") || "none needed"}` };
    }
    const problems = [...missing.map((m) => `missing ${m}`), ...(exchangeRoleMissing ? ["no role Exchange Online accepts for app-only access (e.g. Exchange Administrator)"] : [])];
    const remedies = [...missing.map(roleRemedy), ...(exchangeRoleMissing && !missing.includes("Exchange Administrator") ? [roleRemedy("Exchange Administrator")] : [])];
    return {
        name,
        status: "fail",
        summary: `directory role(s) not assigned: ${problems.join("; ")}`,
        evidence: `wids: [${roleNames(claims.wids).join(", ")}]; ${problems.join("; ")}`,
        remedy: remedies.join(". "),
        transient: true,
    };
}

/**
 * The graphRead check over the results of the profile's reads. `pendingGrant`
 * ({@link grantPending}) decides whether a 403 is transient; throttling and 5xx always are.
 */
export function graphReadCheck(expect: ProbeExpectations, results: readonly GraphReadResult[] | undefined, pendingGrant: boolean): CheckResult {
    const name: CheckName = "graphRead";
    if (expect.graphReads.length === 0) return { name, status: "skip", summary: "no Graph reads expected" };
    if (!results) return { name, status: "skip", summary: "could not run: no Graph token" };
    const failed = results.filter((r) => r.status < 200 || r.status >= 300);
    if (failed.length === 0) return { name, status: "pass", summary: `read ${results.map((r) => r.read).join(", ")}` };
    const transient = failed.every((r) => isTransientStatus(r.status) || (r.status === 403 && pendingGrant));
    const throttled = failed.every((r) => isTransientStatus(r.status));
    return {
        name,
        status: "fail",
        summary: `Graph read(s) failed: ${failed.map((r) => r.read).join(", ")}`,
        evidence: failed.map((r) => `GET ${r.path} → ${r.status || "no response"} ${r.errorCode ?? ""}${r.errorMessage ? ` (${r.errorMessage})` : ""}`.trim()).join("; "),
        remedy: throttled ? TRANSIENT_REMEDY : failed.map((r) => `For ${r.read}, grant ${GraphReadNeeds[r.read].needs}`).join(". "),
        transient,
    };
}

/**
 * The exchangeCommand check; `claims` (the Exchange token's) pick the remedy of a 401/403, and
 * make it transient only when they lack Exchange.ManageAsApp or an Exchange-capable role.
 */
export function exchangeCommandCheck(expect: ProbeExpectations, result: ExchangeCommandResult | undefined, claims: TokenClaims | undefined): CheckResult {
    const name: CheckName = "exchangeCommand";
    if (!expect.exchange) return { name, status: "skip", summary: "not needed by this connector" };
    if (!result) return { name, status: "skip", summary: "could not run: no Exchange token" };
    if (result.status >= 200 && result.status < 300) return { name, status: "pass", summary: `${result.cmdlet} answered (${result.value?.length ?? 0} item(s))` };
    const evidence = `POST InvokeCommand ${result.cmdlet} → ${result.status || "no response"}${result.errorCode ? ` ${result.errorCode}` : ""}${result.errorMessage ? ` (${result.errorMessage})` : ""}`;
    if (result.status === 401 || result.status === 403) {
        const noConsent = claims !== undefined && !claims.roles.includes("Exchange.ManageAsApp");
        const noRole = claims !== undefined && !exchangeCapableTemplateIds.some((id) => claims.wids.map((w) => w.toLowerCase()).includes(id));
        const remedy = noConsent
            ? consentRemedy("Office 365 Exchange Online", "Exchange.ManageAsApp")
            : noRole
              ? roleRemedy("Exchange Administrator")
              : `The token carries Exchange.ManageAsApp and an Exchange role, yet Exchange refused ${result.cmdlet}: check that the role allows it and that the tenant ID and tenant environment type name this organization; waiting will not change it`;
        // A refusal caused by a missing grant can be replication; one for a token that has both is not.
        return { name, status: "fail", summary: `Exchange refused ${result.cmdlet}`, evidence, remedy, transient: noConsent || noRole };
    }
    const transient = isTransientStatus(result.status);
    return { name, status: "fail", summary: `Exchange call ${result.cmdlet} failed`, evidence, remedy: transient ? TRANSIENT_REMEDY : "Check the tenant environment type (Exchange endpoint) and the tenant ID", transient };
}

/** The credentialExpiry check: fail when expired, warn within `warnDays`. */
export function credentialExpiryCheck(facts: CredentialFacts, now: Date, warnDays: number): CheckResult {
    const name: CheckName = "credentialExpiry";
    if (!facts.expiresAt) {
        return { name, status: "skip", summary: "the secret's expiry is unknown", remedy: "Give the secret's expiry (secretExpiresAt) to be warned before it expires" };
    }
    const ms = facts.expiresAt.getTime() - now.getTime();
    const days = Math.floor(ms / 86_400_000);
    const what = facts.kind === "certificate" ? "certificate" : "client secret";
    const evidence = `expires ${facts.expiresAt.toISOString()} (${days} day(s) left)`;
    if (ms <= 0) return { name, status: "fail", summary: `the ${what} has expired`, evidence, remedy: rotationRemedy(facts.kind, true), transient: false };
    if (days < warnDays) return { name, status: "warn", summary: `the ${what} expires in ${days} day(s) (warning at ${warnDays})`, evidence, remedy: rotationRemedy(facts.kind, false) };
    return { name, status: "pass", summary: `the ${what} is valid for ${days} more day(s)`, evidence };
}
