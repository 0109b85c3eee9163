// One JSON line per measurement, the format `npm run bench` promises:
// {"bench","value","unit","baseline","ratio","target","pass"} plus an optional "note" saying how it was measured.

export interface Measurement {
  bench: string;
  value: number | boolean;
  unit: string;
  /** What the value is compared with; null when there is no meaningful baseline. */
  baseline: number | boolean | null;
  ratio: number | null;
  target: string;
  pass: boolean;
  note?: string;
}

export function report(measurement: Measurement): Measurement {
  const rounded = {
    ...measurement,
    value: round(measurement.value),
    baseline: round(measurement.baseline),
    ratio: round(measurement.ratio),
  };
  process.stdout.write(`${JSON.stringify(rounded)}\n`);
  return measurement;
}

function round<T>(value: T): T {
  return (typeof value === 'number' ? Math.round(value * 100) / 100 : value) as T;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
