/**
 * Runs `ConnectorConnection` under `pulumi.runtime.setMocks`, so the SDK serializes the provider
 * exactly as `pulumi up` does, and captures what the engine would receive.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConnectorConnectionArgs } from "../../providers/connection";

/** What the mock engine saw for one ConnectorConnection. */
export interface Registration {
    type: string;
    inputs: Record<string, unknown>;
    /** The serialized provider (`__provider`): the code the dynamic-provider host will run. */
    serializedProvider: string;
    additionalSecretOutputs: string[];
    /** Raw protobuf `credential` input, to see the secret signature. */
    rawCredential: unknown;
}

/** Registers a ConnectorConnection under mocks and resolves with what the engine received. */
export async function registerUnderMocks(args: ConnectorConnectionArgs, opts?: pulumi.CustomResourceOptions): Promise<Registration> {
    const seen: Partial<Registration> = {};
    await pulumi.runtime.setMocks(
        {
            newResource: (a) => {
                seen.type = a.type;
                seen.inputs = a.inputs as Record<string, unknown>;
                seen.serializedProvider = String(a.inputs.__provider);
                return { id: "mock-id", state: { ...a.inputs, status: "pass" } };
            },
            call: () => ({}),
        },
        "project",
        "stack",
        false,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: unknown, cb: unknown) => unknown };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: unknown, cb: unknown) => {
        const r = req as { getAdditionalsecretoutputsList(): string[]; getObject(): { toJavaScript(): Record<string, unknown> } };
        seen.additionalSecretOutputs = r.getAdditionalsecretoutputsList();
        seen.rawCredential = r.getObject().toJavaScript().credential;
        return original(req, cb);
    };
    const { ConnectorConnection } = await import("../../providers/connection");
    const conn = new ConnectorConnection("conn", args, opts);
    await new Promise<void>((resolve) => conn.urn.apply(() => resolve()));
    await new Promise<void>((resolve) => conn.status.apply(() => resolve()));
    return seen as Registration;
}
