/**
 * Tenant files: one `<stack>.yaml` per tenant in a folder, each a Pulumi stack configuration file
 * (the format of `Pulumi.<stack>.yaml`: `config:`, and the `encryptionsalt:` or
 * `secretsprovider:` + `encryptedkey:` that Pulumi writes when a value is set with `--secret`).
 * The runner hands the file to every Pulumi command with `--config-file`, so the folder, not the
 * project root, is where tenants live, and a secret is committed only as Pulumi ciphertext.
 *
 * {@link loadTenants} checks the folder before any stack runs; every problem is a
 * {@link ConfigError} naming the file.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { parse } from "yaml";
import { ConfigError } from "../../catalog";

/** One tenant: a stack and the configuration file it runs with. */
export interface TenantFile {
    /** Stack name: the file name without `.yaml` / `.yml`. */
    readonly stack: string;
    /** Absolute path of the file. */
    readonly file: string;
}

/** Top-level keys of a Pulumi stack configuration file (Pulumi's `ProjectStack`). */
export const TENANT_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"] as const;

/** Stack names Pulumi accepts (letters, digits, `-`, `_`, `.`; at most 100). */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const EXTENSIONS = [".yaml", ".yml"];

/**
 * Lists and validates the tenant files of `dir`, sorted by stack name. Files not ending in
 * `.yaml`/`.yml`, and files starting with `.` or `_`, are ignored (room for a README or shared
 * snippets). `only` restricts the result to these stacks.
 */
export function loadTenants(dir: string, only?: readonly string[]): TenantFile[] {
    const folder = resolve(dir);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
        throw new ConfigError("tenantsDir", `${folder} is not a folder`, "Point it at the folder holding one <stack>.yaml per tenant");
    }
    const tenants: TenantFile[] = [];
    for (const name of readdirSync(folder).sort()) {
        if (!EXTENSIONS.includes(extname(name)) || name.startsWith(".") || name.startsWith("_")) continue;
        const stack = basename(name, extname(name));
        const file = join(folder, name);
        if (!STACK_NAME.test(stack)) {
            throw new ConfigError(file, `"${stack}" is not a valid stack name`, "Name the file <stack>.yaml using letters, digits, '-', '_' or '.'");
        }
        const twin = tenants.find((t) => t.stack === stack);
        if (twin) throw new ConfigError(file, `stack "${stack}" also comes from ${twin.file}`, "Keep one file per stack");
        checkTenantFile(file);
        tenants.push({ stack, file });
    }
    if (tenants.length === 0) {
        throw new ConfigError("tenantsDir", `${folder} holds no <stack>.yaml tenant file`, "Add one file per tenant (see README \"GitOps and drift in CI\")");
    }
    if (!only || only.length === 0) return tenants;
    const unknown = only.filter((s) => !tenants.some((t) => t.stack === s));
    if (unknown.length > 0) {
        throw new ConfigError("stacks", `no tenant file for ${unknown.map((s) => `"${s}"`).join(", ")}`, `Use one of: ${tenants.map((t) => t.stack).join(", ")}`);
    }
    return tenants.filter((t) => only.includes(t.stack));
}

/** Checks that `file` is a stack configuration file with a `config:` mapping. */
export function checkTenantFile(file: string): void {
    let doc: unknown;
    try {
        doc = parse(readFileSync(file, "utf8"));
    } catch (e) {
        throw new ConfigError(file, `is not valid YAML: ${(e as Error).message.split("\n")[0]}`, "Fix the YAML syntax");
    }
    if (!isMapping(doc)) {
        throw new ConfigError(file, "must be a mapping with a `config:` key", "Write it like Pulumi.<stack>.yaml (see Pulumi.example.yaml)");
    }
    const extra = Object.keys(doc).filter((k) => !(TENANT_FILE_KEYS as readonly string[]).includes(k));
    if (extra.length > 0) {
        throw new ConfigError(`${file}: ${extra[0]}`, "is not a key of a Pulumi stack configuration file", `Use only ${TENANT_FILE_KEYS.join(", ")}; connector settings go under config:`);
    }
    if (!isMapping(doc.config)) {
        throw new ConfigError(`${file}: config`, doc.config === undefined ? "is required" : "must be a mapping of config keys", "Add e.g. `config: { m365-connectors:tenantId: <GUID>, ... }`");
    }
}

function isMapping(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
