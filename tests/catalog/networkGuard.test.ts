import { strict as assert } from "node:assert";
import * as net from "node:net";

describe("network guard (tests/setup/networkGuard.ts)", () => {
    it("refuses a connection to a non-loopback address", async () => {
        await assert.rejects(fetch("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration"), (e: Error) =>
            /only connect to loopback/.test(String((e.cause as Error | undefined)?.message)),
        );
        assert.throws(() => net.connect({ host: "192.0.2.1", port: 443 }), /only connect to loopback/);
    });

    it("allows loopback", async () => {
        const server = net.createServer((s) => s.end("ok"));
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
        const port = (server.address() as net.AddressInfo).port;
        const data = await new Promise<string>((resolve, reject) => {
            const c = net.connect({ host: "127.0.0.1", port }, () => undefined);
            let buf = "";
            c.on("data", (d) => (buf += d)).on("end", () => resolve(buf)).on("error", reject);
        });
        server.close();
        assert.equal(data, "ok");
    });
});
