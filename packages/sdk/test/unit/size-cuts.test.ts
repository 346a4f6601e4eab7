/** The source rewrites that shrink the single-file builds without changing what they do (build/size-plugins.ts). */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { esmToCommonJs, inlineFlag, slimErrorCatalogue, spreadToAssign } from '../../build/size-plugins.js';

/** Runs TypeScript source as ES2017 (no object spread syntax left to run natively) and returns `out`. */
function run(source: string): unknown {
  const js = ts.transpile(`${source}\nreturn out;`, { target: ts.ScriptTarget.ES2017 });
  return new Function(js)() as unknown;
}

describe('spreadToAssign', () => {
  const cases = [
    'const x = { a: 1, b: 2 }; const out = { ...x, b: 3, c: 4 };',
    'const x = { a: 1 }; const out = { z: 0, ...x, ...{ a: 2 }, b: [{ ...x, n: 1 }] };',
    'const out = { ...undefined, ...null, k: 1 };',
    "const f = (o: object) => ({ ...o, }); const out = f({ q: 'r' });",
    'const x = { a: { b: 1 } }; const out = { ...x.a, get g() { return 5; } };',
  ];

  it.each(cases)('gives the same object: %s', (src) => {
    const rewritten = spreadToAssign(src);
    expect(rewritten).not.toMatch(/\.\.\./);
    expect(run(rewritten)).toEqual(run(src));
  });

  it('leaves array spreads, call spreads and rest parameters alone', () => {
    const src = 'const out = ((...a: number[]) => [...a, Math.max(...a)])(1, 2);';
    expect(spreadToAssign(src)).toBe(src);
  });
});

describe('slimErrorCatalogue', () => {
  it('keeps code and retryable of each spec() and empties the rest', () => {
    const src = [
      'export const C = {',
      "  A: spec(1001, 400, false, 'illegal_argument', 'A long description.'),",
      "  B: spec(\n    5002,\n    503,\n    true,\n    'service_unavailable',\n    'On its own lines.',\n  ),",
      "  other: call(1, 2, 3, 'x', 'kept'),",
      '};',
    ].join('\n');
    const out = slimErrorCatalogue(src);
    expect(out).toContain("A: spec(1001, 0, false, '', ''),");
    expect(out).toContain("5002,\n    0, true, '', '',\n  ),");
    expect(out).toContain("call(1, 2, 3, 'x', 'kept')");
  });
});

describe('inlineFlag', () => {
  it('replaces the uses of a flag, not its import or declaration', () => {
    const src = [
      "import { FLAG } from './flags.js';",
      'const FLAG_2 = FLAG;',
      'export const out = FLAG && x ? () => big(x) : undefined;',
      'const o = { FLAG: 1, FLAG_3: o.FLAG, FLAG };',
    ].join('\n');
    const out = inlineFlag(src, 'FLAG', false);
    expect(out).toContain("import { FLAG } from './flags.js';");
    expect(out).toContain('const FLAG_2 = false;');
    expect(out).toContain('export const out = false && x ?');
    expect(out).toContain('{ FLAG: 1, FLAG_3: o.FLAG, FLAG: false }');
  });
});

describe('esmToCommonJs', () => {
  it('makes the exports the default export with every named export and `default` on it', () => {
    const code = 'var a=1,b={connection:2,message:3};export{a as PigeonError,b as default,a as "odd-name"};';
    const out = esmToCommonJs(code);
    expect(out).not.toMatch(/export\s*\{/);
    const module = { exports: {} as Record<string, unknown> };
    new Function('module', out)(module);
    expect(module.exports).toEqual({
      PigeonError: 1,
      'odd-name': 1,
      connection: 2,
      message: 3,
      default: { connection: 2, message: 3 },
    });
  });

  it('refuses a build that does not end with its exports, or has no default export', () => {
    expect(() => esmToCommonJs('var a=1;')).toThrow(/export statement/);
    expect(() => esmToCommonJs('var a=1;export{a as x};')).toThrow(/default/);
  });
});
