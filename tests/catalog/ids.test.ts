import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { AppRoles, DelegatedScopes, DirectoryRoles, ExchangeCapableRoles, ResourceApps, allWellKnownIds, directoryRoleName, isGuid } from "../../catalog";

// CI checks ../shared out beside the repository; the reference is the research the IDs come from.
const REFERENCE = path.resolve(__dirname, "../../../shared/reference/m365-entra-exchange-facts.md");
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** IDs the catalog takes from a source other than the reference file, with that source. */
const OUTSIDE_REFERENCE: Record<string, string> = {
    "appRole:Microsoft Graph/DelegatedPermissionGrant.ReadWrite.All": "Graph permissions reference (catalog/ids.ts)",
    "role:Helpdesk Administrator": "Get-AzureADDirectoryRoleTemplate sample output (catalog/ids.ts)",
};

/**
 * The name the reference gives `guid` on `line`: of the `candidates`, the one whose occurrence ends
 * closest before the GUID (longest wins a tie, so "User.Read.All" beats "User.Read").
 */
function labelBefore(line: string, guidAt: number, candidates: readonly string[]): string | undefined {
    let best: { name: string; end: number } | undefined;
    for (const name of candidates) {
        const re = new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z.])`, "g");
        for (const m of line.slice(0, guidAt).matchAll(re)) {
            const end = m.index! + name.length;
            if (!best || end > best.end || (end === best.end && name.length > best.name.length)) best = { name, end };
        }
    }
    return best?.name;
}

describe("catalog/ids.ts", () => {
    it("has no GUID under two names, and every ID is a lower-case GUID", () => {
        const byId = new Map<string, string>();
        for (const { name, id } of allWellKnownIds()) {
            assert.ok(isGuid(id) && id === id.toLowerCase(), `${name}: ${id}`);
            assert.equal(byId.get(id), undefined, `${id} is both ${byId.get(id)} and ${name}`);
            byId.set(id, name);
        }
    });

    it("agrees with ../shared/reference/m365-entra-exchange-facts.md, GUID by GUID", function () {
        if (!fs.existsSync(REFERENCE)) this.skip(); // the shared reference is not checked out beside the repository
        const lines = fs.readFileSync(REFERENCE, "utf8").split("\n");
        const families: { prefix: string; table: Record<string, Record<string, string>> | Record<string, string> }[] = [
            { prefix: "app", table: ResourceApps },
            { prefix: "appRole", table: AppRoles },
            { prefix: "scope", table: DelegatedScopes },
            { prefix: "role", table: DirectoryRoles },
        ];
        const candidatesOf = (prefix: string) => {
            const f = families.find((x) => x.prefix === prefix)!;
            const values = Object.values(f.table).flatMap((v) => (typeof v === "string" ? [] : Object.keys(v)));
            return prefix === "app" || prefix === "role" ? Object.keys(f.table) : values;
        };
        const unverified: string[] = [];
        for (const { name, id } of allWellKnownIds()) {
            const [prefix, rest] = [name.slice(0, name.indexOf(":")), name.slice(name.indexOf(":") + 1)];
            const expected = rest.includes("/") ? rest.slice(rest.lastIndexOf("/") + 1) : rest;
            const labels = lines.flatMap((line) => [...line.matchAll(GUID)].filter((m) => m[0].toLowerCase() === id).map((m) => labelBefore(line, m.index!, candidatesOf(prefix))));
            if (labels.length === 0) {
                unverified.push(name);
                continue;
            }
            assert.ok(labels.includes(expected), `${name}: the reference labels ${id} as ${labels.join(", ")}`);
            for (const l of labels) assert.ok(l === undefined || l === expected, `${name}: the reference also labels ${id} as ${l}`);
        }
        assert.deepEqual(unverified, Object.keys(OUTSIDE_REFERENCE), "IDs not in the reference must be listed with their source");
    });

    it("maps the permissions and roles the profiles need to the documented IDs", () => {
        assert.equal(ResourceApps["Office 365 Exchange Online"], "00000002-0000-0ff1-ce00-000000000000");
        assert.equal(AppRoles["Office 365 Exchange Online"]["Exchange.ManageAsApp"], "dc50a0fb-09a3-484d-be87-e023b12c6440");
        assert.equal(DelegatedScopes["Microsoft Graph"]["User.Read"], "e1fe6dd8-ba31-4d61-89e7-88639da4683d");
        assert.equal(DirectoryRoles["Directory Writers"], "9360feb5-f418-4baa-8175-e2a00bac4301");
    });

    it("reads wids claims back to role names, case-insensitively", () => {
        assert.equal(directoryRoleName("29232CDF-9323-42FD-ADE2-1D097AF3E4DE"), "Exchange Administrator");
        assert.equal(directoryRoleName("00000000-0000-0000-0000-000000000000"), undefined);
        assert.ok(ExchangeCapableRoles.includes("Exchange Administrator"));
        assert.ok(!ExchangeCapableRoles.includes("Directory Writers"), "Directory Writers does not grant Exchange RBAC");
    });
});
