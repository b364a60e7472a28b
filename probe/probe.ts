/**
 * `runProbe`: the connector's "Test connection", done the way the connector works.
 *
 * Round trips: the Graph and Exchange tokens are requested in parallel, then the Graph reads
 * (one request, `$batch` for several) and the Exchange cmdlet run in parallel: a cold probe costs
 * two sequential round trips, a warm one (tokens in msal's cache) one. msal-node makes no
 * discovery request (probe/endpoints.ts).
 *
 * @module
 */
import { Clouds, ConfigError, isCloudName, parseClientId, parseTenantId } from "../catalog";
import { appRolesCheck, credentialExpiryCheck, directoryRolesCheck, exchangeCommandCheck, grantPending, graphReadCheck, nextCredentialCheck, roleNames, tokenCheck } from "./checks";
import { credentialDaysLeft, readCredential } from "./credential";
import { resolveEndpoints } from "./endpoints";
import { invokeExchangeCommand, type ExchangeCommandResult } from "./exchange";
import { performGraphReads, type GraphReadResult } from "./graph";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
import { acquireToken, type TokenOutcome } from "./tokens";
import { CheckNames, type CheckResult, type Observed, type ProbeInput, type ProbeReport } from "./types";

/** Default of {@link ProbeInput.warnDays}. */
export const DEFAULT_WARN_DAYS = 30;

/** The cmdlet the Exchange check runs: read-only, cheap, and it lists the accepted domains. */
export const EXCHANGE_PROBE_CMDLET = "Get-AcceptedDomain";

const claimsOf = (t: TokenOutcome | undefined) => (t?.ok ? t.claims : undefined);

function observedDomains(graph: readonly GraphReadResult[] | undefined, exchange: ExchangeCommandResult | undefined): string[] | undefined {
    const org = graph?.find((r) => r.read === "organization" && r.status === 200)?.body as
        | { value?: { verifiedDomains?: { name?: string }[] }[] }
        | undefined;
    const fromGraph = org?.value?.[0]?.verifiedDomains?.map((d) => d.name).filter((n): n is string => typeof n === "string");
    if (fromGraph?.length) return fromGraph;
    const fromExchange = exchange?.value?.map((d) => d.DomainName ?? d.Name).filter((n): n is string => typeof n === "string");
    return fromExchange?.length ? fromExchange : undefined;
}

function organizationName(graph: readonly GraphReadResult[] | undefined): string | undefined {
    const org = graph?.find((r) => r.read === "organization" && r.status === 200)?.body as { value?: { displayName?: unknown }[] } | undefined;
    const name = org?.value?.[0]?.displayName;
    return typeof name === "string" ? name : undefined;
}

/**
 * Runs the probe and returns its report. Throws a {@link ConfigError} only for malformed input
 * (tenant or client ID, cloud, credential); every finding about the tenant is a check in the
 * report, never an exception.
 */
