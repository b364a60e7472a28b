/**
 * `m365-connectors discover`: reads a tenant's applications with the deployer's credential (as
 * `preflight` does), says which match a connector profile (exactly, or holding more) and which are
 * ambiguous, incomplete or unrelated, and can write a stack config adopting the matches
 * (`--write`) and the `pulumi import --file` document of their grants (`--import`).
 * Exit 0 the tenant was read, 1 it could not be read, 2 bad input (nothing was read).
 *
 * @module
 */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, type Cloud } from "../../catalog";
import { discoverApplications } from "../../probe/discover";
import { ExitCodes, type ExitCode } from "../exitCodes";
import { rejectInlineSecrets, type Io } from "../io";
import { DEPLOYER_OPTIONS, deployerFromEnv, deployerTenant } from "../preflight";
import { importDocument } from "./importFile";
import { planDiscovery, type Finding } from "./plan";
import { findingJson, renderFindings } from "./render";
import { CONFIG_NAMESPACE, stackFileText } from "./stackFile";

/** Usage text of `discover`. */
export const DISCOVER_USAGE = `Usage: m365-connectors discover [--tenant-id GUID] [options]

Signs in as the deployer and lists the tenant's applications that hold a connector profile's
permissions and roles (exactly, or with extra rights, which are named), with their IDs,
credentials and owners. Applications that fit no profile, or more than one, or miss a right,
are reported and never adopted.

The deployer, from the environment, as for preflight: ARM_CLIENT_ID + ARM_CLIENT_SECRET,
ARM_CLIENT_ID + ARM_CLIENT_CERTIFICATE_PATH (PFX) [+ ARM_CLIENT_CERTIFICATE_PASSWORD], or
AZURE_ACCESS_TOKEN. It needs to read applications, service principals, app role assignments,
delegated grants and directory role assignments (e.g. Directory.Read.All, or the four rights
pulumi up needs).
Options:
  --tenant-id GUID     the tenant (default ARM_TENANT_ID)
  --cloud NAME         AzureCloud (default), AzureGCC, AzureGCCHigh, AzureDoD, AzureChina, or its Active Roles label
  --write FILE         write a stack config adopting the matches (tenants/<stack>.yaml; the stack is the file name)
  --import FILE        write the pulumi import --file document of their consent and role assignments
  --project NAME       the Pulumi project the import document is for (default ${CONFIG_NAMESPACE})
  --force              overwrite FILEs that exist
  --endpoint URL       send every request to URL (the local emulator only; also written as endpointOverride)
  --json               print the result as JSON
Exit codes: 0 the tenant was read (and the files written), 1 it could not be read or --write found
nothing to adopt, 2 bad input.`;

/** Stack names Pulumi accepts (as cli/gitops/tenants.ts checks tenant files). */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

function outputPath(value: string | undefined, option: string, force: boolean, ext: readonly string[]): string | undefined {
    if (value === undefined) return undefined;
    const path = resolve(value);
    if (!ext.includes(extname(path))) throw new ConfigError(option, `"${value}" must end in ${ext.join(" or ")}`, `Name it e.g. ${option === "--write" ? "tenants/contoso.yaml" : "import.json"}`);
    if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) throw new ConfigError(option, `folder ${dirname(path)} does not exist`, "Create it first");
    if (existsSync(path) && !force) throw new ConfigError(option, `${value} exists`, "Choose another file, or add --force to overwrite it");
    return path;
}

