/**
 * The Pulumi program (see Pulumi.yaml): one stack is one tenant. Reads `m365-connectors:*`
 * config, validates all of it before creating anything, then sets up one Entra application per
 * connector (or, in verify-only mode, only the proof of an existing one) and exports what each product's console asks for.
 *
 * - `settings`: per connector, the console's fields in its words (e.g. "Tenant ID",
 *   "Application ID", "Certificate thumbprint", "Tenant environment type").
 * - `details`: per connector, object IDs, credential expiry and, for certificates, the PFX and
 *   its password (secrets: `pulumi stack output details --show-secrets`).
 * - `connections`: per connector, what the ConnectorConnection proved (status, failing checks,
 *   credential days left, last verified); `pulumi refresh` updates it, so drift shows here.
 *
 * @module
 */
import { parseStackConfig, readStackConfig } from "./program/config";
import { deployStack, stackOutputs } from "./program/stack";

const outputs = stackOutputs(deployStack(parseStackConfig(readStackConfig())));

/** Console settings per connector. */
export const settings = outputs.settings;
/** Object IDs, credential expiry and PFX per connector. */
export const details = outputs.details;
/** Per connector: the last probe's status, failing checks, credential days left, time. */
export const connections = outputs.connections;
