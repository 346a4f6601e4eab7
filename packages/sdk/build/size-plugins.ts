/**
 * Build-time size cuts for the minified single-file builds (mini-programs, browser). They change
 * how the source is emitted, not what it does:
 *
 * - `#private` members become `_$name` properties, which `mangleProps` shortens to one or two
 *   letters. ES2017 engines have no `#private`, and esbuild lowers each to a WeakMap plus a helper
 *   call per access (`__privateGet(this, _x)`), about a quarter of the build. Plain properties
 *   also work when an app puts a connection in Vue's reactive state (a Proxy, which WeakMap-based
 *   private fields reject). The source keeps `#private` (STYLE.md), and tsc still enforces it.
 * - The error catalogue keeps each error's name, code and retryable flag, what the SDK and
 *   `statusCode` read; its HTTP statuses, Easemob REST `error` strings and descriptions are
 *   server-side facts (docs/errors.md lists them). Server errors carry their own name, code and
 *   message on the socket and in REST bodies, SDK errors their own message; the entries read 0 and
 *   '' here.
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

/**
 * `spec(code, http, retryable, rest, 'description')` -> `spec(code, 0, retryable, '', '')`: what the
 * SDK needs of the catalogue (names, codes, retryable); REST errors are read by the body's name.
 */
export function slimErrorCatalogue(source: string, file = 'errors.ts'): string {
  const edits = collect(source, file, (n, sf) => {
    if (!ts.isCallExpression(n) || !ts.isIdentifier(n.expression) || n.expression.text !== 'spec') return undefined;
    const [, http, retryable, , description] = n.arguments;
    if (!http || !retryable || !description || n.arguments.length !== 5) return undefined;
    return { start: http.getStart(sf), end: description.getEnd(), text: `0, ${retryable.getText(sf)}, '', ''` };
  });
  return applyEdits(source, edits);
}

/**
 * `{ a, ...b, c }` -> `Object.assign({ a }, b, { c })`. ES2017 has no object spread: esbuild lowers
 * each to helper calls and ships the helpers (about 0.6 KB minified); Object.assign (ES2015) does
 * the same for the plain objects spread here. Only the literal's own tokens are edited, so nested
 * literals are rewritten independently.
 */
export function spreadToAssign(source: string, file = 'x.ts'): string {
  const edits: Edit[] = [];
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const visit = (n: ts.Node): void => {
    if (ts.isObjectLiteralExpression(n) && n.properties.some(ts.isSpreadAssignment)) {
      const props = n.properties;
      const open = n.getStart(sf);
      const first = props[0]!;
      let inRun = !ts.isSpreadAssignment(first);
      edits.push({ start: open, end: open + 1, text: inRun ? 'Object.assign({' : 'Object.assign({}, ' });
      props.forEach((p, i) => {
        const start = p.getStart(sf);
        if (ts.isSpreadAssignment(p)) {
          edits.push({ start, end: start + 3, text: inRun ? '}, ' : '' });
          inRun = false;
        } else if (!inRun && i > 0) {
          edits.push({ start, end: start, text: '{ ' });
          inRun = true;
        }
      });
      const close = n.getEnd() - 1;
      edits.push({ start: close, end: close + 1, text: inRun ? '})' : ')' });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return applyEdits(source, edits);
}

/**
 * Every use of the boolean constant `name` (not its declaration or import) -> `value`, so esbuild
 * folds the branches it guards and drops what only they reference.
 */
export function inlineFlag(source: string, name: string, value: boolean, file = 'x.ts'): string {
  const edits = collect(source, file, (n, sf) => {
    if (!ts.isIdentifier(n) || n.text !== name) return undefined;
    const p = n.parent;
    const start = n.getStart(sf);
    if (ts.isShorthandPropertyAssignment(p)) return { start, end: n.getEnd(), text: `${name}: ${value}` };
    const declares =
      ts.isImportSpecifier(p) ||
      ts.isExportSpecifier(p) ||
      ((ts.isVariableDeclaration(p) ||
        ts.isPropertyAssignment(p) ||
        ts.isPropertyAccessExpression(p) ||
        ts.isPropertyDeclaration(p) ||
        ts.isPropertySignature(p) ||
        ts.isMethodDeclaration(p) ||
        ts.isBindingElement(p)) &&
        p.name === n);
    return declares ? undefined : { start, end: n.getEnd(), text: String(value) };
  });
  return applyEdits(source, edits);
}

export interface SizeOptions {
  /** False for the core-chat builds: their mini-program adapters leave out upload/download. */
  fileTransfer?: boolean;
}

export function sizePlugin(opts: SizeOptions = {}): Plugin {
  return {
    name: 'pigeon-size',
    setup(build) {
      build.onLoad({ filter: SOURCES }, async ({ path }) => {
        let source = await readFile(path, 'utf8');
        if (opts.fileTransfer === false) source = inlineFlag(source, 'FILE_TRANSFER', false, path);
        if (ERRORS.test(path)) source = slimErrorCatalogue(source, path);
        return { contents: privateToProps(spreadToAssign(source, path), path), loader: 'ts' };
      });
    },
  };
}

/**
 * The mini-program files are CommonJS, but esbuild's CommonJS output of an ES module entry ships
 * three helpers to build a getter-based exports object (about 0.4 KB minified). These builds
 * emit ESM instead, and the final `export{a as b,...}` becomes the CommonJS exports: the SDK
 * object itself with every named export and `default` on it, so `require()`, `import X from`
 * (the devtools' Babel interop) and `const { connection } = require()` all work.
 */
export function esmToCommonJs(code: string): string {
  const m = /export\s*\{([^}]*)\};?\s*$/.exec(code);
  if (!m) throw new Error('esmToCommonJs: the build does not end with an export statement');
  const pairs = m[1]!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [local, exported = local] = s.split(/\s+as\s+/);
      return { local: local!, exported: exported.replace(/^["']|["']$/g, '') };
    });
  const def = pairs.find((p) => p.exported === 'default');
  if (!def) throw new Error('esmToCommonJs: the entry has no default export');
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  const named = pairs.map((p) => `${key(p.exported)}:${p.local}`).join(',');
  return `${code.slice(0, m.index)}module.exports=Object.assign({${named}},${def.local},{default:${def.local}});\n`;
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
