/**
 * Splits `total` rows over groups in proportion to their weights, never
 * giving a group more than it has: a group that cannot fill its share gives
 * the rest to the others (water-filling), and rounding goes by largest
 * remainder, so the quotas add up to min(total, Σ available) exactly.
 */
export function allocate(available: readonly number[], weights: readonly number[], total: number): number[] {
  const quotas = available.map(() => 0);
  let open = available.map((_, i) => i).filter((i) => available[i]! > 0 && weights[i]! > 0);
  let left = Math.min(total, open.reduce((sum, i) => sum + available[i]!, 0));
  while (left > 0 && open.length > 0) {
    const weightSum = open.reduce((sum, i) => sum + weights[i]!, 0);
    const shares = open.map((i) => ({ i, share: (left * weights[i]!) / weightSum }));
    // Groups that cannot take their share are filled, and the loop splits what remains among the others.
    const full = shares.filter((s) => s.share >= available[s.i]! - quotas[s.i]!);
    if (full.length > 0) {
      for (const { i } of full) {
        left -= available[i]! - quotas[i]!;
        quotas[i] = available[i]!;
      }
      open = open.filter((i) => quotas[i]! < available[i]!);
      continue;
    }
    const floors = shares.map((s) => ({ ...s, floor: Math.floor(s.share) }));
    let rest = left - floors.reduce((sum, s) => sum + s.floor, 0);
    for (const s of floors) quotas[s.i]! += s.floor;
    // Largest remainder first; ties by index, so the split is deterministic.
    for (const s of [...floors].sort((a, b) => b.share - b.floor - (a.share - a.floor) || a.i - b.i)) {
      if (rest === 0) break;
      quotas[s.i]! += 1;
      rest--;
    }
    left = 0;
  }
  return quotas;
}
