/**
 * The bounded-concurrency map the command line uses; it lives in probe/ (probe/discover.ts uses it
 * too, and probe/ must not import cli/).
 *
 * @module
 */
export { mapPool } from "../probe/pool";
