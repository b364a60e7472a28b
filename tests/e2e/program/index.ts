/**
 * e2e stand-in program: the repository's program in existing-application, verify-only mode,
 * reduced to what the e2e suite needs, reading the config shape proposed for it:
 *
 * ```yaml
 * config:
 *   m365-connectors:tenantId: <GUID>
 *   m365-connectors:environment: AzureCloud          # optional
 *   m365-connectors:endpointOverride: https://127.0.0.1:<port>   # emulator only
 *   m365-connectors:connectors:
 *     - name: ars-m365
 *       profile: activeroles-m365
 *       existingApplication: { clientId: <GUID>, manage: verify-only }
 *       credential: { pem: <certificate PEM>, keyPem: <secret> }
 *     - name: snow-m365
 *       profile: snow-atlas-m365
 *       existingApplication: { clientId: <GUID>, manage: verify-only }
 *       credential: { clientSecret: <secret> }
 * ```
 *
 * One {@link connectExistingApplication} (a ConnectorConnection) per connector and no
 * `@pulumi/azuread` resource, so no provider plugin is needed. Exports `settings` per connector
 * in the console's words, like the real program.
 *
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { Profiles, type CloudName, type ProfileName } from "../../../catalog";
import { connectExistingApplication } from "../../../providers/connection";

interface ConnectorEntry {
    name: string;
    profile: ProfileName;
    existingApplication: { clientId: string; manage?: string };
    credential: { pem?: string; keyPem?: string; clientSecret?: string };
}

const config = new pulumi.Config("m365-connectors");
const tenantId = config.require("tenantId");
const cloud = (config.get("environment") ?? "AzureCloud") as CloudName;
const endpointOverride = config.get("endpointOverride");

/** Console settings per connector. */
export const settings: Record<string, pulumi.Output<Record<string, string>>> = {};
/** Probe status per connector (`pass`, `warn`, `fail`). */
export const status: Record<string, pulumi.Output<string>> = {};

for (const c of config.requireObject<ConnectorEntry[]>("connectors")) {
    const conn = connectExistingApplication(c.name, {
        tenantId,
        clientId: c.existingApplication.clientId,
        cloud,
        profile: c.profile,
        credential: c.credential.clientSecret !== undefined
            ? { clientSecret: c.credential.clientSecret }
            : { certificatePem: c.credential.pem, privateKeyPem: c.credential.keyPem },
        endpointOverride,
        consistencyTimeoutSeconds: 60,
    });
    const labels = Profiles[c.profile].settingsLabels;
    settings[c.name] = conn.settings.apply((s): Record<string, string> => ({
        [labels.tenantId]: s.tenantId,
        [labels.clientId]: s.applicationId,
        ...(s.certificateThumbprint ? { "Certificate thumbprint": s.certificateThumbprint } : {}),
        ...(labels.environment ? { [labels.environment]: s.tenantEnvironmentType } : {}),
    }));
    status[c.name] = conn.status;
}
