/** Parses durations such as `180d`, `12h`, `30m`, `45s` or a plain number of seconds. */
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

export function parseDurationSeconds(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdwy]?)\s*$/i.exec(text);
  if (!m) throw new RangeError(`Not a duration: "${text}" (use e.g. 3600, 45m, 12h, 180d)`);
  const seconds = Math.round(Number(m[1]) * UNITS[(m[2] || 's').toLowerCase()]!);
  if (seconds <= 0) throw new RangeError(`Duration must be positive: "${text}"`);
  return seconds;
}
