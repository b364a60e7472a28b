/**
 * Pulumi's own dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) as a child process,
 * driven over gRPC with the SDK's generated stubs, the way the engine drives it during
 * `pulumi up` / `refresh` / `destroy`. The child runs plain node (no ts-node) from the repository
 * root, so the serialized provider must find its compiled runtime by itself. Used by the engine
 * tests and by `npm run demo`.
 *
 * @module
 */
import * as grpc from "@grpc/grpc-js";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const provproto = require("@pulumi/pulumi/proto/provider_pb");

/** The repository (package) root, from the sources (`cli/`) or the build (`dist/cli/`). */
const ROOT = [path.resolve(__dirname, ".."), path.resolve(__dirname, "..", "..")].find((d) =>
    existsSync(path.join(d, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider")),
) ?? path.resolve(__dirname, "..");
const URN = "urn:pulumi:stack::project::pulumi-nodejs:dynamic/m365-connectors:ConnectorConnection::conn";
type Props = Record<string, unknown>;

/** A running host and typed calls of its RPCs. */
export interface Host {
    readonly port: number;
    /** Everything the child wrote to stderr (errors the host logs). */
    readonly stderr: () => string;
    configure(): Promise<void>;
    check(olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
    diff(id: string, olds: Props, news: Props): Promise<{ changes: number; replaces: string[] }>;
    create(props: Props): Promise<{ id: string; properties: Props }>;
    read(id: string, props: Props, inputs: Props): Promise<{ id: string; properties: Props; inputs?: Props }>;
    update(id: string, olds: Props, news: Props): Promise<{ properties: Props }>;
    delete(id: string, props: Props): Promise<void>;
    stop(): Promise<void>;
}

/** DiffResponse.DiffChanges values. */
export const DiffChanges = { unknown: 0, none: 1, some: 2 } as const;

const struct = (v: Props) => Struct.fromJavaScript(v as Parameters<typeof Struct.fromJavaScript>[0]);

function call<T>(client: Record<string, (req: unknown, cb: (e: grpc.ServiceError | null, r: T) => void) => void>, method: string, req: unknown): Promise<T> {
    return new Promise((resolve, reject) => client[method].call(client, req, (e, r) => (e ? reject(e) : resolve(r))));
}

/**
 * Starts the host (`node …/dynamic-provider/index.js <engine>`), reads its port, connects.
 * `cwd` is the Pulumi program's directory (default: the repository root).
 */
export async function startHost(env: NodeJS.ProcessEnv = process.env, cwd: string = ROOT): Promise<Host> {
    const entry = path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");
    // The engine address is only used for logging by the host; nothing listens there.
    const child: ChildProcess = spawn(process.execPath, [entry, "127.0.0.1:1"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr?.on("data", (d) => (err += d));
    const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`host did not print its port: ${err}`)), 20_000);
        child.stdout?.on("data", (d) => {
            out += d;
            const m = /^(\d+)\s*$/m.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve(Number(m[1]));
            }
        });
        child.on("exit", (code) => reject(new Error(`host exited (${code}): ${err}`)));
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const req = (cls: string, set: Record<string, unknown>) => {
        const r = new provproto[cls]();
        for (const [k, v] of Object.entries(set)) r[`set${k}`](v);
        return r;
    };
    return {
        port,
        stderr: () => err,
        async configure() {
            await call(client, "configure", req("ConfigureRequest", { Args: struct({}), Acceptsecrets: false }));
        },
        async check(olds, news) {
            const r = await call<{ getInputs(): Struct; getFailuresList(): { getProperty(): string; getReason(): string }[] }>(client, "check", req("CheckRequest", { Urn: URN, Olds: struct(olds), News: struct(news) }));
            return { inputs: r.getInputs().toJavaScript() as Props, failures: r.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
        },
        async diff(id, olds, news) {
            const r = await call<{ getChanges(): number; getReplacesList(): string[] }>(client, "diff", req("DiffRequest", { Id: id, Urn: URN, Olds: struct(olds), News: struct(news) }));
            return { changes: r.getChanges(), replaces: r.getReplacesList() };
        },
        async create(props) {
            const r = await call<{ getId(): string; getProperties(): Struct }>(client, "create", req("CreateRequest", { Urn: URN, Properties: struct(props) }));
            return { id: r.getId(), properties: r.getProperties().toJavaScript() as Props };
        },
        async read(id, props, inputs) {
            const r = await call<{ getId(): string; getProperties(): Struct; getInputs(): Struct | undefined }>(client, "read", req("ReadRequest", { Id: id, Urn: URN, Properties: struct(props), Inputs: struct(inputs) }));
            return { id: r.getId(), properties: r.getProperties().toJavaScript() as Props, inputs: r.getInputs()?.toJavaScript() as Props | undefined };
        },
        async update(id, olds, news) {
            const r = await call<{ getProperties(): Struct }>(client, "update", req("UpdateRequest", { Id: id, Urn: URN, Olds: struct(olds), News: struct(news) }));
            return { properties: r.getProperties().toJavaScript() as Props };
        },
        async delete(id, props) {
            await call(client, "delete", req("DeleteRequest", { Id: id, Urn: URN, Properties: struct(props) }));
        },
        async stop() {
            client.close();
            if (child.exitCode === null) {
                const exited = new Promise((r) => child.once("exit", r));
                child.kill("SIGTERM");
                await exited;
            }
        },
    };
}
