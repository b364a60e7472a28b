/**
 * `npm run demo`: the whole product, offline, in one command.
 *
 * 1. starts the tenant emulator (Entra ID + Graph + Exchange admin API over HTTPS);
 * 2. seeds a tenant exactly as `pulumi up` of the Active Roles Microsoft 365 profile leaves it
 *    (derived from the catalog profile, not written by hand), with a 1 s replication lag;
 * 3. runs the ConnectorConnection through Pulumi's own dynamic-provider host over gRPC, with the
 *    provider serialized by the SDK as `pulumi up` does: create → every check passes, and the
 *    settings the Active Roles console asks for are printed;
 * 4. revokes admin consent for Exchange.ManageAsApp → refresh shows the drift;
 * 5. restores it → refresh is clean again;
 * 6. rolls the certificate over with two slots: the next certificate is added beside the one in
 *    use and proved (nextCredential), the connector switches, the old one is removed; every
 *    probe of the rollover passes;
 * 7. does the same create for a Snow Atlas connector with a client secret.
 *
 * Exits non-zero when any step does not behave as described.
 *
 * @module
 */
import * as path from "node:path";
import { parseCertificatePem, resolveProfile } from "../catalog";
import { CheckNames } from "../probe/types";
import { createSelfSignedCertificate } from "../emulator/ca";
import { reexecWithTrustedCa } from "../emulator/trust";
import { serializeConnectionProvider } from "./serializeProvider";
import { startHost, type Host as ProviderHost } from "./providerHost";

const TENANT = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const LAG_MS = 1000;
type Props = Record<string, unknown>;

const started = Date.now();
const say = (text = "") => process.stdout.write(`${text}\n`);
const step = (n: number, text: string) => say(`\n[${((Date.now() - started) / 1000).toFixed(1)} s] ${n}. ${text}`);

function expect(condition: boolean, what: string): void {
    if (!condition) throw new Error(`demo step did not behave as described: ${what}`);
    say(`   ok: ${what}`);
}

function showChecks(props: Props): void {
    const checks = props.checks as Record<string, string>;
    say(`   checks: ${CheckNames.map((k) => `${k}=${checks[k]}`).join("  ")}`);
    for (const f of (props.findings as { check: string; summary: string; remedy?: string }[]) ?? []) {
        say(`   ${f.check}: ${f.summary}`);
        if (f.remedy) say(`      fix: ${f.remedy}`);
    }
}

function showSettings(props: Props, labels: Record<string, string>): void {
    const s = props.settings as Record<string, string>;
    say("   settings for the connector's console:");
    for (const [key, label] of Object.entries(labels)) if (s[key]) say(`     ${label.padEnd(24)} ${s[key]}`);
}

/** Check + Create of one ConnectorConnection in the host; returns the stored state. */
async function create(host: ProviderHost, news: Props): Promise<{ id: string; props: Props; inputs: Props }> {
    const withProvider = { ...news, __provider: await serializeConnectionProvider(news) };
    const checked = await host.check({}, withProvider);
    expect(checked.failures.length === 0, "Check accepts every input");
    const created = await host.create(checked.inputs);
    return { id: created.id, props: created.properties, inputs: checked.inputs };
}

/** Read (what `pulumi refresh` calls); returns the refreshed state. */
async function refresh(host: ProviderHost, state: { id: string; props: Props; inputs: Props }): Promise<Props> {
    const read = await host.read(state.id, state.props, state.inputs);
    return read.properties;
}

/** Check + Update of a ConnectorConnection with some inputs changed; returns the new state. */
async function update(host: ProviderHost, state: { id: string; props: Props; inputs: Props }, changes: Props): Promise<Props> {
    // An undefined change removes the input (protobuf Structs cannot carry undefined).
    const news = Object.fromEntries(Object.entries({ ...state.inputs, ...changes }).filter(([, v]) => v !== undefined));
    const withProvider = { ...news, __provider: await serializeConnectionProvider(news) };
    const checked = await host.check(state.inputs, withProvider);
    expect(checked.failures.length === 0, "Check accepts every input");
    const updated = await host.update(state.id, state.props, checked.inputs);
    return updated.properties;
}

