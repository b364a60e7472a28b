/**
 * Connects a {@link ConnectorApplication} to its proof: a {@link ConnectorConnection} built from
 * the application's `connectionInputs`, created after every consent, role and credential
 * resource (`dependsOn: app.grants`) so the probe starts once the grants are written; the
 * connection then waits for them to replicate.
 *
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { ConnectorConnection, type ConnectorConnectionArgs } from "../providers/connection";
import type { ConnectorApplication } from "./connectorApplication";

/** Options of {@link connect}: the connection's own settings. */
export type ConnectOptions = Pick<ConnectorConnectionArgs, "warnDays" | "consistencyTimeoutSeconds" | "endpointOverride">;

/** Creates the ConnectorConnection of `app`, named `name`, depending on all of `app.grants`. */
export function connect(app: ConnectorApplication, name: string, options: ConnectOptions = {}, opts?: pulumi.CustomResourceOptions): ConnectorConnection {
    const inputs = app.connectionInputs;
    const c = inputs.credential;
    const credential =
        c.type === "certificate"
            ? { certificatePem: c.certificatePem, privateKeyPem: c.privateKeyPem }
            : { clientSecret: c.clientSecret, secretExpiresAt: c.secretExpiresAt };
    return new ConnectorConnection(
        name,
        {
            tenantId: inputs.tenantId,
            clientId: inputs.clientId,
            cloud: inputs.cloud,
            expectations: inputs.expectations,
            credential,
            ...(c.type === "certificate" && c.next ? { nextCredential: c.next } : {}),
            ...options,
        },
        pulumi.mergeOptions(opts, { dependsOn: [...inputs.dependsOn] }),
    );
}
