/**
 * Test fixtures: real certificates (node:crypto + @peculiar/x509) and a recording
 * `pulumi.runtime.setMocks` implementation that answers like the azuread provider (and, for a
 * generated certificate, like our own ConnectorCertificate runtime, which it calls).
 */
import { getMonitor } from "@pulumi/pulumi/runtime/settings";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto } from "node:crypto";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

/** The type token of a generated certificate (a dynamic resource). */
export const CERTIFICATE_TYPE = "pulumi-nodejs:dynamic/m365-connectors:ConnectorCertificate";

/** A deterministic GUID from any text (test object IDs). */
export function guidOf(text: string): string {
    const h = createHash("sha1").update(text).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The object ID the mock gives Microsoft's service principal for `clientId`. */
export const resourceSpObjectId = (clientId: string) => guidOf(`sp-of:${clientId}`);

let cachedKey: string | undefined;
/** A 2048-bit RSA key, PKCS#8 PEM (generated once per test run). */
export function rsaKeyPem(): string {
    cachedKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    return cachedKey;
}

/** A self-signed certificate for `keyPem` (default: {@link rsaKeyPem}), valid `notBefore`..`notAfter`. */
export async function selfSigned(opts: { notBefore?: Date; notAfter?: Date; keyPem?: string; commonName?: string } = {}): Promise<{ certPem: string; keyPem: string }> {
    const keyPem = opts.keyPem ?? rsaKeyPem();
    const key = createPrivateKey(keyPem);
    const ec = key.asymmetricKeyType === "ec";
    const alg = ec ? { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } : RSA;
    const privateKey = await webcrypto.subtle.importKey("pkcs8", key.export({ type: "pkcs8", format: "der" }), alg, true, ["sign"]);
    const publicKey = await webcrypto.subtle.importKey("spki", createPublicKey(key).export({ type: "spki", format: "der" }), alg, true, ["verify"]);
    const notBefore = opts.notBefore ?? new Date(Date.now() - 3_600_000);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: createHash("sha1").update(`${notBefore.getTime()}${Math.random()}`).digest("hex").slice(0, 16),
        name: `CN=${opts.commonName ?? "test"}`,
        notBefore,
        notAfter: opts.notAfter ?? new Date(notBefore.getTime() + 180 * 86_400_000),
        keys: { privateKey, publicKey },
        signingAlgorithm: alg,
    });
    return { certPem: cert.toString("pem"), keyPem };
}

/** One recorded resource registration. */
export interface Registered {
    readonly type: string;
    readonly name: string;
    /** Inputs with secrets unwrapped. */
    readonly inputs: Record<string, any>;
    /** Top-level input names that arrived as secrets. */
    readonly secretInputs: string[];
    readonly provider?: string;
    /** The state the mock answered with. */
    readonly state: Record<string, any>;
}

/** One recorded invoke. */
export interface Called {
    readonly token: string;
    readonly inputs: Record<string, any>;
    readonly provider?: string;
}

const isSecretValue = (v: any) => v && typeof v === "object" && v[specialSigKey] === specialSecretSig;
const unwrap = (v: any): any =>
    isSecretValue(v) ? unwrap(v.value) : Array.isArray(v) ? v.map(unwrap) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)])) : v;

/** Records every registration and invoke and answers like the real providers would. */
export class Recorder implements pulumi.runtime.Mocks {
    readonly resources: Registered[] = [];
    readonly calls: Called[] = [];
    /** The outputs the stack's previous update left (what `pulumi:pulumi:readStackOutputs` of the stack itself returns). */
    previousOutputs: Record<string, unknown> = {};

    async newResource(args: pulumi.runtime.MockResourceArgs): Promise<pulumi.runtime.MockResourceResult> {
        const inputs = unwrap(args.inputs ?? {});
        const secretInputs = Object.keys(args.inputs ?? {}).filter((k) => isSecretValue(args.inputs[k]));
        const answer = await this.answer(args.type, args.name, inputs);
        this.resources.push({ type: args.type, name: args.name, inputs, secretInputs, provider: args.provider, state: answer.state });
        return answer;
    }

    private async answer(type: string, name: string, inputs: Record<string, any>): Promise<{ id: string; state: Record<string, any> }> {
        const id = guidOf(`${type}/${name}`);
        switch (type) {
            case "azuread:index/application:Application":
                return { id: `/applications/${id}`, state: { ...inputs, objectId: id, clientId: guidOf(`client:${name}`) } };
            case "azuread:index/servicePrincipal:ServicePrincipal":
                return { id: `/servicePrincipals/${id}`, state: { ...inputs, objectId: id } };
            case "azuread:index/applicationPassword:ApplicationPassword":
                return { id, state: { ...inputs, keyId: id, value: `secret-value-${name}` } };
            case CERTIFICATE_TYPE: {
                // The real runtime: a real key and certificate, with the inputs' validity.
                const { create } = await import("../../providers/certificate/runtime");
                const made = await create(inputs);
                return { id: made.id, state: made.outs };
            }
            default:
                return { id: type.startsWith("pulumi:providers:") ? `${name}-id` : id, state: inputs };
        }
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        const inputs = unwrap(args.inputs ?? {});
        this.calls.push({ token: args.token, inputs, provider: args.provider });
        if (args.token === "pulumi:pulumi:readStackOutputs") return { name: inputs.name, outputs: this.previousOutputs };
        if (args.token === "azuread:index/getServicePrincipal:getServicePrincipal") {
            return { clientId: inputs.clientId, objectId: resourceSpObjectId(inputs.clientId), id: `/servicePrincipals/${resourceSpObjectId(inputs.clientId)}` };
        }
        throw new Error(`unexpected invoke ${args.token}`);
    }

    /** Registrations of `type`. */
    ofType(type: string): Registered[] {
        return this.resources.filter((r) => r.type === type);
    }
}

/** Installs a fresh {@link Recorder} as the Pulumi mocks and returns it. */
export async function installMocks(preview = false): Promise<Recorder> {
    const recorder = new Recorder();
    await pulumi.runtime.setMocks(recorder, "m365-connectors", "test", preview, "organization");
    return recorder;
}

/** The value of an output (resolves secrets too). */
export function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply((v) => resolve(v)));
}

/** Whether an output is secret. */
export function isSecret<T>(o: pulumi.Output<T>): Promise<boolean> {
    return (o as unknown as { isSecret: Promise<boolean> }).isSecret;
}

/** Awaits everything a ConnectorApplication registers (its outputs and every grant). */
export async function settle(app: import("../../resources").ConnectorApplication): Promise<void> {
    const outputs: pulumi.Output<unknown>[] = [app.urn, app.clientId, app.servicePrincipalObjectId, app.credentialExpiresAt, app.certificateThumbprint, app.pfxBase64, app.clientSecret, ...app.grants.map((g) => g.urn)];
    await Promise.all(outputs.map((o) => valueOf(o)));
}

/** Records each registration's explicit dependencies, by resource name (wraps the mock monitor). */
export function recordDependencies(): Map<string, string[]> {
    const seen = new Map<string, string[]>();
    const monitor = getMonitor() as unknown as { registerResource(req: DependencyRequest, cb: unknown): Promise<void> };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        seen.set(req.getName(), req.getDependenciesList());
        return original(req, cb);
    };
    return seen;
}

type DependencyRequest = { getName(): string; getDependenciesList(): string[] };