export async function runProbe(input: ProbeInput): Promise<ProbeReport> {
    const started = Date.now();
    const tenantId = parseTenantId(input.tenantId, "tenantId");
    const clientId = parseClientId(input.clientId, "clientId");
    if (!isCloudName(input.cloud)) throw new ConfigError("cloud", `unknown cloud "${String(input.cloud)}"`, `Use one of: ${Object.keys(Clouds).join(", ")}`);
    const read = readCredential(input.credential);
    const { facts } = read;
    const endpoints = resolveEndpoints(input.cloud, tenantId, input.endpoints);
    const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...input.retry };
    const expect = input.expectations;
    const token = (scope: string) =>
        acquireToken({ clientId, endpoints, credential: input.credential, read, scope, fresh: input.forceTokenRefresh, policy });

    const next = input.nextCredential ? readCredential(input.nextCredential) : undefined;
    const nextToken = () =>
        acquireToken({ clientId, endpoints, credential: input.nextCredential!, read: next!, scope: endpoints.graphScope, fresh: input.forceTokenRefresh, policy });

    // Round trip 1: every token at once (the next certificate's too, during a rollover).
    const [graphToken, exchangeToken, nextGraphToken] = await Promise.all([
        token(endpoints.graphScope),
        expect.exchange ? token(endpoints.exchangeScope) : undefined,
        next ? nextToken() : undefined,
    ]);
    const tokensDone = Date.now();
    const graphClaims = claimsOf(graphToken);
    const exchangeClaims = claimsOf(exchangeToken);

    // Round trip 2: Graph reads and the Exchange cmdlet at once.
    const [graph, exchange] = await Promise.all([
        graphToken.ok && expect.graphReads.length > 0
            ? performGraphReads({ endpoints, accessToken: graphToken.accessToken, reads: expect.graphReads, policy })
            : undefined,
        exchangeToken?.ok
            ? invokeExchangeCommand({ exchangeBaseUrl: endpoints.exchangeBaseUrl, tenantId, accessToken: exchangeToken.accessToken, cmdlet: EXCHANGE_PROBE_CMDLET, policy })
            : undefined,
    ]);
    const callsDone = Date.now();
    const now = input.now ?? new Date();

    const appRoles = appRolesCheck(expect, { graph: graphClaims, exchange: exchangeClaims });
    const directoryRoles = directoryRolesCheck(expect, graphClaims ?? exchangeClaims);
    const byName = new Map<string, CheckResult>([
        ["graphToken", tokenCheck("graphToken", endpoints.graphScope, graphToken)],
        ["exchangeToken", tokenCheck("exchangeToken", endpoints.exchangeScope, exchangeToken)],
        ["appRoles", appRoles],
        ["directoryRoles", directoryRoles],
        ["graphRead", graphReadCheck(expect, graph?.results, grantPending(appRoles, directoryRoles))],
        ["exchangeCommand", exchangeCommandCheck(expect, exchange, exchangeClaims)],
        ["credentialExpiry", credentialExpiryCheck(facts, now, input.warnDays ?? DEFAULT_WARN_DAYS)],
        ["nextCredential", nextCredentialCheck(endpoints.graphScope, next?.facts.thumbprintSha1, nextGraphToken)],
    ]);
    const checks = CheckNames.map((n) => byName.get(n) as CheckResult);

    const observedRoles: Record<string, readonly string[]> = {};
    if (graphClaims) observedRoles["Microsoft Graph"] = [...graphClaims.roles];
    if (exchangeClaims) observedRoles["Office 365 Exchange Online"] = [...exchangeClaims.roles];
    const observed: Observed = {
        appRoles: observedRoles,
        directoryRoles: roleNames((graphClaims ?? exchangeClaims)?.wids ?? []),
        organizationName: organizationName(graph?.results),
        domains: observedDomains(graph?.results, exchange),
        credentialExpiresAt: facts.expiresAt?.toISOString(),
        credentialDaysLeft: credentialDaysLeft(facts, now),
    };
    const status = checks.some((c) => c.status === "fail") ? "fail" : checks.some((c) => c.status === "warn") ? "warn" : "pass";
    const waitedMs = (graphToken.waitedMs ?? 0) + (exchangeToken?.waitedMs ?? 0) + (nextGraphToken?.waitedMs ?? 0) + (graph?.waitedMs ?? 0) + (exchange?.waitedMs ?? 0);
    return {
        status,
        checks,
        observed,
        settings: {
            tenantId,
            applicationId: clientId,
            ...(facts.thumbprintSha1 ? { certificateThumbprint: facts.thumbprintSha1 } : {}),
            tenantEnvironmentType: Clouds[input.cloud].environmentType,
        },
        timings: { totalMs: callsDone - started, tokenMs: tokensDone - started, callsMs: callsDone - tokensDone, waitedMs },
        checkedAt: new Date().toISOString(),
    };
}
