/**
 * The text and JSON forms of `discover`'s findings. Credentials are shown by type, key ID,
 * thumbprint (certificates), hint (the first characters Graph returns for a secret) and expiry;
 * never a value.
 *
 * @module
 */
import { describeRight, type ProfileFit } from "../../catalog";
import type { DiscoveredApplication, DiscoveredCredential } from "../../probe/discover";
import type { Finding } from "./plan";

/** The verdict's label in the text output. */
export const Labels = { exact: "ADOPT", superset: "ADOPT", ambiguous: "AMBIGUOUS", incomplete: "INCOMPLETE", unrelated: "OTHER" } as const;

const date = (iso?: string) => (iso ? iso.slice(0, 10) : "no expiry");

function credentialText(c: DiscoveredCredential): string {
    return c.type === "certificate"
        ? `certificate ${c.thumbprint ?? "(thumbprint not readable)"} (key ID ${c.keyId}) expires ${date(c.endDateTime)}`
        : `client secret ${c.hint ? `${c.hint}… ` : ""}(key ID ${c.keyId}) expires ${date(c.endDateTime)}`;
}

function ownersText(app: DiscoveredApplication): string {
    return app.owners.length ? app.owners.map((o) => `${o.userPrincipalName ?? o.displayName ?? o.id} (${o.type})`).join(", ") : "none";
}

const fitText = (f: ProfileFit) => `${f.profile}: missing ${f.missing.map(describeRight).join(", ")}`;

/** One finding as text lines. */
export function findingLines(f: Finding): string[] {
    const app = f.app;
    const head = (label: string, rest: string) => `${label.padEnd(10)} "${app.displayName}" (client ID ${app.clientId})${rest}`;
    const pad = " ".repeat(11);
    const details = [
        `${pad}application ${app.objectId}, service principal ${app.servicePrincipalObjectId ?? "none in this tenant"}`,
        `${pad}credentials: ${app.credentials.length ? app.credentials.map(credentialText).join("; ") : "none"}`,
        `${pad}owners: ${ownersText(app)}`,
    ];
    const v = f.verdict;
    if (v.kind === "unrelated") return [head(Labels.unrelated, ": holds none of the profiles' rights")];
    if (v.kind === "ambiguous") {
        return [head(Labels.ambiguous, `: holds every right of ${v.candidates.map((c) => c.profile).join(" and ")}; not adopted`), ...details, `${pad}fix: add it yourself as a connector with the profile you mean (existingApplication: { objectId: ${app.objectId}, clientId: ${app.clientId} })`];
    }
    if (v.kind === "incomplete") {
        return [head(Labels.incomplete, ": close to a profile but not adopted"), ...details, ...v.nearest.map((n) => `${pad}${fitText(n)}`), `${pad}fix: grant the missing rights and run discover again, or adopt it yourself (pulumi up would then grant them)`];
    }
    const lines = [head(f.blocked ? "NOT ADOPTED" : Labels[v.kind], `: ${v.fit.profile} (${v.kind === "exact" ? "exact" : "holds more"})${f.adoption ? ` as connector ${f.adoption.entry.name}` : ""}`), ...details];
    if (v.fit.extra.length) lines.push(`${pad}extra rights: ${v.fit.extra.map(describeRight).join(", ")}`);
    if (f.blocked) lines.push(`${pad}not adopted: ${f.blocked}`);
    for (const n of f.notes) lines.push(`${pad}note: ${n}`);
    if (f.adoption) lines.push(`${pad}pulumi up will add: ${f.adoption.remaining.join("; ")}`);
    return lines;
}

/** The whole text report. */
export function renderFindings(tenantId: string, environment: string, findings: readonly Finding[], written: readonly string[]): string {
    const matched = findings.filter((f) => f.verdict.kind !== "unrelated");
    const others = findings.filter((f) => f.verdict.kind === "unrelated");
    const adopted = findings.filter((f) => f.adoption).length;
    const lines = [`Discovery: tenant ${tenantId} (${environment}), ${findings.length} application${findings.length === 1 ? "" : "s"}`, ""];
    for (const f of matched) lines.push(...findingLines(f), "");
    if (others.length) lines.push(`${Labels.unrelated.padEnd(10)} ${others.length} application${others.length === 1 ? " holds" : "s hold"} none of the profiles' rights: ${others.map((f) => `"${f.app.displayName}"`).join(", ")}`, "");
    const reported = matched.length - adopted;
    lines.push(`${adopted} adopted, ${reported} reported without adopting${reported ? " (see above)" : ""}.`);
    for (const w of written) lines.push(`Wrote ${w}`);
    return lines.join("\n");
}

/** One finding as JSON (no secret values exist to leave out: Graph never returns them). */
export function findingJson(f: Finding): Record<string, unknown> {
    const v = f.verdict;
    return {
        displayName: f.app.displayName,
        clientId: f.app.clientId,
        objectId: f.app.objectId,
        servicePrincipalObjectId: f.app.servicePrincipalObjectId ?? null,
        verdict: v.kind,
        ...(v.kind === "exact" || v.kind === "superset" ? { profile: v.fit.profile, extra: v.fit.extra, alsoCovers: v.alsoCovers } : {}),
        ...(v.kind === "ambiguous" ? { candidates: v.candidates.map((c) => ({ profile: c.profile, extra: c.extra })) } : {}),
        ...(v.kind === "incomplete" ? { nearest: v.nearest.map((n) => ({ profile: n.profile, missing: n.missing, matched: n.matched })) } : {}),
        adopted: f.adoption ? { connector: f.adoption.entry.name, entry: f.adoption.entry, unmanaged: f.adoption.unmanaged, remaining: f.adoption.remaining } : null,
        ...(f.blocked ? { notAdopted: f.blocked } : {}),
        notes: f.notes,
        credentials: f.app.credentials,
        owners: f.app.owners,
    };
}
