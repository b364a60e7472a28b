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
