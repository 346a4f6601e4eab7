/** Latency samples (ms) with exact percentiles: a run holds at most a few million, sorting is cheap. */

export interface LatencySummary {
  n: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export const EMPTY_SUMMARY: LatencySummary = Object.freeze({
  n: 0,
  min: 0,
  mean: 0,
  p50: 0,
  p90: 0,
  p99: 0,
  p999: 0,
  max: 0,
});

export class Samples {
  #data = new Float64Array(1024);
  #n = 0;

  get count(): number {
    return this.#n;
  }

  push(ms: number): void {
    if (this.#n === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#n++] = ms;
  }

  /** Adds every sample of `other` (used to merge per-second windows into a phase). */
  merge(other: Samples): void {
    for (const v of other.values()) this.push(v);
  }

  values(): Float64Array {
    return this.#data.subarray(0, this.#n);
  }

  summary(): LatencySummary {
    return summarize(this.values());
  }

  clear(): void {
    this.#n = 0;
  }
}

export function summarize(values: Float64Array | number[]): LatencySummary {
  const n = values.length;
  if (n === 0) return EMPTY_SUMMARY;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))];
  return {
    n,
    min: round(sorted[0]),
    mean: round(sum / n),
    p50: round(at(50)),
    p90: round(at(90)),
    p99: round(at(99)),
    p999: round(at(99.9)),
    max: round(sorted[n - 1]),
  };
}

export const round = (v: number, digits = 3): number => Number(v.toFixed(digits));
