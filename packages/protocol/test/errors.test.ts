import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCatalogue, PigeonError, renderErrorsDoc } from '@pigeon/protocol';

describe('error catalogue', () => {
  it('is documented exactly in docs/errors.md (regenerate with npx tsx scripts/gen-errors-doc.ts)', () => {
    const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderErrorsDoc());
  });

  it('has unique codes, each inside the range its group reserves', () => {
    const codes = Object.values(ErrorCatalogue).map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [name, s] of Object.entries(ErrorCatalogue)) {
      expect(s.code, name).toBeGreaterThanOrEqual(1000);
      expect(s.code, name).toBeLessThan(7000);
      if (s.code >= 6000) expect(s.http, `${name} is SDK-local`).toBe(0);
      else expect(s.http, name).toBeGreaterThanOrEqual(400);
    }
  });

  it('round-trips through the wire form, and unknown names become INTERNAL', () => {
    const e = new PigeonError('RATE_LIMITED', 'slow down', { retryAfterMs: 250, details: { limit: 50 } });
    const back = PigeonError.fromWire(JSON.parse(JSON.stringify(e.toWire())));
    expect(back).toMatchObject({
      type: 'RATE_LIMITED',
      code: 1006,
      retryable: true,
      retryAfterMs: 250,
      message: 'slow down',
    });
    expect(back.details).toEqual({ limit: 50 });
    const unknown = PigeonError.fromWire({ name: 'NOPE' as never, code: 1, message: 'x', retryable: false });
    expect(unknown.type).toBe('INTERNAL');
  });

  it('keeps the cause', () => {
    const cause = new Error('disk');
    expect(new PigeonError('INTERNAL', 'failed', { cause }).cause).toBe(cause);
  });
});
