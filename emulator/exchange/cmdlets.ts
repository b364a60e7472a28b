/**
 * The read-only cmdlets the emulator's Exchange admin API answers, from directory state (replicated
 * writes only). Property names are those of the cmdlets' output objects; only a few are filled.
 *
 * @module
 */
import type { TenantState } from "../store/tenant";

/** A cmdlet's output rows, or the error it raises (status, message, Exchange error ID and exception type). */
export type CmdletResult = { readonly ok: true; readonly value: readonly Record<string, unknown>[] } | { readonly ok: false; readonly status: number; readonly message: string; readonly errorId: string; readonly exceptionType: string };

type Cmdlet = (tenant: TenantState, parameters: Record<string, unknown>, at: number) => CmdletResult;

const ok = (value: readonly Record<string, unknown>[]): CmdletResult => ({ ok: true, value });

function resultSize(v: unknown): number {
    if (v === undefined || (typeof v === "string" && v.toLowerCase() === "unlimited")) return Infinity;
    const n = Number(v);
    return Number.isInteger(n) && n > 0 ? n : 1000;
}

/** The cmdlets the emulator serves, by name; any other name answers `CommandNotFoundException`. */
export const Cmdlets: Readonly<Record<string, Cmdlet>> = {
    "Get-OrganizationConfig": (tenant) =>
        ok([{ Name: tenant.domains[0], DisplayName: tenant.displayName, Identity: tenant.domains[0], IsDehydrated: false }]),

    "Get-AcceptedDomain": (tenant) =>
        ok(
            tenant.domains.map((d, i) => ({
                Name: d, DomainName: d, Identity: d, DomainType: "Authoritative", Default: i === 0, InitialDomain: i === 0,
            })),
        ),

    "Get-Mailbox": (tenant, parameters, at) => {
        const identity = typeof parameters.Identity === "string" ? parameters.Identity.toLowerCase() : undefined;
        const mailboxes = tenant.users.list(at).filter((u) => u.mail);
        const matching = identity
            ? mailboxes.filter((u) => [u.id, u.userPrincipalName, u.mail ?? "", u.userPrincipalName.split("@")[0]].some((v) => v.toLowerCase() === identity))
            : mailboxes;
        if (identity && !matching.length) {
            return {
                ok: false, status: 404, errorId: "ManagementObjectNotFoundException",
                exceptionType: "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
                message: `The operation couldn't be performed because object '${parameters.Identity as string}' couldn't be found on '${tenant.domains[0]}'.`,
            };
        }
        return ok(
            matching.slice(0, resultSize(parameters.ResultSize)).map((u) => ({
                Name: u.userPrincipalName.split("@")[0],
                Alias: u.userPrincipalName.split("@")[0],
                DisplayName: u.displayName,
                Identity: u.userPrincipalName.split("@")[0],
                PrimarySmtpAddress: u.mail,
                UserPrincipalName: u.userPrincipalName,
                RecipientTypeDetails: "UserMailbox",
                ExternalDirectoryObjectId: u.id,
            })),
        );
    },
};
