/**
 * How the console writes numbers and times. The browser tests format the
 * API's answers with these same functions to compare them with the page.
 */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toFixed(digits);
}

export function formatShare(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`;
}

export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}

/**
 * UTC, minute precision by default: what a window's bucket boundaries are.
 * Seconds for a monitor's evaluation and retry times, whose interval may be 10 s.
 */
export function formatTime(iso: string | null | undefined, precision: 'minute' | 'second' = 'minute'): string {
  if (!iso) return '—';
  return new Date(iso).toISOString().slice(0, precision === 'second' ? 19 : 16).replace('T', ' ') + ' UTC';
}

export function formatSliceKey(key: readonly { field: string; value: string | null }[]): string {
  return key.length ? key.map((k) => `${k.field}=${k.value ?? '∅'}`).join(', ') : 'all traffic';
}
