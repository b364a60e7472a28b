/**
 * The Pulumi program (see Pulumi.yaml): one stack is one tenant. Reads `m365-connectors:*`
 * config, validates all of it before creating anything, then sets up one Entra application per
 * connector and exports what each product's console asks for.
 *
 * - `settings`: per connector, the console's fields in its words (e.g. "Tenant ID",
 *   "Application ID", "Certificate thumbprint", "Tenant environment type").
 * - `details`: per connector, object IDs, credential expiry and, for certificates, the PFX and
 *   its password (secrets: `pulumi stack output details --show-secrets`).
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
