/** pino, writing JSON lines to stderr so stdout stays for the banner and command output. */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { svc: 'pigeon' } }, pino.destination({ fd: 2, sync: false }));
}
