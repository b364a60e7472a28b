/**
 * The Pulumi program (see Pulumi.yaml): one stack is one tenant. Reads `m365-connectors:*`
 * config, validates all of it and the deployer's rights before creating anything, then sets up
 * one Entra application per connector (or, in verify-only mode, only the proof of an existing
 * one) and exports what each product's console asks for.
 *
 * - `settings`: per connector, the console's fields in its words (e.g. "Tenant ID",
 *   "Application ID", "Certificate thumbprint", "Tenant environment type").
 * - `details`: per connector, object IDs, credential expiry and, for certificates, the PFX and
 *   its password (secrets: `pulumi stack output details --show-secrets`).
 * - `connections`: per connector, what the ConnectorConnection proved (status, failing checks,
 *   credential days left, last verified); `pulumi refresh` updates it, so drift shows here.
 *
 * Our own errors (bad config, a deployer without a right it needs) are reported as Pulumi run
 * errors: the message with its fix, without a stack trace.
 *
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { isConnectorError } from "./catalog";
import { runStack, type StackOutputs } from "./program/main";

export = async (): Promise<StackOutputs> => {
    try {
        return await runStack();
    } catch (e) {
        throw isConnectorError(e) ? new pulumi.RunError(e.message) : e;
    }
};
