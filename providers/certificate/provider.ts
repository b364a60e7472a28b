/**
 * The ConnectorCertificate dynamic provider: a thin object that Pulumi serializes into the state
 * and runs in its dynamic-provider host. It captures only {@link RUNTIME} (strings) and loads the
 * compiled runtime at call time (../runtimeLoader.ts).
 *
 * @module
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { loadRuntimeAt, runtimeLocation } from "../runtimeLoader";

type Runtime = typeof import("./runtime");

/** Where the runtime is loaded from. */
export const RUNTIME = runtimeLocation("ConnectorCertificate", "certificate", __filename);

/** Loads the compiled runtime. */
export function loadRuntime(): Runtime {
    return loadRuntimeAt<Runtime>(RUNTIME);
}

/** The provider object; every method defers to the runtime module. */
export const certificateProvider: dynamic.ResourceProvider = {
    check: (olds, news) => loadRuntime().check(olds, news),
    diff: (id, olds, news) => loadRuntime().diff(id, olds, news),
    create: (inputs) => loadRuntime().create(inputs),
    update: (id, olds, news) => loadRuntime().update(id, olds, news),
};
