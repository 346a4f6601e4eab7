#!/usr/bin/env node
/**
 * SDK size budget (issue 3): the mini-program builds, minified and gzipped, side by side with the
 * SDKs the seeds integrate: easemob-websdk's miniProgram build and @tencentcloud/chat (when
 * installed). Writes bench/results/sdk-size.json and bench/results/sdk-size.svg.
 *
 *   node bench/sdk-size.mjs            builds packages/sdk/dist/miniprogram first
 *   node bench/sdk-size.mjs --no-build measures the builds already there
 *
 * "full" is the shipped pigeon-<platform>.js (everything the entry exports); "core chat" is what
 * an app that only logs in and sends/receives 1:1 messages keeps after tree shaking
 * ({ connection, message }), built with the same tsup options (miniProgramBuild).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { register } from 'tsx/esm/api';

register(); // the build config and its size plugin are TypeScript

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sdkDir = join(root, 'packages/sdk');
const outDir = join(root, 'bench/results');
const PLATFORMS = ['wechat', 'qq', 'alipay', 'baidu', 'bytedance', 'uniapp'];

const measure = (buf) => ({ minified: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function buildFull() {
  const r = spawnSync('npx', ['tsup', '--config', 'tsup.miniprogram.config.ts', '--silent'], {
    cwd: sdkDir,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('mini-program build failed');
}

/** The single-file build's own tsup options (tsup.miniprogram.config.ts), for an entry that keeps only chat. */
async function buildCoreChat(platform, dir) {
  const { miniProgramBuild } = await import('../packages/sdk/tsup.miniprogram.config.ts');
  const { build } = await import('tsup');
  const entry = join(dir, `core-chat-${platform}.ts`);
  const src = (p) => relative(dir, join(sdkDir, p)).replaceAll('\\', '/');
  writeFileSync(
    entry,
    `import sdk from '${src(`src/entries/${platform}.ts`)}';\n` +
      'const { connection, message } = sdk;\nexport default { connection, message };\n',
  );
  const name = `core-chat-${platform}`;
  await build({ ...miniProgramBuild(platform, entry, dir, name), silent: true, config: false });
  return readFileSync(join(dir, `${name}.js`));
}

function baseline(pkg, file) {
  const dir = join(root, 'node_modules', pkg);
  if (!existsSync(join(dir, 'package.json')))
    return { package: pkg, installed: false, note: 'not installed: published size unknown' };
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const path = join(dir, file ?? JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).main ?? 'index.js');
  return { package: pkg, installed: true, version, file: relative(root, path), ...measure(readFileSync(path)) };
}

function svg(rows, footnote) {
  const max = Math.max(...rows.map((r) => r.gzip ?? 0));
  const w = 760;
  const left = 250;
  const barMax = w - left - 110;
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
  if (!process.argv.includes('--no-build')) buildFull();
  const tmp = mkdtempSync(join(tmpdir(), 'pigeon-size-'));
  const pigeon = {};
  try {
    for (const p of PLATFORMS) {
      const file = join(sdkDir, `dist/miniprogram/pigeon-${p}.js`);
      pigeon[p] = { full: measure(readFileSync(file)), coreChat: measure(await buildCoreChat(p, tmp)) };
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const easemob = baseline('easemob-websdk', 'miniProgram/Easemob-chat.js');
  const tencent = baseline('@tencentcloud/chat');
  const ratio = (b, k = 'gzip') => (b.installed ? +(pigeon.wechat.full[k] / b[k]).toFixed(4) : null);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    pigeon,
    baselines: { easemob, tencent },
    ratioFullGzip: { easemob: ratio(easemob), tencent: ratio(tencent) },
    ratioFullMinified: { easemob: ratio(easemob, 'minified'), tencent: ratio(tencent, 'minified') },
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'sdk-size.json'), `${JSON.stringify(result, null, 2)}\n`);

  const rows = [
    { label: 'Pigeon core chat (WeChat)', ...pigeon.wechat.coreChat },
    { label: 'Pigeon full (WeChat)', ...pigeon.wechat.full },
    { label: 'Pigeon full (Alipay)', ...pigeon.alipay.full },
    { label: `easemob-websdk ${easemob.version ?? ''} miniProgram`, ...easemob },
    { label: '@tencentcloud/chat', ...tencent },
  ];
  const pct = (r) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)}%`);
  const note = `Pigeon full (WeChat) / easemob miniProgram: ${pct(result.ratioFullGzip.easemob)} gzipped, ${pct(result.ratioFullMinified.easemob)} minified. ${result.date.slice(0, 10)}`;
  writeFileSync(join(outDir, 'sdk-size.svg'), svg(rows, note));

  console.log('platform    core chat (min / gzip)     full (min / gzip)');
  for (const p of PLATFORMS) {
    const { coreChat: c, full: f } = pigeon[p];
    console.log(
      `${p.padEnd(11)} ${kb(c.minified).padStart(9)} / ${kb(c.gzip).padStart(8)}    ${kb(f.minified).padStart(9)} / ${kb(f.gzip).padStart(8)}`,
    );
  }
  for (const b of [easemob, tencent]) {
    console.log(
      b.installed
        ? `${b.package}@${b.version} ${b.file}: ${kb(b.minified)} / ${kb(b.gzip)} gzip`
        : `${b.package}: ${b.note}`,
    );
  }
  for (const [name, r] of Object.entries(result.ratioFullGzip)) {
    const m = result.ratioFullMinified[name];
    if (r !== null)
      console.log(
        `Pigeon full (WeChat) / ${name}: ${(r * 100).toFixed(1)}% gzipped, ${(m * 100).toFixed(1)}% minified`,
      );
  }
  console.log(`wrote ${relative(root, join(outDir, 'sdk-size.json'))} and sdk-size.svg`);
}

await main();
