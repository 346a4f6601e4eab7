/**
 * Reads a V8 `.cpuprofile` (from `--profile DIR`, i.e. the server's --cpu-prof) and prints where the
 * time went: functions by self time, and Pigeon's own functions by total (inclusive) time. Enough to
 * find the hot path from a terminal; open the file in Chrome DevTools for the flame chart.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  self: [string, number][];
  ownTotal: [string, number][];
}

const label = (n: ProfileNode): string => {
  const url = n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*packages\//, 'packages/');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}${url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
};

export function summarizeProfile(file: string, top = 20): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfById = new Map<number, number>();
  p.samples.forEach((id, i) => selfById.set(id, (selfById.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of selfById) {
    const node = byId.get(id);
    if (!node) continue;
    self.set(label(node), (self.get(label(node)) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = label(byId.get(cur) as ProfileNode);
      if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + us);
      seen.add(k);
    }
  }
  const ms = (m: Map<string, number>, keep: (k: string) => boolean): [string, number][] =>
    [...m]
      .filter(([k]) => keep(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => [k, Math.round(us / 1000)]);
  return {
    totalMs: Math.round((p.endTime - p.startTime) / 1000),
    self: ms(self, () => true),
    ownTotal: ms(total, (k) => k.includes('packages/')),
  };
}

export function renderProfile(file: string, s: ProfileSummary): string {
  const rows = (xs: [string, number][]) => xs.map(([k, v]) => `${String(v).padStart(8)} ms  ${k}`);
  return [
    `${file}: ${s.totalMs} ms`,
    '  self time:',
    ...rows(s.self),
    "  Pigeon's functions, total time:",
    ...rows(s.ownTotal),
  ].join('\n');
}
