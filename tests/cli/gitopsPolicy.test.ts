import { strict as assert } from "node:assert";
import { errorLines } from "../../cli/gitops/operations";
import { GITOPS_USAGE } from "../../cli/gitops/command";

describe("gitops --policy-pack", () => {
    it("a failed tenant's error names each mandatory policy violation with its resource", () => {
        const output = [
            "Policies:",
            "    ❌ m365-connectors-guardrails@v0.1.0 (local: /repo/policy)",
            "        - [mandatory]  connector-privileged-rights  (azuread:index:DirectoryRoleAssignment: greedy-role-global-administrator)",
            "          directory-role assignment ... gives connector \"greedy\" the directory role Global Administrator ...",
            "        - [advisory]  connector-owners  (azuread:index:Application: greedy-app)",
            "    error: preview failed",
        ].join("\n");
        assert.deepEqual(errorLines(new Error(output)), [
            "policy connector-privileged-rights (azuread:index:DirectoryRoleAssignment: greedy-role-global-administrator)",
            "preview failed",
        ]);
        assert.deepEqual(errorLines(new Error("    error: something else")), ["something else"]);
    });

    it("is documented in the usage text", () => {
        assert.match(GITOPS_USAGE, /--policy-pack DIR \[--policy-pack-config FILE\]/);
        assert.match(GITOPS_USAGE, /--policy-pack DIR runs a policy pack/);
    });
});
