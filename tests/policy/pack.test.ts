import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { AppRoles, DirectoryRoles, PrivilegedGraphPermissions, PrivilegedRoles, Profiles } from "../../catalog";
import { PolicyNames } from "../../policy/config";
import { Types } from "../../policy/model";
import { guardrailPolicies } from "../../policy/policies";
import { ConnectorApplication } from "../../resources";

const ROOT = join(__dirname, "..", "..");

describe("policy: the pack and its data", () => {
    it("has one policy per rule, each named in config.ts, with a description and an enforcement level", () => {
        const policies = guardrailPolicies();
        assert.deepEqual(policies.map((p) => p.name).sort(), Object.values(PolicyNames).sort());
        for (const p of policies) assert.ok(p.description && p.enforcementLevel, p.name);
    });

    it("lists privileged rights by catalog names, each with its source", () => {
        for (const [name, p] of Object.entries(PrivilegedRoles)) {
            assert.ok(name in DirectoryRoles, `${name} is a catalog role`);
            assert.match(p!.source, /^https:\/\/learn\.microsoft\.com\//);
        }
        for (const [value, p] of Object.entries(PrivilegedGraphPermissions)) {
            assert.ok(value in AppRoles["Microsoft Graph"], `${value} is a catalog Graph permission`);
            assert.match(p.source, /^https:\/\/learn\.microsoft\.com\//);
        }
        assert.ok(PrivilegedRoles["Global Administrator"] && PrivilegedGraphPermissions["RoleManagement.ReadWrite.Directory"]);
        assert.equal(PrivilegedRoles["Exchange Administrator"], undefined, "Microsoft does not mark Exchange Administrator privileged");
        // The built-in profiles' own privileged roles are what the profile lists, so they pass.
        assert.ok(Profiles["activeroles-m365"].directoryRoles.includes("Directory Writers"));
    });

    it("matches the component's type token and is a loadable pack (PulumiPolicy.yaml, package.json with a version)", () => {
        assert.equal(Types.component, ConnectorApplication.type);
        const yaml = parse(readFileSync(join(ROOT, "policy", "PulumiPolicy.yaml"), "utf8")) as { runtime: string };
        assert.equal(yaml.runtime, "nodejs");
        const pkg = JSON.parse(readFileSync(join(ROOT, "policy", "package.json"), "utf8")) as { version: string; dependencies?: unknown };
        assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
        assert.equal(pkg.dependencies, undefined, "its dependencies come from the root package.json");
        const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        assert.ok(root.dependencies["@pulumi/policy"]);
    });
});

describe("README: Guardrails", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("\n## Guardrails\n")).split(/\n## (?!Guardrails)/)[0];

    it("lists every policy with its enforcement level, and the example config is the file the README shows", () => {
        assert.ok(section.length > 100, "README has a Guardrails section");
        for (const p of guardrailPolicies()) assert.match(section, new RegExp(`\\| \`${p.name}\` \\| ${p.enforcementLevel} \\|`), p.name);
        const example = JSON.parse(readFileSync(join(ROOT, "policy", "policy-config.example.json"), "utf8")) as Record<string, unknown>;
        const shown = /```json\n([\s\S]+?)```/.exec(section)?.[1];
        assert.deepEqual(JSON.parse(shown ?? "{}"), example);
        for (const name of Object.keys(example)) assert.ok((Object.values(PolicyNames) as string[]).includes(name), name);
    });
});
