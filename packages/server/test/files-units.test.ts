/** Pure parts of the file path: type sniffing, names, Content-Disposition, ranges, URLs in bodies, durations. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS, mergeSettings } from '../src/core/apps/app-settings.js';
import { fileUuidsIn } from '../src/core/files/file-keys.js';
import { sanitizeFileName } from '../src/core/files/file-names.js';
import { mergeFileSettings, typeAllowed } from '../src/core/files/file-settings.js';
import { plausibleDuration, readDuration } from '../src/core/files/media-duration.js';
import { nameMatches, sniffMime } from '../src/core/files/sniff.js';
import { parseRange } from '../src/http/byte-range.js';
import { contentDisposition } from '../src/http/content-disposition.js';

const b = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffMime', () => {
  it.each([
    [b([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    [b([0x89], 'PNG\r\n\x1a\n'), 'image/png'],
    [b('GIF89a'), 'image/gif'],
    [b('RIFF\0\0\0\0WEBPVP8 '), 'image/webp'],
    [b('RIFF\0\0\0\0WAVEfmt '), 'audio/wav'],
    [b('\0\0\0\x18ftypmp42'), 'video/mp4'],
    [b('\0\0\0\x18ftypM4A '), 'audio/mp4'],
    [b('\0\0\0\x18ftypheic'), 'image/heic'],
    [b('\0\0\0\x14ftypqt  '), 'video/quicktime'],
    [b('#!AMR\n'), 'audio/amr'],
    [b('\x02#!SILK_V3'), 'audio/silk'],
    [b('ID3\x04'), 'audio/mpeg'],
    [b('OggS'), 'audio/ogg'],
    [b([0x1a, 0x45, 0xdf, 0xa3]), 'video/webm'],
    [b('%PDF-1.7'), 'application/pdf'],
    [b('PK\x03\x04'), 'application/zip'],
    [b('MZ\x90\0'), 'application/x-msdownload'],
    [b([0x7f], 'ELF'), 'application/x-executable'],
    [b('#!/bin/sh\nrm -rf /'), 'application/x-sh'],
    [b('  <!DOCTYPE html><p>'), 'text/html'],
    [b('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'],
    [b('hello, 世界'), 'text/plain'],
    [b([0, 1, 2, 3]), 'application/octet-stream'],
    [b(''), 'application/octet-stream'],
  ])('%#: %s', (bytes, mime) => expect(sniffMime(bytes)).toBe(mime));

  it('checks names against bytes', () => {
    expect(nameMatches('cat.JPG', 'application/x-msdownload')).toBe(false);
    expect(nameMatches('cat.jpg', 'image/jpeg')).toBe(true);
    expect(nameMatches('notes.weird', 'text/plain')).toBe(true);
  });

  it('applies allowed and blocked types with wildcards', () => {
    const f = mergeFileSettings(undefined, { allowedTypes: { file: ['application/*'] } });
    expect(typeAllowed(f, 'file', 'application/pdf')).toBe(true);
    expect(typeAllowed(f, 'file', 'text/plain')).toBe(false);
    expect(typeAllowed(f, 'file', 'application/x-msdownload')).toBe(false);
    expect(typeAllowed(f, 'audio', 'audio/amr')).toBe(true);
    expect(typeAllowed(f, 'image', 'image/svg+xml')).toBe(false);
  });
});

describe('names and headers', () => {
  it('sanitizes names', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\x\\evil.bat')).toBe('evil.bat');
    expect(sanitizeFileName('a\r\nSet-Cookie: x')).toBe('aSet-Cookie: x');
    expect(sanitizeFileName('photo\u202Egnp.exe')).toBe('photognp.exe');
    expect(sanitizeFileName(' . ')).toBe('file');
    expect(sanitizeFileName(undefined)).toBe('file');
    expect(new TextEncoder().encode(sanitizeFileName('語'.repeat(200))).length).toBeLessThanOrEqual(255);
  });

  it('builds a one-line Content-Disposition whatever the name holds', () => {
    const cd = contentDisposition('a\r\n"b";\\c%.txt', false);
    expect(cd).not.toMatch(/[\r\n]/);
    expect(cd).toBe(`attachment; filename="a___b___c_.txt"; filename*=UTF-8''a%0D%0A%22b%22%3B%5Cc%25.txt`);
    expect(contentDisposition('猫.png', true)).toBe(`inline; filename="_.png"; filename*=UTF-8''%E7%8C%AB.png`);
  });

  it('parses ranges', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ kind: 'part', range: { start: 0, end: 0 } });
    expect(parseRange('bytes=-3', 10)).toEqual({ kind: 'part', range: { start: 7, end: 9 } });
    expect(parseRange('bytes=-30', 10)).toEqual({ kind: 'part', range: { start: 0, end: 9 } });
    expect(parseRange('bytes=10-', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=5-2', 10)).toEqual({ kind: 'all' });
    expect(parseRange(undefined, 10)).toEqual({ kind: 'all' });
  });
});

describe('references and durations', () => {
  const u = '0f8fad5b-d9cb-469f-a165-70867728950e';
  it('finds this app’s file uuids in a body, whatever the host', () => {
    expect(
      fileUuidsIn(
        { url: `https://im.example.com/o/a/chatfiles/${u}`, thumb: `/o/a/chatfiles/${u}?thumbnail=true` },
        'o',
        'a',
      ),
    ).toEqual([u]);
    expect(fileUuidsIn({ url: `https://x/o/other/chatfiles/${u}` }, 'o', 'a')).toEqual([]);
    expect(fileUuidsIn({ url: 'https://cdn.example.com/own/upload.jpg' }, 'o', 'a')).toEqual([]);
    expect(fileUuidsIn({ url: `https://x/o.a/chatfiles/${u}` }, 'o', 'a')).toEqual([]);
  });

  it('reads WAV and MP4 durations and judges claims', () => {
    const wav = Buffer.alloc(44);
    wav.write('RIFF', 0, 'latin1');
    wav.write('WAVEfmt ', 8, 'latin1');
    wav.writeUInt32LE(16, 16);
    wav.writeUInt32LE(16000, 28); // byte rate
    wav.write('data', 36, 'latin1');
    wav.writeUInt32LE(48000, 40);
    expect(readDuration('audio/wav', wav, 44 + 48000)).toBe(3);
    const mvhd = Buffer.alloc(40);
    mvhd.write('mvhd', 4, 'latin1');
    mvhd.writeUInt32BE(1000, 20); // timescale
    mvhd.writeUInt32BE(12500, 24); // duration
    expect(readDuration('video/mp4', Buffer.concat([Buffer.from('\0\0\0\x18ftypisom', 'latin1'), mvhd]), 0)).toBe(12.5);
    expect(plausibleDuration(3.2, 3)).toBe(true);
    expect(plausibleDuration(30, 3)).toBe(false);
  });
});

describe('file settings', () => {
  it('merge onto the defaults and refuse bad values with a typed error and path', () => {
    const s = mergeSettings(DEFAULT_APP_SETTINGS, { files: { maxBytes: { image: 1234 } } });
    expect(s.files.maxBytes).toMatchObject({ image: 1234, audio: 10 * 1024 * 1024 });
    const bad = (files: object) => () => mergeSettings(DEFAULT_APP_SETTINGS, { files } as never);
    expect(bad({ maxBytes: { image: -1 } })).toThrow(
      expect.objectContaining({ type: 'BAD_REQUEST', details: { path: '/files/maxBytes/image' } }),
    );
    expect(bad({ allowedTypes: { file: ['not a type'] } })).toThrow(
      expect.objectContaining({ details: { path: '/files/allowedTypes/file' } }),
    );
    expect(bad({ thumbnailSize: 4 })).toThrow(expect.objectContaining({ details: { path: '/files/thumbnailSize' } }));
    expect(bad({ orphanGraceSeconds: -5 })).toThrow(
      expect.objectContaining({ details: { path: '/files/orphanGraceSeconds' } }),
    );
  });
});
