/**
 * How an application says which stack and connector created it: two entries of its `tags`
 * ("Custom strings that can be used to categorize and identify the application",
 * https://learn.microsoft.com/graph/api/resources/application). The deployer preflight reads
 * them to tell an application this stack made (fine) from a same-named one made by hand, by a
 * wizard or by another stack (stop, and say how to adopt it). Pure functions.
 *
 * @module
 */

/** The tag every application this package creates carries. */
export const MANAGED_TAG = "m365-connectors";

/** The tag naming the Pulumi project, stack and connector that created an application. */
export function ownershipTag(project: string, stack: string, connector: string): string {
    return `${MANAGED_TAG}:${project}/${stack}/${connector}`;
}
