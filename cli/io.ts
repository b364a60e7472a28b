/**
 * The command line's I/O, injectable for tests: output, a one-line progress indicator on
 * stderr, and standard input.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { ConfigError } from "../catalog";

/** Where the command line writes and reads. */
export interface Io {
    /** Writes a line (or block) to standard output. */
    out(text: string): void;
    /** Writes an error line to standard error. */
    err(text: string): void;
    /** Shows (or, with undefined, clears) a progress line on standard error. */
    progress(text: string | undefined): void;
    /** Reads all of standard input. */
    readStdin(): string;
}

/** The process's own I/O. Progress redraws one line on a TTY and prints plain lines otherwise. */
export function processIo(): Io {
    const tty = process.stderr.isTTY === true;
    let shown = false;
    return {
        out: (t) => process.stdout.write(`${t}\n`),
        err: (t) => process.stderr.write(`${t}\n`),
        progress: (t) => {
            if (t === undefined) {
                if (shown && tty) process.stderr.write("\r\x1b[K");
                shown = false;
                return;
            }
            shown = true;
            process.stderr.write(tty ? `\r\x1b[K${t}` : `${t}\n`);
        },
        readStdin: () => readFileSync(0, "utf8"),
    };
}

/**
 * Refuses a client secret given as an argument (`--secret`, `--client-secret`): arguments are
 * visible in shell history and the process list. The value is never echoed.
 */
export function rejectInlineSecrets(argv: readonly string[]): void {
    const bad = argv.find((a) => /^--(client-?)?secret(=|$)/i.test(a));
    if (bad) {
        const flag = bad.split("=")[0];
        throw new ConfigError(flag, "client secrets are not accepted as command-line arguments", "Use --secret-env NAME (an environment variable) or --secret-stdin");
    }
}
