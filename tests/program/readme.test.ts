import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CloudNames, Clouds, ProfileNames } from "../../catalog";
import { CONNECTOR_KEYS } from "../../program/config";
import { CredentialDefaults } from "../../resources";

const README = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
/** The rows (cells) of the table under `heading`. */
function tableUnder(heading: string): string[][] {
    const start = README.indexOf(`\n## ${heading}\n`);
    assert.ok(start >= 0, `README has "## ${heading}"`);
    const section = README.slice(start + 1).split(/\n## /)[0];
    return section
        .split("\n")
        .filter((l) => l.startsWith("|") && !/^\|[-|]+\|$/.test(l))
        .map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
}

describe("README.md", () => {
    it("has the sections users and other engineers rely on", () => {
        for (const h of ["Quick start", "Configuration reference", "Profiles", "Clouds", "Troubleshooting"]) assert.ok(README.includes(`\n## ${h}\n`), h);
    });

    it("documents every config key with its default", () => {
        const keys = new Set(tableUnder("Configuration reference").map((r) => r[0].replace(/`/g, "")));
        for (const k of ["tenantId", "environment", "connectors", ...CONNECTOR_KEYS, "type", ...Object.keys(CredentialDefaults), "pem", "keyPem", "pfxPassword", "certificateSlots", "switchedTo", "nextPem", "nextKeyPem", "warnDays", "preflight", "endpointOverride", "objectId", "clientId", "servicePrincipalObjectId", "createServicePrincipal", "manage"]) {
            assert.ok(keys.has(k), `README documents ${k}`);
        }
        const rows = new Map(tableUnder("Configuration reference").map((r) => [r[0].replace(/`/g, ""), r[2]]));
        for (const [k, v] of Object.entries(CredentialDefaults)) assert.equal(rows.get(k), `\`${v}\``, `default of ${k}`);
    });

    it("lists every profile", () => {
        const names = tableUnder("Profiles").map((r) => r[0].replace(/`/g, ""));
        assert.deepEqual(names.slice(1), [...ProfileNames]);
    });

    it("shows the cloud table as the catalog has it", () => {
        const rows = tableUnder("Clouds").slice(1);
        assert.deepEqual(
            rows.map((r) => r.map((c) => c.replace(/`/g, ""))),
            CloudNames.map((n) => {
                const c = Clouds[n];
                return [n, c.environmentType, c.loginEndpoint, c.graph.endpoint, c.exchange.endpoint, c.azureadEnvironment, c.portal];
            }),
        );
    });
});