async function run(): Promise<void> {
    const caDir = path.resolve(__dirname, "..", "..", ".emulator", "ca");
    const ca = await reexecWithTrustedCa(caDir);
    const { startEmulator } = await import("../emulator");
    const emulator = await startEmulator({ ca: { certPem: ca.certPem, keyPem: ca.keyPem }, tenants: [{ tenantId: TENANT, displayName: "Contoso" }], replicationLagMs: LAG_MS });
    const host = await startHost();
    await host.configure();
    try {
        step(1, `Tenant emulator on ${emulator.url} (cloud ${emulator.cloud}, replication lag ${LAG_MS} ms)`);

        step(2, "Seeding the tenant as `pulumi up` of profile activeroles-m365 leaves it (from the catalog profile)");
        const m365 = resolveProfile({ profile: "activeroles-m365" });
        const cert = await createSelfSignedCertificate({ commonName: "activeroles-m365 demo" });
        const app = emulator.directory.seedConnector({ tenantId: TENANT, profile: m365, credential: { kind: "certificate", certificatePem: cert.certificatePem } });
        say(`   application ${app.clientId}`);
        say(`   consent: ${m365.appRoles.map((p) => `${p.value} (${p.resource})`).join(", ")}; delegated ${m365.delegatedScopes.map((p) => p.value).join(", ")}`);
        say(`   directory roles: ${m365.directoryRoles.map((r) => r.name).join(", ")}`);

        step(3, "pulumi up: ConnectorConnection Create in Pulumi's dynamic-provider host (waits for replication, then probes)");
        const ars = await create(host, {
            tenantId: TENANT,
            clientId: app.clientId,
            cloud: emulator.cloud,
            profile: { profile: "activeroles-m365" },
            credential: { certificatePem: cert.certificatePem, privateKeyPem: cert.privateKeyPem },
            endpointOverride: emulator.url,
            consistencyTimeoutSeconds: 30,
        });
        showChecks(ars.props);
        expect(ars.props.status === "pass", "every check passes");
        showSettings(ars.props, { tenantId: "Tenant ID", applicationId: "Application ID", certificateThumbprint: "Certificate thumbprint", tenantEnvironmentType: "Tenant environment type" });

        step(4, "Someone revokes admin consent for Exchange.ManageAsApp in the tenant");
        emulator.directory.revokeAppRole(TENANT, app.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        await new Promise((r) => setTimeout(r, LAG_MS + 100)); // let the revocation replicate
        step(5, "pulumi refresh: Read probes again");
        const drifted = await refresh(host, ars);
        showChecks(drifted);
        const failing = drifted.failingChecks as string[];
        expect(drifted.status === "fail" && failing.includes("appRoles") && failing.includes("exchangeCommand"), `the drift is shown (failing: ${failing.join(", ")})`);
        expect(!(drifted.observedAppRoles as Record<string, string[]>)["Office 365 Exchange Online"]?.includes("Exchange.ManageAsApp"), "the observed app roles no longer include Exchange.ManageAsApp");

        step(6, "The consent is granted again");
        emulator.directory.grantAppRole(TENANT, app.clientId, "Office 365 Exchange Online", "Exchange.ManageAsApp");
        await new Promise((r) => setTimeout(r, LAG_MS + 100));
        step(7, "pulumi refresh: clean again");
        const clean = await refresh(host, { ...ars, props: drifted });
        showChecks(clean);
        expect(clean.status === "pass", "every check passes again");

        step(8, "Certificate rollover, two slots: pulumi up inside renewBeforeDays adds the next certificate beside the one in use");
        const probes: string[] = [];
        const nextCert = await createSelfSignedCertificate({ commonName: "activeroles-m365 demo" });
        emulator.directory.addCredential(TENANT, app.clientId, { kind: "certificate", certificatePem: nextCert.certificatePem });
        const during = await update(host, { ...ars, props: clean }, { nextCredential: { certificatePem: nextCert.certificatePem, privateKeyPem: nextCert.privateKeyPem } });
        probes.push(String(during.status));
        showChecks(during);
        const oldThumbprint = (clean.settings as Record<string, string>).certificateThumbprint;
        const nextThumbprint = parseCertificatePem(nextCert.certificatePem).thumbprintSha1;
        say(`   details: nextCertificateThumbprint ${nextThumbprint}, nextPfxBase64 [secret]`);
        expect(during.status === "pass" && (during.checks as Record<string, string>).nextCredential === "pass", "the certificate in use and the next one both sign in");
        expect((during.settings as Record<string, string>).certificateThumbprint === oldThumbprint, `the console keeps the thumbprint in use (${oldThumbprint}) until the switch`);

        step(9, "The operator imports the next PFX and sets its thumbprint; `m365-connectors rotate --confirm-switched`: pulumi up removes the old certificate");
        const switched = await update(host, { ...ars, props: during }, { credential: { certificatePem: nextCert.certificatePem, privateKeyPem: nextCert.privateKeyPem }, nextCredential: undefined });
        probes.push(String(switched.status));
        emulator.directory.removeCertificate(TENANT, app.clientId, oldThumbprint);
        await new Promise((r) => setTimeout(r, LAG_MS + 100));
        const after = await refresh(host, { ...ars, props: switched });
        probes.push(String(after.status));
        showChecks(after);
        expect((after.settings as Record<string, string>).certificateThumbprint === nextThumbprint, `the console shows the new thumbprint ${nextThumbprint}; the old one is gone from the application`);
        expect(probes.every((p) => p === "pass"), `no failed probe during the rollover (${probes.join(", ")})`);

        step(10, "Snow Atlas Microsoft 365 connector with a client secret");
        const snow = resolveProfile({ profile: "snow-atlas-m365" });
        const secret = `demo-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
        const expires = new Date(Date.now() + 180 * 86_400_000).toISOString();
        const snowApp = emulator.directory.seedConnector({ tenantId: TENANT, profile: snow, credential: { kind: "secret", secret, endDateTime: expires } });
        const snowConn = await create(host, {
            tenantId: TENANT,
            clientId: snowApp.clientId,
            cloud: emulator.cloud,
            profile: { profile: "snow-atlas-m365" },
            credential: { clientSecret: secret, secretExpiresAt: expires },
            endpointOverride: emulator.url,
            consistencyTimeoutSeconds: 30,
        });
        showChecks(snowConn.props);
        expect(snowConn.props.status === "pass", "every check passes");
        say(`   settings: Tenant ID ${TENANT}, Client ID ${snowApp.clientId}, Client secret [secret], expires in ${snowConn.props.credentialDaysLeft} days`);
        expect(!host.stderr().includes(secret) && !host.stderr().includes("PRIVATE KEY"), "the provider host logged no credential");

        step(11, "pulumi destroy: Delete changes nothing in the tenant");
        await host.delete(ars.id, after);
        await host.delete(snowConn.id, snowConn.props);
        expect(true, "both connections deleted from state; the applications are untouched");
        say(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    } finally {
        await host.stop();
        await emulator.stop();
    }
}

run().catch((e: Error) => {
    process.stderr.write(`\ndemo FAILED: ${e.message}\n`);
    process.exitCode = 1;
});
