/**
 * The AADSTS errors the emulator's token and discovery endpoints answer with: code, OAuth `error`,
 * HTTP status and message text, each from a response someone recorded from Entra ID.
 * Data only; {@link ../entra/errors.ts} builds the envelope.
 *
 * General rule (Azure AD "Token Issuance Endpoint Errors",
 * https://learn.microsoft.com/previous-versions/azure/dn645548(v=azure.100)): 400 is the default,
 * 401 when authentication of the client failed (RFC 6749 §5.2: `invalid_client` may answer 401).
 *
 * @module
 */

/** Values an error message is built from. */
export interface AadstsArgs {
    readonly tenant?: string;
    readonly tenantName?: string;
    readonly clientId?: string;
    /** The application's display name. */
    readonly appName?: string;
    readonly parameter?: string;
    readonly scope?: string;
    readonly resource?: string;
    readonly thumbprint?: string;
    readonly detail?: string;
}

/** One AADSTS error: what the token endpoint answers, and where that answer was observed. */
export interface AadstsSpec {
    readonly code: number;
    /** OAuth 2.0 `error` value. */
    readonly error: string;
    readonly status: number;
    readonly message: (a: AadstsArgs) => string;
    /** Where the code, `error` value and status were observed. */
    readonly source: string;
}

const consentHint = "This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.";

/** Every AADSTS error the emulator answers, by name; the single table so each code has one cited source. */
export const Aadsts = {
    /** Token endpoint, unknown tenant. */
    tenantNotFound: {
        code: 90002, error: "invalid_request", status: 400,
        message: (a) => `Tenant '${a.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
        source: "token endpoint 400 invalid_request: microsoft/azure-tools-for-java#3900; message: microsoftgraph/windowsupdates-webapplication-sample#6",
    },
    /** OpenID configuration of an unknown tenant. */
    tenantNotFoundDiscovery: {
        code: 90002, error: "invalid_tenant", status: 400,
        message: (a) => `Tenant '${a.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
        source: "OIDC discovery answer, invalid_tenant: james-gould/azure-keyvault-emulator#324",
    },
    missingParameter: {
        code: 900144, error: "invalid_request", status: 400,
        message: (a) => `The request body must contain the following parameter: '${a.parameter}'.`,
        source: "n8n-io/n8n#33881 (message); the reference-error-codes sample and the 400 default for invalid_request",
    },
    missingCredential: {
        code: 7000218, error: "invalid_client", status: 401,
        message: () => "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        source: "Azure-Samples/active-directory-dotnetcore-console-up-v2#10 (body), Azure-Samples/active-directory-dotnet-native-aspnetcore#22 (401)",
    },
    appNotFound: {
        code: 700016, error: "unauthorized_client", status: 400,
        message: (a) => `Application with identifier '${a.clientId}' was not found in the directory '${a.tenantName}'. ${consentHint} You may have sent your authentication request to the wrong tenant.`,
        source: "microsoft/AzureMonitorAddonForSplunk#114 (unauthorized_client body); 400 per the token-endpoint default",
    },
    /**
     * The client's service principal has `accountEnabled: false`: "disabling … prevents all tokens
     * from being issued for that application" (https://learn.microsoft.com/entra/identity/enterprise-apps/disable-user-sign-in-portal).
     */
    appDisabled: {
        code: 7000112, error: "unauthorized_client", status: 400,
        message: (a) => `Application '${a.clientId}'(${a.appName}) is disabled.`,
        source: "UnauthorizedClientApplicationDisabled, https://learn.microsoft.com/entra/identity-platform/reference-error-codes; body (unauthorized_client, message): Worklytics/psoxy#74; 400 per the token-endpoint default, as 700016",
    },
    invalidSecret: {
        code: 7000215, error: "invalid_client", status: 401,
        message: (a) => `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${a.clientId}'.`,
        source: "OfficeDev/microsoft-365-agents-toolkit#8621 and Azure/sap-automation#418 (HTTP 401, body)",
    },
    expiredSecret: {
        code: 7000222, error: "invalid_client", status: 401,
        message: (a) => `The provided client secret keys for app '${a.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
        source: "liprec/vsts-release-aas#119 (HTTP 401 Unauthorized, invalid_client body)",
    },
    assertionKeyNotFound: {
        code: 700027, error: "invalid_client", status: 401,
        message: (a) => `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${a.thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${a.clientId}'.]`,
        source: "Azure/azure-sdk-for-net#29007 (message, MSAL invalid_client); 401 as for every invalid_client",
    },
    assertionBadSignature: {
        code: 700027, error: "invalid_client", status: 401,
        message: (a) => `Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '${a.thumbprint}']`,
        source: "reason text: Azure/azure-sdk-for-java#25109; code: Azure/azure-sdk-for-net#29007",
    },
    /** The key's credential is past its endDateTime. Entra also lists the key found ("Found key 'Start=…, End=…'"); the emulator stops at the thumbprint. */
    assertionKeyExpired: {
        code: 700027, error: "invalid_client", status: 401,
        message: (a) => `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${a.thumbprint}']`,
        source: "code and reason text: MicrosoftDocs/azure-stack-docs azure-stack/hci/manage/troubleshoot-hci-registration.md (AADSTS700027 … [Reason - The key used is expired. …]); 401 as for every invalid_client",
    },
    assertionMalformed: {
        code: 50027, error: "invalid_client", status: 401,
        message: (a) => `Invalid JWT token. ${a.detail ?? "The client assertion is malformed."}`,
        source: "AzureAD/microsoft-authentication-library-for-dotnet#124 (AADSTS50027: Invalid JWT token. No certificate thumbprint specified in token header.); meaning, InvalidJwtToken: a JWT that doesn't contain a required claim or whose format isn't proper, https://learn.microsoft.com/entra/identity-platform/reference-error-codes",
    },
    assertionAudience: {
        code: 50012, error: "invalid_client", status: 401,
        message: () => "Client assertion audience claim does not match Realm issuer.",
        source: "AzureAD/azure-activedirectory-library-for-python#79 (HTTP 401, invalid_client, error_codes [70002, 50012])",
    },
    assertionTime: {
        code: 700024, error: "invalid_client", status: 401,
        message: (a) => `Client assertion is not within its valid time range. ${a.detail} Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
        source: "obikuro/Sato#1 (invalid_client body), AzureAD/microsoft-authentication-library-for-java#984 (message)",
    },
    invalidScope: {
        code: 70011, error: "invalid_scope", status: 400,
        message: (a) => `The provided value for the input parameter 'scope' isn't valid. The scope ${a.scope} isn't valid.`,
        source: "sample response in https://learn.microsoft.com/entra/identity-platform/reference-error-codes; laravel/socialite#315 (400 Bad Request)",
    },
    resourceNotFound: {
        code: 500011, error: "invalid_resource", status: 400,
        message: (a) => `The resource principal named ${a.resource} was not found in the tenant named ${a.tenantName}. ${consentHint} You might have sent your authentication request to the wrong tenant.`,
        source: "rootinc/laravel-azure-middleware#51 (invalid_resource body), Azure/azure-cli#17209 (HTTP 400)",
    },
} as const satisfies Record<string, AadstsSpec>;

/** The name of one entry of {@link Aadsts}. */
export type AadstsName = keyof typeof Aadsts;