/** Runs `discover` with its arguments (after the subcommand). */
export async function discoverCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
    rejectInlineSecrets(argv);
    const { values } = parseArgs({
        args: argv,
        strict: true,
        options: {
            ...DEPLOYER_OPTIONS,
            write: { type: "string" },
            import: { type: "string" },
            project: { type: "string" },
            force: { type: "boolean" },
        },
    });
    const { tenantId, cloud } = deployerTenant(values, env);
    const force = values.force === true;
    const writePath = outputPath(values.write, "--write", force, [".yaml", ".yml"]);
    const importPath = outputPath(values.import, "--import", force, [".json"]);
    const stack = writePath ? basename(writePath, extname(writePath)) : undefined;
    if (stack !== undefined && !STACK_NAME.test(stack)) throw new ConfigError("--write", `"${stack}" is not a valid stack name`, "Name the file <stack>.yaml using letters, digits, '-', '_' or '.'");
    if (importPath && !stack) throw new ConfigError("--import", "needs --write: the import document is for the stack that file configures", "Add --write tenants/<stack>.yaml");
    const project = values.project ?? CONFIG_NAMESPACE;
    if (!/^[A-Za-z0-9_.-]+$/.test(project)) throw new ConfigError("--project", `"${project}" is not a Pulumi project name`, "Use the name: in Pulumi.yaml");
    const deployer = deployerFromEnv(env);

    io.progress(`reading the applications of ${tenantId} (${cloud.environmentType}) …`);
    const result = await discoverApplications({ tenantId, cloud: cloud.name, ...deployer.input, ...(values.endpoint ? { endpoints: { baseUrl: values.endpoint } } : {}) });
    io.progress(undefined);
    if (!result.ok) {
        const f = result.failure as { message: string; aadsts?: string };
        const text = `discover: cannot read tenant ${tenantId}: ${[f.aadsts, f.message].filter(Boolean).join(": ")}`;
        if (values.json) io.out(JSON.stringify({ tenantId, cloud: cloud.name, status: "fail", error: text }, null, 2));
        else io.err(`m365-connectors: ${text}\n  fix: check the deployer's sign-in with \`m365-connectors preflight\`; it needs to read applications, service principals and their grants (e.g. Directory.Read.All)`);
        return ExitCodes.failed;
    }
    // The deployer itself is not a connector; leave it out rather than report it.
    const findings = planDiscovery(result.applications.filter((a) => a.clientId !== result.deployerAppId));
    const nothing = writePath !== undefined && !findings.some((f) => f.adoption);
    const written = nothing ? [] : writeFiles(findings, { writePath, importPath, stack, project, tenantId, cloud, endpoint: values.endpoint, argv });
    if (values.json) {
        io.out(JSON.stringify({ tenantId, cloud: cloud.name, status: "pass", applications: findings.map(findingJson), written }, null, 2));
    } else {
        io.out(renderFindings(tenantId, cloud.environmentType, findings, written));
        if (stack && written.length) io.out(nextSteps(stack, values.write!, values.import));
    }
    if (nothing) {
        io.err(`m365-connectors: discover: no application matches a profile, so ${values.write} was not written`);
        return ExitCodes.failed;
    }
    return ExitCodes.ok;
}

/** The commands that bring the written files to a stack with nothing changed (README "Bring an existing tenant"). */
function nextSteps(stack: string, file: string, importFile: string | undefined): string {
    const at = `--stack ${stack} --config-file ${file}`;
    return [
        "",
        "Next:",
        `  git add ${file}${importFile ? ` ${importFile}` : ""} && git commit`,
        `  pulumi stack init ${stack}`,
        ...(importFile ? [`  pulumi import --file ${importFile} ${at} --yes`] : []),
        `  pulumi preview ${at}    # imported grants unchanged; creates only each connection proof and the stack's own credential`,
    ].join("\n");
}

function writeFiles(
    findings: readonly Finding[],
    o: { writePath?: string; importPath?: string; stack?: string; project: string; tenantId: string; cloud: Cloud; endpoint?: string; argv: readonly string[] },
): string[] {
    const adopted = findings.filter((f) => f.adoption).map((f) => ({ app: f.app, adoption: f.adoption! }));
    const written: string[] = [];
    if (!o.writePath || !o.stack) return written;
    const command = `m365-connectors discover ${o.argv.filter((a) => a !== "--force" && a !== "--json").join(" ")}`.trim();
    writeFileSync(o.writePath, stackFileText({ stack: o.stack, tenantId: o.tenantId, cloud: o.cloud, endpointOverride: o.endpoint ? new URL(o.endpoint).origin : undefined, adoptions: adopted.map((a) => a.adoption), command }));
    written.push(o.writePath);
    if (o.importPath) {
        const doc = importDocument(o.stack, o.project, { tenantId: o.tenantId, cloud: o.cloud.name, metadataHost: o.endpoint ? new URL(o.endpoint).host : undefined }, adopted);
        writeFileSync(o.importPath, `${JSON.stringify(doc, null, 2)}\n`);
        written.push(o.importPath);
    }
    return written;
}
