/** Turns counter readings into a rate series: messages per second between two samples. */
export interface Sample {
  ts: number;
  messages: number;
  connections: number;
}

export interface Point {
  ts: number;
  value: number;
}

export function rates(samples: readonly Sample[]): Point[] {
  const out: Point[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    const dt = (b.ts - a.ts) / 1000;
    if (dt > 0) out.push({ ts: b.ts, value: Math.max(0, (b.messages - a.messages) / dt) });
  }
  return out;
}

/** SVG polyline points for values in a w x h box (0 at the bottom, the max at the top). */
export function polyline(values: readonly number[], w: number, h: number, max: number): string {
  if (values.length === 0) return '';
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  return values.map((v, i) => `${(i * step).toFixed(1)},${(h - (v / (max || 1)) * h).toFixed(1)}`).join(' ');
}

/** A round upper bound for a chart axis: 1, 2, 5, 10, 20, 50 … */
export function niceMax(v: number): number {
  if (v <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((n) => n >= v) ?? 10 * p;
}
