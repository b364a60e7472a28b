/**
 * Emulator scenarios for the probe, provider and engine tests: one tenant, a connector seeded
 * from a resolved profile with its real credential, and the matching ProbeInput.
 */
import { expectationsOf, resolveProfile, type CloudName, type ProfileSpec, type ResolvedProfile } from "../../catalog";
import type { ProbeCredential, ProbeInput } from "../../probe";
import type { EmulatorOptions, RunningEmulator, SeedCredential } from "../../emulator/types";
import { clearTokenCache, type CheckResult, type ProbeReport } from "../../probe";
import { startTestEmulator } from "../emulator/helpers";
import { certificate } from "./fixtures";

let tenantCounter = 0;

/** A fresh tenant ID (each scenario gets its own tenant in a shared emulator). */
export function newTenantId(): string {
    tenantCounter++;
    return `10000000-0000-4000-8000-${String(tenantCounter).padStart(12, "0")}`;
}

/** A seeded connector and the probe input that signs in as it. */
export interface Scenario {
    readonly tenantId: string;
    readonly clientId: string;
    readonly profile: ResolvedProfile;
    readonly credential: ProbeCredential;
    readonly input: ProbeInput;
}

/** Options of {@link seedScenario}. */
export interface ScenarioOptions {
    /** The credential the app has in the tenant (default: of the profile's kind, valid one year). */
    readonly seeded?: SeedCredential;
    /** The credential the probe signs in with (default: the seeded one). */
    readonly credential?: ProbeCredential;
}

/** Creates a tenant and seeds the connector of `spec` in it, as `pulumi up` would leave it. */
export async function seedScenario(emulator: RunningEmulator, spec: ProfileSpec, options: ScenarioOptions = {}): Promise<Scenario> {
    const tenantId = newTenantId();
    const profile = resolveProfile(spec);
    emulator.directory.addTenant({ tenantId, displayName: `Contoso ${tenantCounter}`, domains: [`contoso${tenantCounter}.onmicrosoft.com`, `contoso${tenantCounter}.com`] });
    let credential = options.credential;
    let seeded = options.seeded;
    if (!seeded) {
        if (profile.credential === "certificate") {
            const c = await certificate(365);
            seeded = { kind: "certificate", certificatePem: c.certificatePem };
            credential ??= { kind: "certificate", ...c };
        } else {
            const secret = `s3cr3t~${tenantCounter}-${Math.random().toString(36).slice(2)}`;
            const endDateTime = new Date(Date.now() + 180 * 86_400_000).toISOString();
            seeded = { kind: "secret", secret, endDateTime };
            credential ??= { kind: "secret", clientSecret: secret, expiresAt: endDateTime };
        }
    }
    if (!credential) throw new Error("seedScenario: give the probe's credential when seeding one yourself");
    const { clientId } = emulator.directory.seedConnector({ tenantId, profile, credential: seeded });
    const input: ProbeInput = {
        tenantId,
        clientId,
        cloud: emulator.cloud as CloudName,
        credential,
        expectations: expectationsOf(profile),
        endpoints: { baseUrl: emulator.url },
    };
    return { tenantId, clientId, profile, credential, input };
}

/** The profiles every cloud is probed with: the three products and a custom one. */
export const ProfileMatrix: readonly ProfileSpec[] = [
    { profile: "activeroles-m365" },
    { profile: "activeroles-azuread" },
    { profile: "snow-atlas-m365" },
    { profile: "custom", base: "activeroles-azuread", appRoles: ["User.Read.All", "Organization.Read.All"], directoryRoles: ["Directory Readers"] },
];

/**
 * Starts one emulator for the enclosing `describe` (handed to `set`), stops it after, and before
 * each test clears faults, latency, replication lag, request counters and the probe's token cache.
 */
export function useProbeEmulator(set: (emulator: RunningEmulator) => void, options: EmulatorOptions = {}): void {
    let emulator: RunningEmulator | undefined;
    before(async () => {
        emulator = await startTestEmulator(options);
        set(emulator);
    });
    after(async () => emulator?.stop());
    beforeEach(() => {
        clearTokenCache();
        emulator?.clearFaults();
        emulator?.setLatency(0);
        emulator?.setReplicationLag(0);
        emulator?.resetStats();
    });
}

/** The named check of a report. */
export const checkOf = (r: ProbeReport, name: string): CheckResult => r.checks.find((c) => c.name === name) as CheckResult;

/** Names of a report's failing checks. */
export const failingOf = (r: ProbeReport): string[] => r.checks.filter((c) => c.status === "fail").map((c) => c.name);
