/**
 * Existing-application mode: the wizards' "Manual configuration". The application, its grants
 * and its credential already exist (made by hand or by another tool); only the connection is
 * proved. Creates one {@link ConnectorConnection} and no `@pulumi/azuread` resource.
 *
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import type { ProfileSpec } from "../../catalog";
import { ConnectorConnection, type ConnectorConnectionArgs } from "./resource";

/** Arguments of {@link connectExistingApplication}: the Manual configuration fields plus the profile. */
export interface ExistingApplicationArgs extends Omit<ConnectorConnectionArgs, "profile" | "expectations"> {
    /** The connector profile by name (`"activeroles-m365"`) or as a full ProfileSpec with custom lists. */
    profile: pulumi.Input<string | ProfileSpec>;
}

/**
 * Proves the connection of an application that already exists: Tenant ID, Application ID, the
 * credential and the tenant environment type, checked against what `profile` needs.
 */
export function connectExistingApplication(name: string, args: ExistingApplicationArgs, opts?: pulumi.CustomResourceOptions): ConnectorConnection {
    const profile = pulumi.output(args.profile).apply((p) => (typeof p === "string" ? { profile: p } : p) as ProfileSpec);
    return new ConnectorConnection(name, { ...args, profile }, opts);
}
