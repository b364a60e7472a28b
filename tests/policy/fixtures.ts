/**
 * Stacks as a stack policy sees them: resources linked by parent and property dependencies, the
 * way ConnectorApplication (or plain azuread code) declares them. `unknown()` marks a value the
 * engine does not know during a preview, through @pulumi/policy's own proxy.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { AppRoles, DirectoryRoles } from "../../catalog";
import { Types, type StackResource } from "../../policy/model";

// @pulumi/policy's own proxy (an internal module without typings): values behave as in a preview.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy, unknownStringValue } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T extends object>(o: T) => T; unknownStringValue: unknown };

type Mutable = StackResource & { dependencies: StackResource[]; propertyDependencies: Record<string, StackResource[]> };

/** A value unknown during a preview. */
export const UNKNOWN = unknownStringValue;

/** Builds resources of one stack. */
export class StackBuilder {
    readonly resources: Mutable[] = [];

    add(type: string, name: string, props: Record<string, unknown>, links: { parent?: StackResource; deps?: Record<string, StackResource> } = {}): Mutable {
        const propertyDependencies: Record<string, StackResource[]> = {};
        for (const [k, r] of Object.entries(links.deps ?? {})) propertyDependencies[k] = [r];
        const r: Mutable = {
            type,
            name,
            urn: `urn:pulumi:test::m365-connectors::${type}::${name}`,
            props: unknownCheckingProxy(props),
            parent: links.parent,
            dependencies: Object.values(links.deps ?? {}),
            propertyDependencies,
        };
        this.resources.push(r);
        return r;
    }

    /**
     * A connector the way ConnectorApplication declares it: component, application (owned by
     * `owners`), service principal; add grants and credentials with the methods below.
     */
    connector(name: string, profile: string, opts: { base?: string; app?: Record<string, unknown> } = {}) {
        const component = this.add(Types.component, name, { profile, profileBase: opts.base });
        const app = this.add(Types.application, `${name}-app`, { signInAudience: "AzureADMyOrg", owners: ["00000000-0000-0000-0000-0000000000aa"], tags: ["m365-connectors"], ...opts.app }, { parent: component });
        const sp = this.add(Types.servicePrincipal, `${name}-sp`, { clientId: UNKNOWN }, { parent: component, deps: { clientId: app } });
        const b = this;
        return {
            component,
            app,
            sp,
            appRole(resource: keyof typeof AppRoles, value: string) {
                const id = (AppRoles[resource] as Record<string, string>)[value];
                return b.add(Types.appRoleAssignment, `${name}-consent-${value}`, { appRoleId: id, principalObjectId: UNKNOWN, resourceObjectId: "11111111-1111-1111-1111-111111111111" }, { parent: component, deps: { principalObjectId: sp } });
            },
            delegated(...claimValues: string[]) {
                return b.add(Types.delegatedGrant, `${name}-delegated`, { claimValues, servicePrincipalObjectId: UNKNOWN }, { parent: component, deps: { servicePrincipalObjectId: sp } });
            },
            role(roleName: keyof typeof DirectoryRoles) {
                return b.add(Types.roleAssignment, `${name}-role-${roleName}`, { roleId: DirectoryRoles[roleName], principalObjectId: UNKNOWN, directoryScopeId: "/" }, { parent: component, deps: { principalObjectId: sp } });
            },
            secret(props: Record<string, unknown>) {
                return b.add(Types.password, `${name}-secret`, { applicationId: UNKNOWN, ...props }, { parent: component, deps: { applicationId: app } });
            },
            certificate(props: Record<string, unknown>, generated?: StackResource) {
                return b.add(Types.certificate, `${name}-certificate`, { applicationId: UNKNOWN, type: "AsymmetricX509Cert", ...props }, { parent: component, deps: { applicationId: app, ...(generated ? { value: generated } : {}) } });
            },
        };
    }
}

/** One violation a policy reported. */
export interface Violation {
    readonly message: string;
    readonly urn?: string;
}

/** Runs `policy` on the stack with `config` (what `--policy-pack-config` would give it). */
export async function run(policy: StackValidationPolicy, stack: StackBuilder, config: Record<string, unknown> = {}): Promise<Violation[]> {
    const out: Violation[] = [];
    const report: ReportViolation = (message, urn) => out.push({ message, urn });
    const args: StackValidationArgs = {
        resources: stack.resources as unknown as PolicyResource[],
        getConfig: <T extends object>() => config as T,
        stackTags: new Map(),
        notApplicable: (reason?: string) => {
            throw new Error(`not applicable: ${reason}`);
        },
    };
    await policy.validateStack(args, report);
    return out;
}
