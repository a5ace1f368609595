// How benchmarks print their figures: one line each, the figure against its target.
//   BENCH name=store.search value=12.4 unit=ms target=<30 status=pass

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function report(name: string, value: number, unit: string, target: { below?: number; atMost?: number; atLeast?: number }): boolean {
  const [sign, limit, pass] =
    target.atLeast !== undefined
      ? ['>=', target.atLeast, value >= target.atLeast]
      : target.below !== undefined
        ? ['<', target.below, value < target.below]
        : ['<=', target.atMost!, value <= target.atMost!];
  const shown = value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2);
  console.log(`BENCH name=${name} value=${shown} unit=${unit} target=${sign}${limit} status=${pass ? 'pass' : 'fail'}`);
  return pass;
}

/** Whether the figure was asked for: BENCH_FILTER empty, a prefix of it, or it a prefix of the filter. */
export function wanted(name: string): boolean {
  const filter = process.env.BENCH_FILTER ?? '';
  return filter === '' || name.startsWith(filter) || filter === name;
}

/** BENCH_SIZE messages (default: the full million). */
export function benchSize(fallback = 1_000_000): number {
  const size = Number(process.env.BENCH_SIZE ?? fallback);
  if (!Number.isInteger(size) || size < 1000) throw new Error('BENCH_SIZE must be a whole number of messages, at least 1000.');
  return size;
}
