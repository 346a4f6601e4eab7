/** What the core is tuned with; config.ts fills it from flags, env and the config file. */
import type { AppLimits, App } from './types.js';

export interface CoreLimits extends AppLimits {
  pullPageMax: number;
  historyPageMax: number;
}

export interface CoreOptions {
  /** 0..1023, part of every message id: distinct per node of a cluster. */
  nodeId: number;
  batch: { windowMs: number; maxSize: number };
  limits: CoreLimits;
  /** scrypt cost N for passwords; only tests lower it. */
  passwordCost?: number;
}

/** The server's limits with the app's own overrides on top. */
export const appLimits = (limits: CoreLimits, app: App): CoreLimits => ({ ...limits, ...app.settings.limits });
