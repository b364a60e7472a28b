/**
 * The ConnectorConnection dynamic provider: a thin object that Pulumi serializes into the state
 * (`__provider`) and runs later in its dynamic-provider host, without ts-node.
 *
 * Serialization rules this file follows (../shared/reference/pulumi-azuread-and-anchors.md §2.3):
 * the methods capture nothing but two strings. Each call loads the compiled runtime
 * (runtime.ts → dist/…/runtime.js) with `require` at call time; in the host, `require` is that of
 * the module require-from-string builds, which resolves from the host's working directory
 * (the Pulumi program's directory). So the runtime is looked up:
 *
 * 1. as `pulumi-m365-connectors/dist/providers/connection/runtime`: a program that installed this
 *    package (the package has no `exports` map, so Node allows the deep path);
 * 2. else at the absolute path computed when this module was loaded: beside this file when it is
 *    compiled, or `<repo>/dist/providers/connection/runtime.js` when it runs under ts-node.
 *
 * No clients, credentials or environment values are captured; credentials arrive as (secret)
 * inputs and state on every call.
 *
 * @module
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import * as path from "node:path";

type Runtime = typeof import("./runtime");

/** The runtime module by package name (tried first). */
export const RUNTIME_MODULE = "pulumi-m365-connectors/dist/providers/connection/runtime";

/** The runtime module by absolute path (fallback), fixed when this module loads. */
export const RUNTIME_FILE: string = __filename.endsWith(".ts")
    ? path.resolve(__dirname, "..", "..", "dist", "providers", "connection", "runtime.js")
    : path.join(__dirname, "runtime.js");

/** Loads the compiled runtime; see the module comment for the lookup order. */
export function loadRuntime(): Runtime {
    const notFound = (e: unknown, what: string) => {
        const err = e as { code?: string; message?: string };
        return err?.code === "MODULE_NOT_FOUND" && String(err.message).includes(what);
    };
    try {
        return require(RUNTIME_MODULE) as Runtime;
    } catch (e) {
        if (!notFound(e, RUNTIME_MODULE)) throw e;
    }
    try {
        return require(RUNTIME_FILE) as Runtime;
    } catch (e) {
        if (!notFound(e, RUNTIME_FILE)) throw e;
        throw new Error(
            `ConnectorConnection: cannot load its runtime, neither "${RUNTIME_MODULE}" (from ${process.cwd()}) nor "${RUNTIME_FILE}". ` +
                "Install pulumi-m365-connectors in the program's node_modules, or build this repository (npm run build).",
        );
    }
}

/** The provider object; every method defers to the runtime module. */
export const connectionProvider: dynamic.ResourceProvider = {
    check: (olds, news) => loadRuntime().check(olds, news),
    diff: (id, olds, news) => loadRuntime().diff(id, olds, news),
    create: (inputs) => loadRuntime().create(inputs),
    read: (id, props) => loadRuntime().read(id, props ?? {}),
    update: (id, olds, news) => loadRuntime().update(id, olds, news),
    delete: () => loadRuntime().deleteConnection(),
};
