/**
 * `GET /organization`, `/users`, `/subscribedSkus` (api/organization-list, api/user-list,
 * api/subscribedsku-list). Users without `$select` return the default property set user-list
 * documents. Snow Atlas reads these three (../shared/reference/m365-entra-exchange-facts.md §6).
 *
 * @module
 */
import type { GraphCall, GraphRoute } from "../call";
import { notFound } from "../errors";
import { entityReply, listReply } from "../odata";
import type { UserRow } from "../../store/rows";

/** user-list: "By default, only a limited set of properties are returned". */
const USER_DEFAULTS = ["businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName"];

function organization(call: GraphCall): Record<string, unknown> {
    const t = call.tenant;
    return {
        id: t.id,
        deletedDateTime: null,
        businessPhones: [],
        city: null,
        country: null,
        countryLetterCode: null,
        createdDateTime: t.createdDateTime,
        displayName: t.displayName,
        marketingNotificationEmails: [],
        onPremisesSyncEnabled: null,
        preferredLanguage: "en",
        technicalNotificationMails: [],
        tenantType: "AAD",
        assignedPlans: [],
        verifiedDomains: t.domains.map((name, i) => ({ capabilities: "Email, OfficeCommunicationsOnline", isDefault: i === 0, isInitial: i === 0, name, type: "Managed" })),
    };
}

const userView = (u: UserRow): Record<string, unknown> => ({ ...u });

function findUser(call: GraphCall): UserRow | undefined {
    const key = call.params.id.toLowerCase();
    return call.tenant.users.find(call.at, (u) => u.id === key || u.userPrincipalName.toLowerCase() === key);
}

/** The `/organization`, `/users` and `/subscribedSkus` routes. */
export const directoryReadRoutes: readonly GraphRoute[] = [
    {
        method: "GET", path: "organization", permission: "organization.read",
        handle: (call) => listReply(call, { set: "organization", entity: "organization", rows: [organization(call)], view: (o) => o, filterable: ["id"] }),
    },
    {
        method: "GET", path: "organization/{id}", permission: "organization.read",
        handle: (call) => (call.params.id.toLowerCase() === call.tenant.id ? entityReply(call, "organization", "organization", organization(call)) : notFound(call.params.id, call.ids)),
    },
    {
        method: "GET", path: "users", permission: "users.read",
        handle: (call) =>
            listReply(call, {
                set: "users", entity: "user", rows: call.tenant.users.list(call.at), view: userView, defaults: USER_DEFAULTS,
                filterable: ["id", "displayName", "userPrincipalName", "mail", "accountEnabled", "department"],
            }),
    },
    {
        method: "GET", path: "users/{id}", permission: "users.read",
        handle: (call) => {
            const user = findUser(call);
            if (!user) return notFound(call.params.id, call.ids);
            const full = userView(user);
            const shown = call.odata.select ? full : Object.fromEntries(USER_DEFAULTS.map((k) => [k, full[k]]));
            return entityReply(call, "users", "user", shown);
        },
    },
    {
        method: "GET", path: "subscribedSkus", permission: "subscribedSkus.read",
        handle: (call) => {
            const users = call.tenant.users.list(call.at);
            const rows = call.tenant.skus.map((s) => ({ ...s, consumedUnits: users.filter((u) => u.assignedLicenses.some((l) => l.skuId === s.skuId)).length }));
            // subscribedsku-list: "$filter isn't supported".
            return listReply(call, { set: "subscribedSkus", entity: "subscribedSku", rows, view: (s) => ({ ...s }), filterable: [] });
        },
    },
];
