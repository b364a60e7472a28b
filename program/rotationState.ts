/**
 * The certificate rollover state of the previous run, read back by the program before it
 * declares anything (resources/rollover.ts explains why it is needed up front).
 *
 * The state is this stack's own `rotation` output from its last update. It is read with the
 * engine's built-in `pulumi:pulumi:readStackOutputs` invoke, which `StackReference` also uses
 * (pulumi/pulumi pkg/resource/deploy/builtins.go), but as an invoke: nothing is recorded in the
 * state. (A `StackReference` to the stack itself would be, and every `pulumi refresh` would then
 * show it changed, since the stack's outputs change with every update: false drift.) Thumbprints
 * and dates only: nothing secret.
 *
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { ConnectorError, ErrorCodes } from "../catalog";
import { checkRolloverChange, parseRolloverState, type RolloverState } from "../resources";
import type { StackConfig } from "./config";

/** Name of the stack output that carries the rollover state, keyed by connector name. */
export const ROTATION_OUTPUT = "rotation";

/** The engine's built-in invoke that reads a stack's outputs from its backend. */
export const READ_STACK_OUTPUTS = "pulumi:pulumi:readStackOutputs";

/** Whether any connector of `config` has a managed certificate (the only ones with a rollover state). */
export function needsRotationState(config: StackConfig): boolean {
    return config.connectors.some((c) => !c.verifyOnly && c.credentialType === "certificate");
}

/**
 * Parses a `rotation` output into a state per connector. A connector without an entry has no
 * state yet (a first run); an entry that cannot be read fails the run, since planning without it
 * could remove the certificate in use.
 */
export function parseRotationOutput(value: unknown): Record<string, RolloverState> {
    const out: Record<string, RolloverState> = {};
    if (value === undefined || value === null) return out;
    const bad: string[] = [];
    for (const [name, entry] of Object.entries(typeof value === "object" ? (value as Record<string, unknown>) : { "": value })) {
        if (entry === undefined || entry === null) continue;
        const state = parseRolloverState(entry);
        if (state) out[name] = state;
        else bad.push(name || "(the whole output)");
    }
    if (bad.length > 0) {
        throw new ConnectorError(ErrorCodes.badInput, `the \`${ROTATION_OUTPUT}\` output of the last update cannot be read for ${bad.join(", ")}`, {
            remedy: "It must hold, per connector, inUse (a or b), slots with attachedAt, and next when a rollover is under way; restore it from `pulumi stack history` / `pulumi stack export`, or remove the entry if the connector's certificates are in slot a",
        });
    }
    return out;
}

/**
 * Reads the previous run's rollover state of this stack. An empty object on the first run. Fails
 * with a {@link ConnectorError} when the backend cannot be read: planning a rollover without it
 * could remove the certificate a connector uses.
 */
export async function readPreviousRotation(config: StackConfig): Promise<Record<string, RolloverState>> {
    if (!needsRotationState(config)) return {};
    const name = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
    const read = async (stack: string) => ((await pulumi.runtime.invoke(READ_STACK_OUTPUTS, { name: stack })) as { outputs?: Record<string, unknown> })?.outputs;
    let outputs: Record<string, unknown> | undefined;
    try {
        try {
            outputs = await read(name);
        } catch (qualified) {
            // A DIY backend in the legacy (not project-scoped) layout names stacks without organization and project.
            outputs = await read(pulumi.getStack()).catch(() => Promise.reject(qualified));
        }
    } catch (e) {
        throw new ConnectorError(
            ErrorCodes.unreachable,
            `could not read this stack's previous \`${ROTATION_OUTPUT}\` output (${name}): ${(e as Error).message}`,
            { remedy: "Certificate rollovers plan from the last update's outputs: check that the backend is reachable and the stack name is right, then run again" },
        );
    }
    return parseRotationOutput(outputs?.[ROTATION_OUTPUT]);
}

/**
 * Refuses, before anything is declared, a credential change that would take a certificate in use
 * off its application at once (resources/rollover.ts `checkRolloverChange`), naming the connector's
 * config path.
 */
export function checkRotationChanges(config: StackConfig, rotation: Readonly<Record<string, RolloverState>>): void {
    config.connectors.forEach((c, i) => {
        if (c.credentialPlan?.type === "certificate" && rotation[c.name]) checkRolloverChange(c.credentialPlan, rotation[c.name], `m365-connectors:connectors[${i}].credential`);
    });
}
