/**
 * The clock of certificate renewal decisions: the ConnectorCertificate's diff and the program's
 * rollover plan (resources/rollover.ts) read the same one.
 *
 * @module
 */

const DAY_MS = 86_400_000;

/**
 * Now, moved by `M365C_CERTIFICATE_CLOCK_OFFSET_DAYS` days when set. Test-only: the suites use it
 * to reach a renewal window or the end of a switch-over without waiting months; the dates of a
 * generated certificate are always real.
 */
export function renewalClock(env: NodeJS.ProcessEnv = process.env): Date {
    const offset = Number(env.M365C_CERTIFICATE_CLOCK_OFFSET_DAYS ?? 0);
    return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0) * DAY_MS);
}
