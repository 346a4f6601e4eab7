/** The build-time source rewrites behind the minified single-file builds (build/size-plugins.ts). */
import { describe, expect, it } from 'vitest';
import { dropErrorDescriptions, privateToProps } from '../../build/size-plugins.js';

describe('privateToProps', () => {
  const src = [
    'class A {',
    '  readonly #map = new Map<string, number>();',
    '  #count = 0; // #count in a comment',
    '  get #size(): number { return this.#map.size; }',
    "  key(o: A) { return `org#app ${o.#count}` + '#x' + /#y/.source; }",
    '  #bump(): void { this.#count++; }',
    '}',
    'class B extends A {',
    '  #count = 1;',
    '  inner() { return class { #own = 2; f(b: B) { return b.#count + this.#own; } }; }',
    '}',
  ].join('\n');
  const out = privateToProps(src, '/src/a.ts');
  const names = (line: number) => [...(out.split('\n')[line] ?? '').matchAll(/_\$\w+/g)].map((m) => m[0]);

  it('turns every #private member into a _$ property', () => {
    expect(out).not.toMatch(/(this|o|b)\.#/);
    expect(names(1)[0]).toMatch(/^_\$\w+_map$/);
    expect(names(3)).toEqual([expect.stringMatching(/_size$/), names(1)[0]]);
  });

  it('leaves # in strings, templates, regexes and comments alone', () => {
    expect(out).toContain('// #count in a comment');
    expect(out).toContain('`org#app ${o._$');
    expect(out).toContain("+ '#x' + /#y/.source");
  });

  it("keeps a subclass's #count apart from its base class's, and resolves a nested class's names lexically", () => {
    const baseCount = names(2)[0];
    const subCount = names(8)[0];
    expect(subCount).toMatch(/_count$/);
    expect(subCount).not.toBe(baseCount);
    const [own, used, usedOwn] = names(9);
    expect(used).toBe(subCount); // b.#count inside the nested class is B's
    expect(usedOwn).toBe(own);
  });
});

describe('dropErrorDescriptions', () => {
  it('empties the fifth argument of spec() and nothing else', () => {
    const src = [
      'const spec = (c: number, h: number, r: boolean, rest: string, d: string) => ({ c, h, r, rest, d });',
      'export const C = {',
      "  A: spec(1001, 400, false, 'illegal_argument', 'A long description.'),",
      '  B: spec(',
      '    1002,',
      '    400,',
      '    true,',
      "    'illegal_argument',",
      '    "Another, on its own line.",',
      '  ),',
      "  other: call(1, 2, 3, 'x', 'kept'),",
      '};',
    ].join('\n');
    const out = dropErrorDescriptions(src);
    expect(out).toContain("A: spec(1001, 400, false, 'illegal_argument', ''),");
    expect(out).toContain("    'illegal_argument',\n    '',\n  ),");
    expect(out).toContain("call(1, 2, 3, 'x', 'kept')");
    expect(out).not.toContain('description.');
  });
});
