/**
 * The drift file: a YAML or JSON list of connections (or `{ connections: [...] }`). Each entry
 * names its tenant, application, cloud and profile, and its credential BY REFERENCE: a file
 * path or an environment variable name, never inline. An entry may also carry `settings`, the
 * object a stack exports per connector (`"Tenant ID"`, `"Application ID"` or `"Client ID"`,
 * `"Tenant environment type"`), instead of tenantId/clientId/cloud.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { ConfigError } from "../catalog";
import { buildTarget, type Target, type TargetSpec } from "./target";

const INLINE_SECRET_KEYS = ["clientSecret", "secret", "privateKeyPem", "certificatePem", "pfx", "Client secret"];

/** Reads and validates every entry of a drift file; throws on the first bad one. */
export function loadDriftFile(path: string, opts: { endpoint?: string } = {}): Target[] {
    let text: string;
    try {
        text = readFileSync(path, "utf8");
    } catch (e) {
        throw new ConfigError("--file", `cannot read "${path}" (${(e as NodeJS.ErrnoException).code ?? "error"})`, "Give the path of a YAML or JSON drift file");
    }
    let doc: unknown;
    try {
        doc = parseYaml(text); // YAML is a superset of JSON
    } catch (e) {
        throw new ConfigError("--file", `"${path}" is neither YAML nor JSON: ${(e as Error).message.split("\n")[0]}`, "Fix the syntax");
    }
    const list = Array.isArray(doc) ? doc : (doc as { connections?: unknown } | null)?.connections;
    if (!Array.isArray(list) || list.length === 0) {
        throw new ConfigError("connections", "the drift file lists no connections", "Write a list of connections, or an object with a `connections` list");
    }
    const baseDir = dirname(resolve(path));
    return list.map((raw, i) => {
        const at = (k: string) => `connections[${i}].${k}`;
        if (typeof raw !== "object" || raw === null) throw new ConfigError(`connections[${i}]`, "must be an object", "See the README's drift file example");
        const entry = raw as Record<string, unknown>;
        for (const key of INLINE_SECRET_KEYS) {
            if (key in entry || (typeof entry.settings === "object" && entry.settings !== null && key in entry.settings)) {
                throw new ConfigError(at(key), "credentials are not accepted inline in a drift file", "Reference them: certificate/privateKey (file paths) or secretEnv (an environment variable name)");
            }
        }
        return buildTarget(fromSettings(entry), at, { endpoint: opts.endpoint, baseDir });
    });
}

function fromSettings(entry: Record<string, unknown>): TargetSpec {
    const s = entry.settings as Record<string, unknown> | undefined;
    if (!s || typeof s !== "object") return entry as TargetSpec;
    return {
        ...(entry as TargetSpec),
        tenantId: entry.tenantId ?? s["Tenant ID"],
        clientId: entry.clientId ?? s["Application ID"] ?? s["Client ID"],
        cloud: entry.cloud ?? s["Tenant environment type"],
    };
}
