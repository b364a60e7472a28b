/**
 * `GET /reports/getOffice365ActiveUserDetail(period='D7')` (api/reportroot-getoffice365activeuserdetail):
 * "returns a `302 Found` response that redirects to a preauthenticated download URL for the
 * report … found in the `Location` header", `Content-Type: text/plain`; the download needs no
 * `Authorization`, is valid "a few minutes", and answers 200 `application/octet-stream` with a CSV
 * whose columns are the page's list. Periods: D7, D30, D90, D180; or `date=YYYY-MM-DD`.
 * The emulator serves the download at `{origin}/reports-download/{token}` for 5 minutes. The page
 * marks the API global-only; the emulator serves it in every cloud.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import type { EmulatorContext } from "../../context";
import type { HttpRequest, Reply } from "../../http";
import type { GraphCall, GraphRoute } from "../call";
import { badRequest } from "../errors";

const COLUMNS = [
    "Report Refresh Date", "User Principal Name", "Display Name", "Is Deleted", "Deleted Date", "Has Exchange License", "Has OneDrive License",
    "Has SharePoint License", "Has Skype For Business License", "Has Yammer License", "Has Teams License", "Exchange Last Activity Date",
    "OneDrive Last Activity Date", "SharePoint Last Activity Date", "Skype For Business Last Activity Date", "Yammer Last Activity Date",
    "Teams Last Activity Date", "Exchange License Assign Date", "OneDrive License Assign Date", "SharePoint License Assign Date",
    "Skype For Business License Assign Date", "Yammer License Assign Date", "Teams License Assign Date", "Assigned Products",
];
const DOWNLOAD_TTL_MS = 5 * 60_000;
/** Path prefix of the preauthenticated report downloads the 302 points to. */
export const DOWNLOAD_PREFIX = "/reports-download/";

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function activeUserCsv(call: GraphCall): string {
    const today = new Date().toISOString().slice(0, 10);
    const rows = call.tenant.users.list(call.at).map((u) => {
        const licensed = u.assignedLicenses.length > 0;
        const yes = licensed ? "True" : "False";
        const assigned = licensed ? u.createdDateTime.slice(0, 10) : "";
        return [
            today, u.userPrincipalName, u.displayName, "False", "", yes, yes, yes, yes, yes, yes, "", "", "", "", "", "",
            assigned, assigned, assigned, assigned, assigned, assigned, licensed ? "OFFICE 365 E3" : "",
        ].map(csvCell).join(",");
    });
    return `${[COLUMNS.join(","), ...rows].join("\n")}\n`;
}

/** The `/reports/getOffice365ActiveUserDetail` route. */
export const reportRoutes: readonly GraphRoute[] = [
    {
        method: "GET", path: "reports/getOffice365ActiveUserDetail/{args}", permission: "reports.read",
        handle: (call) => {
            const args = call.params.args;
            if (!/^period=D(7|30|90|180)$/i.test(args) && !/^date=\d{4}-\d{2}-\d{2}$/i.test(args)) {
                return badRequest(`Invalid value '${args}': use period='D7', 'D30', 'D90' or 'D180', or date=YYYY-MM-DD.`, call.ids, "BadRequest");
            }
            const token = randomBytes(24).toString("base64url");
            const { downloads } = call.ctx;
            const now = Date.now();
            for (const [k, v] of downloads) if (v.expiresAt <= now) downloads.delete(k);
            downloads.set(token, { csv: activeUserCsv(call), expiresAt: now + DOWNLOAD_TTL_MS });
            return {
                status: 302,
                headers: { "request-id": call.ids.requestId, "client-request-id": call.ids.clientRequestId, "Content-Type": "text/plain", Location: `${call.origin}${DOWNLOAD_PREFIX}${token}` },
                body: "",
            };
        },
    },
];

/** `GET /reports-download/{token}`: the preauthenticated CSV. */
export function reportDownload(req: HttpRequest, ctx: EmulatorContext): Reply {
    const token = req.url.pathname.slice(DOWNLOAD_PREFIX.length);
    const entry = ctx.downloads.get(token);
    if (!entry || entry.expiresAt <= Date.now()) return { status: 404, headers: { "Content-Type": "text/plain" }, body: "The download link expired or does not exist.\n" };
    return { status: 200, headers: { "Content-Type": "application/octet-stream" }, body: entry.csv };
}
