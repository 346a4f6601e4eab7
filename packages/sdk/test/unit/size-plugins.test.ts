/** The build-time source rewrites behind the minified single-file builds (build/size-plugins.ts). */
import { describe, expect, it } from 'vitest';
import { dropErrorDescriptions, privateToProps } from '../../build/size-plugins.js';

describe('privateToProps', () => {
  it('turns #private members into _$ properties, and leaves # in strings, templates, regexes and comments', () => {
    const src = [
      'class A {',
      '  readonly #map = new Map<string, number>();',
      '  #count = 0; // #count in a comment',
      '  get #size(): number { return this.#map.size; }',
      "  key(o: A) { return `org#app ${o.#count}` + '#x' + /#y/.source; }",
      '  #bump(): void { this.#count++; }',
      '}',
    ].join('\n');
    expect(privateToProps(src)).toBe(
      [
        'class A {',
        '  readonly _$map = new Map<string, number>();',
        '  _$count = 0; // #count in a comment',
        '  get _$size(): number { return this._$map.size; }',
        "  key(o: A) { return `org#app ${o._$count}` + '#x' + /#y/.source; }",
        '  _$bump(): void { this._$count++; }',
        '}',
      ].join('\n'),
    );
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
