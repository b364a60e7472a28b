/**
 * Small numeric helpers for the benchmarks.
 *
 * @module
 */

/** The median of `values` (mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
    if (values.length === 0) return NaN;
    const s = [...values].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits = 1): number {
    const f = 10 ** digits;
    return Math.round(value * f) / f;
}

/** Bytes (or kilobytes with `unit` 1024) as MB, one decimal. */
export const mb = (bytes: number): number => round(bytes / (1024 * 1024), 1);
