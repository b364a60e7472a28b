import { strict as assert } from "node:assert";
import { constants, createPrivateKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { parsePrivateKeyPem } from "../../catalog";
import { importPrivateKeyPem, rsaJwkFromPem } from "../../catalog/rsaKey";

const pss = (key: KeyObject) => ({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });

describe("catalog/rsaKey: the fast path for RSA PEM private keys", () => {
    // Many keys, so integers with a leading zero byte (high bit set) and without are both met.
    const keys = Array.from({ length: 12 }, (_, i) => generateKeyPairSync("rsa", { modulusLength: i % 3 === 0 ? 2048 : 1024 }));

    it("reads PKCS#8 and PKCS#1 PEMs into exactly the key OpenSSL's PEM reader gives", () => {
        for (const { privateKey } of keys) {
            const expected = privateKey.export({ format: "jwk" });
            for (const type of ["pkcs8", "pkcs1"] as const) {
                const pem = privateKey.export({ type, format: "pem" }).toString();
                assert.deepEqual(rsaJwkFromPem(pem), expected, `${type}: every RSA component`);
                assert.deepEqual(importPrivateKeyPem(pem).export({ format: "jwk" }), createPrivateKey(pem).export({ format: "jwk" }));
            }
        }
    });

    it("signs what the certificate's public key verifies (PS256, as client assertions are signed)", () => {
        const { privateKey, publicKey } = keys[0];
        const key = importPrivateKeyPem(privateKey.export({ type: "pkcs8", format: "pem" }).toString());
        const data = Buffer.from("header.payload");
        assert.ok(verify("sha256", data, pss(publicKey), sign("sha256", data, pss(key))));
    });

    it("leaves other keys to OpenSSL's reader: EC, RSA-PSS, CRLF line ends and a key inside a longer text still work", () => {
        const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
        assert.equal(rsaJwkFromPem(ec), undefined);
        assert.equal(importPrivateKeyPem(ec).asymmetricKeyType, "ec");
        const rsaPss = generateKeyPairSync("rsa-pss", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
        assert.equal(rsaJwkFromPem(rsaPss), undefined, "the RSASSA-PSS OID is not rsaEncryption");
        assert.equal(importPrivateKeyPem(rsaPss).asymmetricKeyType, "rsa-pss");

        const pem = keys[1].privateKey.export({ type: "pkcs8", format: "pem" }).toString();
        assert.ok(rsaJwkFromPem(pem.replace(/\n/g, "\r\n")));
        assert.ok(rsaJwkFromPem(`Bag Attributes\n${pem}\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n`));
    });

    it("does not guess at a damaged key: truncated or padded DER is not read, and parsePrivateKeyPem names the property", () => {
        const der = keys[2].privateKey.export({ type: "pkcs8", format: "der" });
        const asPem = (d: Buffer) => `-----BEGIN PRIVATE KEY-----\n${d.toString("base64")}\n-----END PRIVATE KEY-----\n`;
        assert.equal(rsaJwkFromPem(asPem(der.subarray(0, der.length - 7))), undefined, "truncated");
        assert.equal(rsaJwkFromPem(asPem(Buffer.concat([der, Buffer.from([0x05, 0x00])]))), undefined, "trailing bytes");
        assert.throws(() => parsePrivateKeyPem(asPem(der.subarray(0, 40)), "credential.privateKeyPem"), /credential\.privateKeyPem/);
    });
});
