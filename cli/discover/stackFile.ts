/**
 * The stack configuration file `discover --write tenants/<stack>.yaml` writes: the format of
 * `Pulumi.<stack>.yaml` and of the GitOps tenant files (cli/gitops/tenants.ts), with one connector
 * per adopted application (`existingApplication`), and comments saying what each connector holds
 * beyond its profile and what `pulumi up` will still add. No secret is written.
 *
 * @module
 */
import { Document, YAMLMap, YAMLSeq, isMap } from "yaml";
import { describeRight, type Cloud } from "../../catalog";
import type { Adoption } from "./plan";

/** The config namespace (the Pulumi project name, Pulumi.yaml). */
export const CONFIG_NAMESPACE = "m365-connectors";

/** What the file is written from. */
export interface StackFileInput {
    /** Stack name (the file name without `.yaml`). */
    readonly stack: string;
    readonly tenantId: string;
    readonly cloud: Cloud;
    /** The emulator's base URL, when discovery ran against it. */
    readonly endpointOverride?: string;
    readonly adoptions: readonly Adoption[];
    /** The command that wrote the file, for the header. */
    readonly command: string;
}

const key = (k: string) => `${CONFIG_NAMESPACE}:${k}`;

/** The file's text: a YAML document with `config:` and comments. */
export function stackFileText(input: StackFileInput): string {
    const connectors = input.adoptions.map((a) => {
        const { existingApplication, ...rest } = a.entry;
        return { ...rest, existingApplication: { ...existingApplication } };
    });
    const doc = new Document({
        config: {
            [key("tenantId")]: input.tenantId,
            [key("environment")]: input.cloud.name,
            ...(input.endpointOverride ? { [key("endpointOverride")]: input.endpointOverride } : {}),
            [key("connectors")]: connectors,
        },
    });
    doc.commentBefore = [
        ` tenants/${input.stack}.yaml -> stack "${input.stack}": written by \`${input.command}\`.`,
        " Each connector adopts an application that was configured by hand (existingApplication): the",
        " stack manages its consent, roles and a credential of its own; the application itself is not",
        " changed. Import the existing grants before the first `pulumi up` (README \"Bring an existing tenant\").",
    ].join("\n");
    const seq = ((doc.get("config") as YAMLMap).get(key("connectors")) as YAMLSeq).items;
    input.adoptions.forEach((a, i) => {
        const item = seq[i];
        if (!isMap(item)) return;
        const lines = [` ${a.entry.displayName ?? a.entry.name}: ${a.profile.title}`];
        if (a.unmanaged.length) lines.push(` also holds, left as it is (not managed by this stack): ${a.unmanaged.map(describeRight).join("; ")}`);
        lines.push(` pulumi up will add: ${a.remaining.join("; ")}`);
        item.commentBefore = lines.join("\n");
    });
    return doc.toString({ lineWidth: 0 });
}
