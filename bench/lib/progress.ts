/**
 * The live progress line. On a terminal it rewrites one line in place; elsewhere (CI, pipes) it
 * prints a line at most every few seconds so logs stay readable.
 */
import { performance } from 'node:perf_hooks';

export interface Reporter {
  /** Replaces the live progress line. */
  progress(text: string): void;
  /** Prints a permanent line (notes, tables). */
  log(text: string): void;
}

export class ConsoleReporter implements Reporter {
  readonly #tty = Boolean(process.stdout.isTTY);
  #live = false;
  #lastPrinted = 0;

  progress(text: string): void {
    if (this.#tty) {
      process.stdout.write(`\r\x1b[2K${text.slice(0, (process.stdout.columns || 120) - 1)}`);
      this.#live = true;
      return;
    }
    const now = performance.now();
    if (now - this.#lastPrinted < 5000) return;
    this.#lastPrinted = now;
    process.stdout.write(`… ${text}\n`);
  }

  log(text: string): void {
    if (this.#live) process.stdout.write('\r\x1b[2K');
    this.#live = false;
    process.stdout.write(`${text}\n`);
  }
}

/** For tests: keeps the permanent lines, drops the progress. */
export class MemoryReporter implements Reporter {
  readonly lines: string[] = [];
  progress(): void {}
  log(text: string): void {
    this.lines.push(text);
  }
}
