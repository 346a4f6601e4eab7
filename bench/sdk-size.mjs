#!/usr/bin/env node
/**
 * SDK size budget (issues 3 and 7): the mini-program builds, minified and gzipped (level 9), side
 * by side with the SDKs the seeds integrate: easemob-websdk's miniProgram build and
 * @tencentcloud/chat (its main build, which mini-programs load, alone and with its feature
 * modules). Writes bench/results/sdk-size.json and bench/results/sdk-size.svg.
 *
 *   node bench/sdk-size.mjs              builds packages/sdk/dist/miniprogram first
 *   node bench/sdk-size.mjs --no-build   measures the builds already there
 *   node bench/sdk-size.mjs --why        also prints bytes per source file (esbuild metafile) of
 *                                        the WeChat core and full builds; --why=alipay for another
 *
 * "full" is the shipped pigeon-<platform>.js (the whole Easemob-like API); "core chat" is
 * pigeon-<platform>-core.js (src/entries/<platform>-core.ts): login, reconnect, send/receive,
 * conversations, history, recall, receipts, no groups/chatrooms/contacts/files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import { register } from 'tsx/esm/api';

register(); // the build config and its size plugin are TypeScript

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sdkDir = join(root, 'packages/sdk');
const outDir = join(root, 'bench/results');
const PLATFORMS = ['wechat', 'qq', 'alipay', 'baidu', 'bytedance', 'uniapp'];
const whyArg = process.argv.find((a) => a === '--why' || a.startsWith('--why='));
const whyPlatform = whyArg?.includes('=') ? whyArg.split('=')[1] : 'wechat';

const measure = (buf) => ({ minified: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function buildAll() {
  const r = spawnSync('npx', ['tsup', '--config', 'tsup.miniprogram.config.ts', '--silent'], {
    cwd: sdkDir,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('mini-program build failed');
}

/** Bytes per source file in one single-file build, from esbuild's metafile (same tsup options). */
async function why(platform, core, dir) {
  const { miniProgramBuild, miniProgramCoreBuild } = await import('../packages/sdk/tsup.miniprogram.config.ts');
  const { build } = await import('tsup');
  const entry = join(sdkDir, `src/entries/${platform}${core ? '-core' : ''}.ts`);
  const out = join(dir, core ? 'core' : 'full');
  const options = core ? miniProgramCoreBuild(platform, entry, out) : miniProgramBuild(platform, entry, out);
  await build({ ...options, metafile: true, silent: true, config: false });
  const meta = JSON.parse(readFileSync(join(out, 'metafile-cjs.json'), 'utf8'));
  const inputs = Object.values(meta.outputs).flatMap((o) => Object.entries(o.inputs));
  return inputs
    .map(([file, v]) => ({ file: file.replaceAll('\\', '/'), bytes: v.bytesInOutput }))
    .filter((r) => r.bytes > 0)
    .sort((x, y) => y.bytes - x.bytes);
}

function printWhy(label, rows) {
  const total = rows.reduce((n, r) => n + r.bytes, 0);
  console.log(`\n${label}: ${kb(total)} of minified code by source file (before gzip)`);
  const groups = {};
  for (const r of rows) {
    const g = r.file.replace(/\/[^/]+$/, '');
    groups[g] = (groups[g] ?? 0) + r.bytes;
  }
  for (const r of rows)
    console.log(`  ${String(r.bytes).padStart(6)}  ${((r.bytes / total) * 100).toFixed(1).padStart(4)}%  ${r.file}`);
  console.log('  by folder:');
  for (const [g, n] of Object.entries(groups).sort((x, y) => y[1] - x[1]))
    console.log(`  ${String(n).padStart(6)}  ${((n / total) * 100).toFixed(1).padStart(4)}%  ${g}/`);
}

/** A published SDK file (or files, concatenated: a main build with its feature modules), as shipped (minified). */
function baseline(pkg, label, files) {
  const dir = join(root, 'node_modules', pkg);
  if (!existsSync(join(dir, 'package.json')))
    return { package: pkg, label, installed: false, note: 'not installed: published size unknown' };
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const list = files ?? [manifest.main ?? 'index.js'];
  const buf = Buffer.concat(list.map((f) => readFileSync(join(dir, f))));
  return {
    package: pkg,
    label,
    installed: true,
    version: manifest.version,
    files: list.map((f) => relative(root, join(dir, f)).replaceAll('\\', '/')),
    ...measure(buf),
  };
}

function baselines() {
  const tencentDir = join(root, 'node_modules/@tencentcloud/chat');
  const modules = existsSync(join(tencentDir, 'modules'))
    ? readdirSync(join(tencentDir, 'modules'))
        .filter((f) => f.endsWith('.js'))
        .sort()
        .map((f) => `modules/${f}`)
    : [];
  return {
    easemob: baseline('easemob-websdk', 'easemob-websdk miniProgram', ['miniProgram/Easemob-chat.js']),
    tencent: baseline('@tencentcloud/chat', '@tencentcloud/chat main (index.js)'),
    tencentWithModules: baseline('@tencentcloud/chat', '@tencentcloud/chat main + modules', ['index.js', ...modules]),
  };
}

