/** Exit codes of the command line, fit for CI. */
export const ExitCodes = {
    /** Every check passed (warnings allowed). */
    ok: 0,
    /** A check failed: the connection drifted or does not work. */
    failed: 1,
    /** Bad input: nothing was probed. */
    badInput: 2,
} as const;
/** One of {@link ExitCodes}. */
export type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes];
