/**
 * GitOps for connectors: one Pulumi stack per tenant, configured by a file in a tenants folder;
 * `preview` on pull requests, `up` on merge, `drift` on a schedule, with a summary table and
 * CI exit codes (0 clean, 1 drift or failure, 2 bad input). See README "GitOps and drift in CI".
 *
 * @module
 */
export { runGitOps, defaultWorkDir } from "./runGitOps";
export { gitopsCommand, GITOPS_USAGE, type GitOpsIo } from "./command";
export { loadTenants, checkTenantFile, TENANT_FILE_KEYS, type TenantFile } from "./tenants";
export { formatSummary, formatOps, exitCodeOf } from "./summary";
export { hasChanges, errorLines } from "./operations";
export { Mutex } from "./mutex";
export {
    DEFAULT_CONCURRENCY,
    ExitCodes,
    GitOpsVerbs,
    MAX_CONCURRENCY,
    type ChangedResource,
    type ExitCode,
    type GitOpsOptions,
    type GitOpsRun,
    type GitOpsVerb,
    type TenantResult,
    type TenantStatus,
} from "./types";
export { MAX_SHARDS, inShard, parseShard, shardOf, type Shard } from "./shard";
