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
import { parseRolloverState, type RolloverState } from "../resources";
import type { StackConfig } from "./config";

/** Name of the stack output that carries the rollover state, keyed by connector name. */
export const ROTATION_OUTPUT = "rotation";

/** The engine's built-in invoke that reads a stack's outputs from its backend. */
export const READ_STACK_OUTPUTS = "pulumi:pulumi:readStackOutputs";

/** Whether any connector of `config` has a managed certificate (the only ones with a rollover state). */
export function needsRotationState(config: StackConfig): boolean {
    return config.connectors.some((c) => !c.verifyOnly && c.credentialType === "certificate");
}

/** Parses a `rotation` output into a state per connector; malformed entries count as none. */
export function parseRotationOutput(value: unknown): Record<string, RolloverState> {
    const out: Record<string, RolloverState> = {};
    if (!value || typeof value !== "object") return out;
    for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
        const state = parseRolloverState(entry);
        if (state) out[name] = state;
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
    try {
        const read = (await pulumi.runtime.invoke(READ_STACK_OUTPUTS, { name })) as { outputs?: Record<string, unknown> };
        return parseRotationOutput(read?.outputs?.[ROTATION_OUTPUT]);
    } catch (e) {
        throw new ConnectorError(
            ErrorCodes.unreachable,
            `could not read this stack's previous \`${ROTATION_OUTPUT}\` output (${name}): ${(e as Error).message}`,
            { remedy: "Certificate rollovers plan from the last update's outputs: check that the backend is reachable and the stack name is right, then run again" },
        );
    }
}
