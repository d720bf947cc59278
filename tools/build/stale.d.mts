/** Newest modification time (ms) of a file, or of a directory and everything under it; undefined when `path` does not exist. */
export declare function newestMtime(path: string): number | undefined;
/** True when `built` is missing or older than any of `sources` (files or directories); a missing source counts as a change unless `optional` lists it. */
export declare function isStale(built: string, sources: readonly string[], options?: { optional?: readonly string[] }): boolean;
