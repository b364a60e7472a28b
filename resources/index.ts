/**
 * Pulumi components on `@pulumi/azuread` (and our generated ConnectorCertificate) that set up
 * an Entra application for a sync connector: application, service principal, admin consent,
 * directory roles, credential.
 *
 * @module
 */
export { ConnectorApplication } from "./connectorApplication";
export { connect, type ConnectOptions } from "./connect";
export {
    ManageModes, checkExistingApplication, planConnector,
    type ConnectionCredential, type ConnectionInputs, type ConnectorApplicationArgs, type ConnectorPlan, type ExistingApplication, type ManageMode,
} from "./connectorApplicationArgs";
export {
    CredentialDefaults, HOURS_PER_MONTH, PfxEncryptions, planCredential,
    type CertificatePlan, type CredentialPlan, type ProvidedCertificate, type CredentialSpec, type PfxEncryption, type SecretPlan,
} from "./credentialSpec";
export { createCredential, type AttachedCertificate, type CredentialOptions, type CredentialOutputs } from "./credential";
export { checkRolloverChange, parseRolloverState, planRollover, singleSlot, type RolloverPlan, type RolloverState, type SlotDeclaration, type SlotName, type SlotRecord } from "./rollover";
export { GrantNames, createGrants, slug, type GrantOptions, type Grants } from "./grants";
export { buildPfx, derivePfxPassword, readPfx, type PfxInput } from "./pfx";
export { createTenantProvider, type TenantProviderArgs, type TenantProviderAuth } from "./provider";
export { rfc3339, secretSchedule, type SecretSlot } from "./rotation";
export { booleanOr, checkObject, integerIn, nonEmptyString, oneOf, stringList } from "./check";