function svg(rows, footnote) {
  const max = Math.max(...rows.map((r) => r.gzip ?? 0));
  const w = 900;
  const left = 310;
  const barMax = w - left - 190;
  const h = 84 + rows.length * 34;
  const bars = rows
    .map((r, i) => {
      const y = 50 + i * 34;
      const len = r.gzip ? Math.max(2, Math.round((r.gzip / max) * barMax)) : 0;
      const fill = r.label.startsWith('Pigeon') ? '#2f9e44' : '#868e96';
      const value = r.gzip ? `${kb(r.gzip)} gz · ${kb(r.minified)} min` : 'not installed';
      return (
        `<text x="${left - 8}" y="${y + 16}" text-anchor="end">${r.label}</text>` +
        (len ? `<rect x="${left}" y="${y}" width="${len}" height="22" rx="3" fill="${fill}"/>` : '') +
        `<text x="${left + len + 6}" y="${y + 16}">${value}</text>`
      );
    })
    .join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="13">
  <rect width="100%" height="100%" fill="#fff"/>
  <text x="12" y="26" font-size="16" font-weight="bold">Mini-program SDK size (bars: gzipped, level 9)</text>
  ${bars}
  <text x="12" y="${h - 14}" fill="#555">${footnote}</text>
</svg>
`;
}

async function main() {
  if (!process.argv.includes('--no-build')) buildAll();
  const pigeon = {};
  for (const p of PLATFORMS) {
    const file = (core) => join(sdkDir, `dist/miniprogram/pigeon-${p}${core ? '-core' : ''}.js`);
    pigeon[p] = { coreChat: measure(readFileSync(file(true))), full: measure(readFileSync(file(false))) };
  }
  const base = baselines();
  const ratios = {};
  for (const [name, b] of Object.entries(base)) {
    if (!b.installed) continue;
    const r = (x, k) => +(x[k] / b[k]).toFixed(4);
    ratios[name] = {
      coreGzip: r(pigeon.wechat.coreChat, 'gzip'),
      fullGzip: r(pigeon.wechat.full, 'gzip'),
      coreMinified: r(pigeon.wechat.coreChat, 'minified'),
      fullMinified: r(pigeon.wechat.full, 'minified'),
    };
  }
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    budgets: { coreChatGzip: 25 * 1024, fullGzip: 40 * 1024 },
    pigeon,
    baselines: base,
    ratios,
  };
  if (whyArg) {
    const tmp = mkdtempSync(join(tmpdir(), 'pigeon-size-'));
    try {
      result.why = {
        platform: whyPlatform,
        coreChat: await why(whyPlatform, true, tmp),
        full: await why(whyPlatform, false, tmp),
      };
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'sdk-size.json'), `${JSON.stringify(result, null, 2)}\n`);

  const rows = [
    { label: 'Pigeon core chat (WeChat)', ...pigeon.wechat.coreChat },
    { label: 'Pigeon full (WeChat)', ...pigeon.wechat.full },
    { label: 'Pigeon full (Alipay)', ...pigeon.alipay.full },
    ...Object.values(base).map((b) => ({ ...b, label: `${b.label} ${b.version ?? ''}`.trim() })),
  ];
  const pct = (r) => (r === undefined ? 'n/a' : `${(r * 100).toFixed(1)}%`);
  const e = ratios.easemob;
  const note = `WeChat core / easemob miniProgram: ${pct(e?.coreGzip)} gzipped; full: ${pct(e?.fullGzip)}. ${result.date.slice(0, 10)}`;
  writeFileSync(join(outDir, 'sdk-size.svg'), svg(rows, note));

  console.log('platform    core chat (min / gzip)     full (min / gzip)');
  for (const p of PLATFORMS) {
    const { coreChat: c, full: f } = pigeon[p];
    console.log(
      `${p.padEnd(11)} ${kb(c.minified).padStart(9)} / ${kb(c.gzip).padStart(8)}    ${kb(f.minified).padStart(9)} / ${kb(f.gzip).padStart(8)}`,
    );
  }
  for (const b of Object.values(base)) {
    console.log(
      b.installed
        ? `${b.label} (${b.package}@${b.version}): ${kb(b.minified)} / ${kb(b.gzip)} gzip`
        : `${b.label}: ${b.note}`,
    );
  }
  for (const [name, r] of Object.entries(ratios))
    console.log(
      `Pigeon WeChat / ${base[name].label}: core ${pct(r.coreGzip)}, full ${pct(r.fullGzip)} gzipped (minified: ${pct(r.coreMinified)}, ${pct(r.fullMinified)})`,
    );
  const budget = (x, max) => (x.gzip <= max ? 'within' : 'OVER');
  console.log(
    `budgets (issue 7): core chat <= 25 KB gz: ${budget(pigeon.wechat.coreChat, 25 * 1024)}; full <= 40 KB gz: ${budget(pigeon.wechat.full, 40 * 1024)}`,
  );
  if (result.why) {
    printWhy(`pigeon-${whyPlatform}-core.js`, result.why.coreChat);
    printWhy(`pigeon-${whyPlatform}.js`, result.why.full);
  }
  console.log(`wrote ${relative(root, join(outDir, 'sdk-size.json'))} and sdk-size.svg`);
}

await main();
