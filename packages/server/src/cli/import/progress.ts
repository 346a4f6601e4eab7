/** Import progress: a cli-progress bar on a terminal, plain lines (every `every` rows) otherwise. */
import cliProgress from 'cli-progress';

export interface Counts {
  rows: number;
  imported: number;
  rejected: number;
}

export interface Progress {
  update(bytes: number, c: Counts): void;
  stop(c: Counts): void;
}

const percent = (bytes: number, total: number) => (total > 0 ? Math.min(100, Math.floor((bytes / total) * 100)) : 100);

export function createProgress(
  out: NodeJS.WritableStream & { isTTY?: boolean },
  totalBytes: number,
  every = 10_000,
): Progress {
  if (out.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: out,
        format: 'importing [{bar}] {percentage}% | {rows} rows | {imported} imported | {rejected} rejected',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(totalBytes, 0, { rows: 0, imported: 0, rejected: 0 });
    return {
      update: (bytes, c) => bar.update(bytes, { ...c }),
      stop: (c) => {
        bar.update(totalBytes, { ...c });
        bar.stop();
      },
    };
  }
  let next = every;
  let last = -1;
  const line = (bytes: number, c: Counts) => {
    if (c.rows === last) return;
    last = c.rows;
    out.write(
      `progress: ${c.rows} rows read (${percent(bytes, totalBytes)}%), ${c.imported} imported, ${c.rejected} rejected\n`,
    );
  };
  return {
    update(bytes, c) {
      if (c.rows < next) return;
      next = c.rows - (c.rows % every) + every;
      line(bytes, c);
    },
    stop: (c) => line(totalBytes, c),
  };
}
