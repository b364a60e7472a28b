/**
 * How a serialized dynamic provider finds its compiled runtime in Pulumi's dynamic-provider host.
 *
 * Pulumi serializes a provider object's methods into the state and runs them later without
 * ts-node (../shared/reference/pulumi-azuread-and-anchors.md §2.3), so providers here capture
 * nothing but a {@link RuntimeLocation} (strings) and load the runtime with `require` at call
 * time. In the host, `require` resolves from the Pulumi program's directory, so a runtime is
 * looked up:
 *
 * 1. as `pulumi-m365-connectors/dist/providers/<name>/runtime`: a program that installed this
 *    package (the package has no `exports` map, so Node allows the deep path);
 * 2. else at the absolute path fixed when the provider module loaded: beside it when compiled, or
 *    `<repo>/dist/providers/<name>/runtime.js` under ts-node.
 *
 * @module
 */
import * as path from "node:path";

/** Where one provider's runtime lives: by package name first, then by absolute path. */
export interface RuntimeLocation {
    /** The resource's name, for the error message. */
    readonly resource: string;
    /** `pulumi-m365-connectors/dist/providers/<name>/runtime`. */
    readonly module: string;
    /** Absolute path of the compiled runtime of this checkout. */
    readonly file: string;
}

/**
 * The location of the runtime of the provider in `providers/<name>/`, computed from that
 * provider module's `__filename` (a `.ts` file under ts-node, `.js` when compiled).
 */
export function runtimeLocation(resource: string, name: string, providerFile: string): RuntimeLocation {
    const dir = path.dirname(providerFile);
    return {
        resource,
        module: `pulumi-m365-connectors/dist/providers/${name}/runtime`,
        file: providerFile.endsWith(".ts") ? path.resolve(dir, "..", "..", "dist", "providers", name, "runtime.js") : path.join(dir, "runtime.js"),
    };
}

/** Loads the runtime at `where`; see the module comment for the order. */
export function loadRuntimeAt<T>(where: RuntimeLocation): T {
    const notFound = (e: unknown, what: string) => {
        const err = e as { code?: string; message?: string };
        return err?.code === "MODULE_NOT_FOUND" && String(err.message).includes(what);
    };
    try {
        return require(where.module) as T;
    } catch (e) {
        if (!notFound(e, where.module)) throw e;
    }
    try {
        return require(where.file) as T;
    } catch (e) {
        if (!notFound(e, where.file)) throw e;
        throw new Error(
            `${where.resource}: cannot load its runtime, neither "${where.module}" (from ${process.cwd()}) nor "${where.file}". ` +
                "Install pulumi-m365-connectors in the program's node_modules, or build this repository (npm run build).",
        );
    }
}
