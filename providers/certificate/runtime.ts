/**
 * The real work of the ConnectorCertificate provider, loaded at call time by provider.ts (never
 * serialized).
 *
 * - check: `commonName` a non-empty string; `validityHours` a whole number from 1 to 8784 (366
 *   days); `renewBeforeHours` a whole number below `validityHours`, so a new certificate is
 *   never born inside its own renewal window (it would be re-issued on every `pulumi up`).
 * - diff: a new `commonName` or `validityHours`, or a certificate inside its renewal window
 *   (`notAfter - renewBeforeHours <= now`), replaces the certificate: the new one is created
 *   first, then everything that uses it is updated, then the old one is deleted (Pulumi's
 *   create-before-delete). A new `renewBeforeHours` alone is an update of that value.
 * - create: generates the key and the certificate, valid from now for `validityHours`.
 * - read: the certificate does not change outside Pulumi; the stored state is returned.
 * - delete: nothing to do (the key lives only in the state).
 *
 * "Now" is the machine's clock. `M365C_CERTIFICATE_CLOCK_OFFSET_DAYS` moves the clock used for
 * the renewal decision only (the test suite uses it to reach a renewal window without waiting
 * months); the generated certificate's dates are always real.
 *
 * @module
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { parseCertificatePem } from "../../catalog";
import { UNKNOWN } from "../connection/types";
import { renewalClock } from "./clock";
import { generateCertificate } from "./generate";

export { renewalClock };

/** The longest validity accepted, hours (366 days). */
export const MAX_VALIDITY_HOURS = 8784;
const HOUR_MS = 3_600_000;

/** The inputs of a ConnectorCertificate. */
export interface CertificateInputs {
    readonly commonName: string;
    readonly validityHours: number;
    readonly renewBeforeHours: number;
}

/** What a ConnectorCertificate stores: its inputs and the certificate. `privateKeyPem` is a secret output. */
export interface CertificateOutputs extends CertificateInputs {
    readonly certificatePem: string;
    readonly privateKeyPem: string;
    /** RFC 3339. */
    readonly notBefore: string;
    /** RFC 3339. */
    readonly notAfter: string;
    /** SHA-1 of the DER, uppercase hex (the portal's thumbprint). */
    readonly thumbprintSha1: string;
    readonly thumbprintSha256: string;
}

const INPUT_KEYS = ["commonName", "validityHours", "renewBeforeHours"] as const;

/** Whether a certificate ending at `notAfter` is inside its renewal window at `now`. */
export function dueForRenewal(notAfter: string, renewBeforeHours: number, now: Date): boolean {
    return Date.parse(notAfter) - renewBeforeHours * HOUR_MS <= now.getTime();
}

const isUnknown = (v: unknown) => v === undefined || v === UNKNOWN;

/** `check`: one failure per bad input, naming it and what to do. */
export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    const failures: dynamic.CheckFailure[] = [];
    const whole = (v: unknown) => typeof v === "number" && Number.isInteger(v);
    if (!isUnknown(news.commonName) && (typeof news.commonName !== "string" || news.commonName.trim() === "" || news.commonName.length > 200)) {
        failures.push({ property: "commonName", reason: "must be a non-empty string of at most 200 characters (the certificate's subject CN)" });
    }
    const validity = news.validityHours;
    if (!isUnknown(validity) && (!whole(validity) || (validity as number) < 1 || (validity as number) > MAX_VALIDITY_HOURS)) {
        failures.push({ property: "validityHours", reason: `must be a whole number of hours from 1 to ${MAX_VALIDITY_HOURS} (Entra accepts certificate credentials for at most a year)` });
    }
    const renew = news.renewBeforeHours;
    if (!isUnknown(renew) && (!whole(renew) || (renew as number) < 0 || (whole(validity) && (renew as number) >= (validity as number)))) {
        failures.push({ property: "renewBeforeHours", reason: "must be a whole number of hours, at least 0 and less than validityHours; otherwise every `pulumi up` would re-issue the certificate" });
    }
    return { inputs: news, failures };
}

/** `diff`: see the module comment. */
export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult> {
    const changed = INPUT_KEYS.filter((k) => isUnknown(news[k]) || olds[k] !== news[k]);
    const replaces: string[] = changed.filter((k) => k !== "renewBeforeHours");
    const renewBefore = typeof news.renewBeforeHours === "number" ? news.renewBeforeHours : (olds.renewBeforeHours as number);
    if (typeof olds.notAfter === "string" && dueForRenewal(olds.notAfter, renewBefore, renewalClock())) replaces.push("notAfter");
    return { changes: changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: false };
}

/** `create`: a new key and certificate, valid from now for `validityHours`. */
export async function create(news: Record<string, unknown>): Promise<dynamic.CreateResult> {
    const inputs = pickInputs(news);
    const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000);
    const notAfter = new Date(notBefore.getTime() + inputs.validityHours * HOUR_MS);
    const made = await generateCertificate(inputs.commonName, notBefore, notAfter);
    const info = parseCertificatePem(made.certificatePem);
    const outs: CertificateOutputs = {
        ...inputs,
        ...made,
        notBefore: notBefore.toISOString().replace(/\.000Z$/, "Z"),
        notAfter: notAfter.toISOString().replace(/\.000Z$/, "Z"),
        thumbprintSha1: info.thumbprintSha1,
        thumbprintSha256: info.thumbprintSha256,
    };
    return { id: info.thumbprintSha1.toLowerCase(), outs };
}

/** `update`: only `renewBeforeHours` changes; the certificate stays. */
export async function update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.UpdateResult> {
    return { outs: { ...olds, ...pickInputs(news) } };
}

function pickInputs(news: Record<string, unknown>): CertificateInputs {
    return { commonName: String(news.commonName), validityHours: Number(news.validityHours), renewBeforeHours: Number(news.renewBeforeHours) };
}
