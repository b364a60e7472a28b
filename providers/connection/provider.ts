/**
 * The ConnectorConnection dynamic provider: a thin object that Pulumi serializes into the state
 * (`__provider`) and runs later in its dynamic-provider host, without ts-node.
 *
 * Serialization: the methods capture nothing but {@link RUNTIME} (strings) and load the compiled
 * runtime (runtime.ts → dist/…/runtime.js) at call time; ../runtimeLoader.ts says where from.
 * No clients, credentials or environment values are captured; credentials arrive as (secret)
 * inputs and state on every call.
 *
 * @module
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { loadRuntimeAt, runtimeLocation } from "../runtimeLoader";

type Runtime = typeof import("./runtime");

/** Where the runtime is loaded from. */
export const RUNTIME = runtimeLocation("ConnectorConnection", "connection", __filename);
/** The runtime module by package name (tried first). */
export const RUNTIME_MODULE = RUNTIME.module;
/** The runtime module by absolute path (fallback), fixed when this module loads. */
export const RUNTIME_FILE = RUNTIME.file;

/** Loads the compiled runtime; see ../runtimeLoader.ts for the lookup order. */
export function loadRuntime(): Runtime {
    return loadRuntimeAt<Runtime>(RUNTIME);
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
