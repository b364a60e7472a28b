/**
 * The ConnectorConnection provider serialized by the Pulumi SDK exactly as `pulumi up` does:
 * a resource is registered under `pulumi.runtime.setMocks` and the `__provider` input the engine
 * would receive is captured. Used by the demo to drive Pulumi's dynamic-provider host without
 * the Pulumi CLI.
 *
 * @module
 */
import * as pulumi from "@pulumi/pulumi";

/** Returns the serialized provider text (`__provider`) for a ConnectorConnection with `inputs`. */
export async function serializeConnectionProvider(inputs: Record<string, unknown>): Promise<string> {
    let serialized: string | undefined;
    await pulumi.runtime.setMocks(
        {
            newResource: (a) => {
                serialized = String(a.inputs.__provider);
                return { id: "serialized", state: a.inputs };
            },
            call: () => ({}),
        },
        "m365-connectors",
        "demo",
        false,
    );
    const { ConnectorConnection } = await import("../providers/connection");
    const conn = new ConnectorConnection("serialize", inputs as unknown as ConstructorParameters<typeof ConnectorConnection>[1]);
    await new Promise<void>((resolve) => conn.urn.apply(() => resolve()));
    if (!serialized) throw new Error("the Pulumi SDK did not serialize the provider");
    return serialized;
}
