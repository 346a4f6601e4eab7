/** What the console API is given by the HTTP wiring. */
import type { Region } from '../../config.js';
import type { Core } from '../../core/index.js';

export interface ConsoleApiOptions {
  core: Core;
  publicUrl?: string;
  sessionTtlSeconds: number;
  /** Configured regions, or one at `requestBase` (publicUrl, else the address the browser used). */
  regions(requestBase: string): Region[];
  historyPageMax: number;
}
