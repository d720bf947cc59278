/**
 * A benchmark's sizes: the environment variable if set, else the full size,
 * or the toy size under BENCH_TOY=1 (`npm run bench:ci` runs every benchmark
 * so, in CI, so that none rots unnoticed; its figures are not judged).
 */
export const TOY = Boolean(process.env.BENCH_TOY);

export function size(env: string, full: number, toy: number): number {
  const raw = process.env[env];
  if (raw === undefined || raw === '') return TOY ? toy : full;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${env} must be a positive number (got '${raw}')`);
  return value;
}
