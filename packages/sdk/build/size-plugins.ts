/**
 * Build-time size cuts for the minified single-file builds (mini-programs, browser). They change
 * how the source is emitted, not what it does:
 *
 * - `#private` members become `_$name` properties, which `mangleProps` shortens to one or two
 *   letters. ES2017 engines have no `#private`, and esbuild lowers each to a WeakMap plus a helper
 *   call per access (`__privateGet(this, _x)`), about a quarter of the build. Plain properties
 *   also work when an app puts a connection in Vue's reactive state (a Proxy, which WeakMap-based
 *   private fields reject). The source keeps `#private` (STYLE.md), and tsc still enforces it.
 * - The error catalogue's long descriptions are dropped (names, codes, HTTP status, REST names and
 *   retryable stay): server errors carry the server's message, SDK errors their own, and
 *   docs/errors.md has the descriptions.
 */
import { readFile } from 'node:fs/promises';
import type { BuildOptions, Plugin } from 'esbuild';
import ts from 'typescript';

/** Prefix of the properties `#private` members become; the only ones mangled. */
export const MANGLED = /^_\$/;

const SOURCES = /[\\/]packages[\\/](sdk|protocol)[\\/]src[\\/].*\.ts$/;
const ERRORS = /[\\/]packages[\\/]protocol[\\/]src[\\/]errors\.ts$/;

type Edit = { start: number; end: number; text: string };

function applyEdits(source: string, edits: Edit[]): string {
  let out = source;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function collect(source: string, file: string, pick: (n: ts.Node, sf: ts.SourceFile) => Edit | undefined): Edit[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];
  const visit = (n: ts.Node): void => {
    const e = pick(n, sf);
    if (e) edits.push(e);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return edits;
}

/** A short stable tag per file, so equal class positions in two files never share names. */
function fileTag(file: string): string {
  let h = 2166136261;
  for (let i = 0; i < file.length; i++) h = Math.imul(h ^ file.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/**
 * `#name` (a private identifier, never a `#` in a string or comment) -> `_$<class>_name`, where
 * <class> identifies the class that declares it (the innermost enclosing one, as for #names), so
 * a subclass's `#x` never becomes the same property as its base class's `#x`.
 */
export function privateToProps(source: string, file = 'x.ts'): string {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const tag = fileTag(file);
  const scopes: { id: string; names: Set<string> }[] = [];
  const edits: Edit[] = [];
  const visit = (n: ts.Node): void => {
    const isClass = ts.isClassLike(n);
    if (isClass) {
      const names = new Set<string>();
      for (const m of n.members) if (m.name && ts.isPrivateIdentifier(m.name)) names.add(m.name.text);
      scopes.push({ id: `${tag}${n.getStart(sf).toString(36)}`, names });
    }
    if (ts.isPrivateIdentifier(n)) {
      const owner = [...scopes].reverse().find((c) => c.names.has(n.text));
      const start = n.getStart(sf);
      edits.push({ start, end: n.getEnd(), text: `_$${owner?.id ?? tag}_${n.text.slice(1)}` });
    }
    ts.forEachChild(n, visit);
    if (isClass) scopes.pop();
  };
  visit(sf);
  return applyEdits(source, edits);
}

/** `spec(code, http, retryable, rest, 'description')` -> `spec(code, http, retryable, rest, '')`. */
export function dropErrorDescriptions(source: string, file = 'errors.ts'): string {
  const edits = collect(source, file, (n, sf) => {
    if (!ts.isCallExpression(n) || !ts.isIdentifier(n.expression) || n.expression.text !== 'spec') return undefined;
    const d = n.arguments[4];
    return d && ts.isStringLiteralLike(d) ? { start: d.getStart(sf), end: d.getEnd(), text: "''" } : undefined;
  });
  return applyEdits(source, edits);
}

export function sizePlugin(): Plugin {
  return {
    name: 'pigeon-size',
    setup(build) {
      build.onLoad({ filter: SOURCES }, async ({ path }) => {
        let source = await readFile(path, 'utf8');
        if (ERRORS.test(path)) source = dropErrorDescriptions(source, path);
        return { contents: privateToProps(source, path), loader: 'ts' };
      });
    },
  };
}

/** What a minified single-file build adds to its esbuild options (with sizePlugin() in its plugins). */
export function applySizeOptions(o: BuildOptions): void {
  o.mangleProps = MANGLED;
  // Fields as assignments in the constructor, not Object.defineProperty calls: no class here relies
  // on define semantics (no field shadows an accessor of a base class).
  // (tsconfig.base.json's other options do not change esbuild's output; esbuild takes one or the other.)
  delete o.tsconfig;
  o.tsconfigRaw = { compilerOptions: { useDefineForClassFields: false, verbatimModuleSyntax: true } };
}
