/**
 * A hand-written SVG chart: panels stacked vertically, each either lines over time (latency
 * percentiles, throughput, memory) or bars (one figure per target). No dependencies; the output
 * is a static file a browser or GitHub renders.
 */

export interface LineSeries {
  name: string;
  points: [number, number][];
  dashed?: boolean;
}

export interface LinePanel {
  kind: 'line';
  title: string;
  yLabel: string;
  xLabel?: string;
  series: LineSeries[];
}

export interface BarPanel {
  kind: 'bar';
  title: string;
  yLabel: string;
  bars: { label: string; value: number }[];
}

export type Panel = LinePanel | BarPanel;

export interface ChartSpec {
  title: string;
  subtitle?: string;
  panels: Panel[];
}

const WIDTH = 880;
const PANEL_H = 240;
const PAD = { left: 70, right: 190, top: 34, bottom: 40 };
const HEAD = 56;
const COLORS = ['#1f6feb', '#d9480f', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#e03131', '#495057'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) =>
  Math.abs(v) >= 1000 ? `${+(v / 1000).toFixed(1)}k` : `${+v.toFixed(Math.abs(v) < 10 ? 2 : 0)}`;

/** Round tick step so that about `n` ticks cover [0, max]. */
export function niceStep(max: number, n = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

function frame(p: Panel, y0: number, xMax: number, yMax: number, xLabel: string): string[] {
  const w = WIDTH - PAD.left - PAD.right;
  const h = PANEL_H - PAD.top - PAD.bottom;
  const out = [
    `<text x="${PAD.left}" y="${y0 + 20}" class="pt">${esc(p.title)}</text>`,
    `<rect x="${PAD.left}" y="${y0 + PAD.top}" width="${w}" height="${h}" class="box"/>`,
    `<text transform="translate(16 ${y0 + PAD.top + h / 2}) rotate(-90)" class="ax" text-anchor="middle">${esc(p.yLabel)}</text>`,
  ];
  const yStep = niceStep(yMax);
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    const y = y0 + PAD.top + h - (v / yMax) * h;
    out.push(`<line x1="${PAD.left}" x2="${PAD.left + w}" y1="${y}" y2="${y}" class="grid"/>`);
    out.push(`<text x="${PAD.left - 6}" y="${y + 4}" class="ax" text-anchor="end">${fmt(v)}</text>`);
  }
  if (p.kind === 'line') {
    const xStep = niceStep(xMax, 8);
    for (let v = 0; v <= xMax + 1e-9; v += xStep) {
      const x = PAD.left + (v / xMax) * w;
      out.push(`<text x="${x}" y="${y0 + PAD.top + h + 16}" class="ax" text-anchor="middle">${fmt(v)}</text>`);
    }
    out.push(
      `<text x="${PAD.left + w / 2}" y="${y0 + PANEL_H - 4}" class="ax" text-anchor="middle">${esc(xLabel)}</text>`,
    );
  }
  return out;
}

function linePanel(p: LinePanel, y0: number): string[] {
  const all = p.series.flatMap((s) => s.points);
  const xMax = Math.max(1, ...all.map(([x]) => x));
  const yMax = Math.max(1e-3, ...all.map(([, y]) => y)) * 1.1;
  const w = WIDTH - PAD.left - PAD.right;
  const h = PANEL_H - PAD.top - PAD.bottom;
  const out = frame(p, y0, xMax, yMax, p.xLabel ?? 'seconds');
  p.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const d = s.points
      .map(
        ([x, y], j) =>
          `${j ? 'L' : 'M'}${(PAD.left + (x / xMax) * w).toFixed(1)} ${(y0 + PAD.top + h - (y / yMax) * h).toFixed(1)}`,
      )
      .join(' ');
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : '';
    if (d) out.push(`<path d="${d}" stroke="${color}"${dash} class="ln"/>`);
    const ly = y0 + PAD.top + 10 + i * 16;
    out.push(
      `<line x1="${WIDTH - PAD.right + 12}" x2="${WIDTH - PAD.right + 32}" y1="${ly}" y2="${ly}" stroke="${color}"${dash} class="ln"/>`,
    );
    out.push(`<text x="${WIDTH - PAD.right + 38}" y="${ly + 4}" class="lg">${esc(s.name)}</text>`);
  });
  return out;
}

function barPanel(p: BarPanel, y0: number): string[] {
  const yMax = Math.max(1e-3, ...p.bars.map((b) => b.value)) * 1.15;
  const w = WIDTH - PAD.left - PAD.right;
  const h = PANEL_H - PAD.top - PAD.bottom;
  const out = frame(p, y0, 1, yMax, '');
  const slot = w / Math.max(1, p.bars.length);
  p.bars.forEach((b, i) => {
    const bh = (b.value / yMax) * h;
    const x = PAD.left + i * slot + slot * 0.2;
    const y = y0 + PAD.top + h - bh;
    out.push(
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${bh.toFixed(1)}" fill="${COLORS[i % COLORS.length]}"/>`,
    );
    out.push(
      `<text x="${(x + slot * 0.3).toFixed(1)}" y="${(y - 4).toFixed(1)}" class="ax" text-anchor="middle">${fmt(b.value)}</text>`,
    );
    out.push(
      `<text x="${(x + slot * 0.3).toFixed(1)}" y="${y0 + PAD.top + h + 16}" class="ax" text-anchor="middle">${esc(b.label)}</text>`,
    );
  });
  return out;
}

export function renderChart(spec: ChartSpec): string {
  const height = HEAD + spec.panels.length * PANEL_H + 10;
  const body = spec.panels.flatMap((p, i) =>
    p.kind === 'line' ? linePanel(p, HEAD + i * PANEL_H) : barPanel(p, HEAD + i * PANEL_H),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif">`,
    '<style>.pt{font-size:13px;font-weight:600}.ax{font-size:11px;fill:#555}.lg{font-size:11px}.box{fill:none;stroke:#bbb}.grid{stroke:#eee}.ln{fill:none;stroke-width:1.6}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="${PAD.left}" y="24" font-size="16" font-weight="700">${esc(spec.title)}</text>`,
    spec.subtitle ? `<text x="${PAD.left}" y="42" class="ax">${esc(spec.subtitle)}</text>` : '',
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
