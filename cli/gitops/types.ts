/**
 * Types of the GitOps runner: the verbs it knows, its options, one result per tenant and the
 * exit codes it maps them to.
 *
 * @module
 */
import type { OpMap, PulumiCommand } from "@pulumi/pulumi/automation";
import type { ExitCode } from "../exitCodes";
import type { ExpiringCredential } from "./expiry";
import type { Shard } from "./shard";

/**
 * What the runner does to every tenant's stack.
 *
 * - `preview`: `pulumi preview` (pull requests): shows what a merge would change.
 * - `up`: `pulumi up` (merge to main): applies it.
 * - `drift`: `pulumi refresh --preview-only --expect-no-changes` (nightly): re-runs every
 *   connection's probe and reports what no longer matches the state; changes nothing.
 */
export const GitOpsVerbs = ["preview", "up", "drift"] as const;
/** One of {@link GitOpsVerbs}. */
export type GitOpsVerb = (typeof GitOpsVerbs)[number];

/** The runner's exit codes are the command line's (0 clean, 1 drift or failure, 2 bad input). */
export { ExitCodes, type ExitCode } from "../exitCodes";

/**
 * Outcome of one tenant.
 *
 * - `ok`: the verb succeeded; for `drift`, no drift.
 * - `changes`: `preview` found changes that `up` would make (not a failure).
 * - `drift`: `drift` found resources whose refreshed state differs from the stack's state.
 * - `failed`: Pulumi failed (program error, failed probe on `up`, backend or secrets error).
 */
export type TenantStatus = "ok" | "changes" | "drift" | "failed";

/** A resource whose refreshed (or planned) state differs, with the properties that differ. */
export interface ChangedResource {
    /** Logical name, e.g. `snow-m365`. */
    readonly name: string;
    /** Pulumi type token. */
    readonly type: string;
    /** The engine's operation (`update`, `create`, `delete`, `replace`, …). */
    readonly op: string;
    /** Top-level properties that differ (`status`, `failingChecks`, `observedAppRoles`, …), when the engine names them. */
    readonly properties: readonly string[];
}

/** Result of one tenant. */
export interface TenantResult {
    /** Stack name (= tenant file name without `.yaml`). */
    readonly stack: string;
    /** The tenant file the stack's configuration came from. */
    readonly file: string;
    readonly verb: GitOpsVerb;
    readonly status: TenantStatus;
    /** Operation counts from the engine's summary (e.g. `{ same: 1, update: 1 }`); empty when it failed early. */
    readonly changes: OpMap;
    /** Resources with a non-`same` operation (drifted, or to be changed by `up`). */
    readonly changed: readonly ChangedResource[];
    /** Wall-clock time for this tenant, ms. */
    readonly durationMs: number;
    /** For `failed`: the Pulumi CLI's `error:` lines (no secrets: Pulumi masks them). */
    readonly error?: string;
    /** `drift`: connectors whose credential is inside its `warnDays` (from the stack's `expiry` output); they fail the run. */
    readonly expiring?: readonly ExpiringCredential[];
}

/** Options of `runGitOps`. */
export interface GitOpsOptions {
    /** Folder holding one `<stack>.yaml` per tenant (see README "GitOps and drift in CI"). */
    readonly tenantsDir: string;
    /** How many tenants run at once, 1–16; default {@link DEFAULT_CONCURRENCY}. */
    readonly concurrency?: number;
    /** Run only these stacks (names of tenant files without `.yaml`); default all. */
    readonly stacks?: readonly string[];
    /** Run only the tenants of this shard (./shard.ts); default all. A shard may hold none. */
    readonly shard?: Shard;
    /** The Pulumi project (folder holding Pulumi.yaml); default the package's own program. */
    readonly workDir?: string;
    /**
     * Environment added to every Pulumi process (e.g. `PULUMI_BACKEND_URL`,
     * `PULUMI_CONFIG_PASSPHRASE`); the runner's own environment is inherited.
     */
    readonly envVars?: Readonly<Record<string, string>>;
    /**
     * `preview` and `up` refresh the state first (`--refresh`), so what drifted is re-applied:
     * Pulumi's remediation for drift. Default false.
     */
    readonly refresh?: boolean;
    /**
     * Policy packs (folders with a PulumiPolicy.yaml, e.g. this package's `policy/`) that `preview`
     * and `up` run (`--policy-pack`); a mandatory violation fails the tenant. Default none.
     */
    readonly policyPacks?: readonly string[];
    /** Policy config files (`--policy-pack-config`), one per entry of {@link GitOpsOptions.policyPacks}. */
    readonly policyPackConfigs?: readonly string[];
    /** Secrets provider for stacks the runner creates (e.g. `passphrase`, `azurekeyvault://…`); default Pulumi's. */
    readonly secretsProvider?: string;
    /** The Pulumi CLI to use; default `pulumi` on PATH. */
    readonly pulumiCommand?: PulumiCommand;
    /** Receives every line Pulumi prints, per tenant; default: output is not shown. */
    readonly onOutput?: (stack: string, line: string) => void;
}

/** Result of `runGitOps`. */
export interface GitOpsRun {
    /** What the process should exit with: see {@link ExitCodes}. */
    readonly exitCode: ExitCode;
    /** One result per tenant, in tenant-file order (empty on bad input). */
    readonly results: readonly TenantResult[];
    /** The summary table (or, on bad input, the error), ready to print. */
    readonly summary: string;
}

/** Default of {@link GitOpsOptions.concurrency}: two tenants at once (each runs a Pulumi engine and a Node program). */
export const DEFAULT_CONCURRENCY = 2;

/** Upper bound of {@link GitOpsOptions.concurrency}. */
export const MAX_CONCURRENCY = 16;
