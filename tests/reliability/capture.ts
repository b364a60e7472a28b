/**
 * What the reliability suites saw, for the secrets check: everything written to stdout or stderr
 * (console output included) while a reliability suite runs, plus the texts the suites hand in
 * (error messages, reports, outputs), and the secret values they used. Each suite calls
 * {@link captureDuring} in its `describe`; a root `after` hook (registered when this module is
 * first imported by a spec file) scans everything once all suites have run.
 */
import { strict as assert } from "node:assert";

/** Everything captured so far, one entry per write or record. */
export const captured: string[] = [];

/** Secret values the suites used: none may appear in anything captured. */
export const secretValues = new Set<string>();

/** Adds texts (error messages, serialized reports, outputs) to what is scanned. */
export function record(...texts: unknown[]): void {
    for (const t of texts) {
        captured.push(typeof t === "string" ? t : t instanceof Error ? `${t.name}: ${t.message}\n${t.stack ?? ""}` : (JSON.stringify(t) ?? String(t)));
    }
}

/** Markers for a PEM private key: two lines of its base64 body (the armour is checked generically). */
export function privateKeyMarkers(privateKeyPem: string): string[] {
    const body = privateKeyPem.split(/\r?\n/).filter((l) => l && !l.startsWith("-----"));
    return [body[1] ?? "", body[body.length - 2] ?? ""].filter((l) => l.length >= 16);
}

/** Registers secret values (client secrets, private keys, PFX blobs and passwords) to scan for. */
export function registerSecrets(...values: (string | undefined)[]): void {
    for (const v of values) {
        if (!v) continue;
        if (v.includes("PRIVATE KEY-----")) privateKeyMarkers(v).forEach((m) => secretValues.add(m));
        else if (v.length > 200) secretValues.add(v.slice(0, 64)); // a base64 blob (PFX): its head
        else secretValues.add(v);
    }
}

/** Any PEM private key with its body (the armour alone, as in "no -----BEGIN PRIVATE KEY----- block", is fine). */
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/=]{16}/;

/** The secret markers found in `text`. */
export function secretsIn(text: string): string[] {
    const pem = PEM_PRIVATE_KEY.exec(text)?.[0];
    return [...(pem ? [pem] : []), ...[...secretValues].filter((m) => text.includes(m))];
}

let active = 0;
let installed = false;

function install(): void {
    if (installed) return;
    installed = true;
    for (const stream of [process.stdout, process.stderr]) {
        const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
        stream.write = ((chunk: unknown, ...rest: unknown[]) => {
            if (active > 0) captured.push(typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : String(chunk));
            return write(chunk, ...rest);
        }) as typeof stream.write;
    }
}

/** Captures stdout and stderr while the calling `describe` runs (call it inside the describe). */
export function captureDuring(): void {
    before(() => {
        install();
        active++;
    });
    after(() => {
        active--;
    });
}

// Root hook: runs once after every suite of the run.
after(function scanForSecrets() {
    const leaks = captured.map((text, i) => ({ i, found: secretsIn(text) })).filter((x) => x.found.length > 0);
    assert.deepEqual(
        leaks.map((l) => `entry ${l.i}: ${l.found.map((m) => m.slice(0, 12) + "…").join(", ")}`),
        [],
        "secret material in captured output, errors or outputs",
    );
});
