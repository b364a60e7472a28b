import { strict as assert } from "node:assert";
import * as path from "node:path";
import { installMocks } from "../resources/fixtures";

describe("api.ts (the library entry, package.json main)", () => {
    it("is what package.json points at, exports the public surface, and creates no resource when imported", async () => {
        const pkg = require("../../package.json") as { main: string; types: string; bin: Record<string, string> };
        assert.equal(pkg.main, "dist/api.js");
        assert.equal(pkg.types, "dist/api.d.ts");
        assert.equal(pkg.bin["m365-connectors"], "bin/m365-connectors.js");
        const rec = await installMocks();
        const api = await import(path.resolve(__dirname, "..", "..", "api"));
        for (const name of ["ConnectorApplication", "ConnectorConnection", "connect", "connectExistingApplication", "runProbe", "waitUntilPasses", "resolveProfile", "Clouds", "Profiles", "ConnectorCertificate", "checkDeployer", "preflightChecks", "DeployerRights"]) {
            assert.equal(typeof api[name] === "function" || typeof api[name] === "object", true, `${name} is exported`);
        }
        assert.equal(rec.resources.length, 0, "importing the library registers nothing");
    });
});
