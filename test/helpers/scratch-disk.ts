/**
 * Small real file systems for fault tests (root only): a tmpfs of a few MiB that can be filled to the
 * last byte (ENOSPC for real), and an ext4 image on a loop device that the kernel can be told to
 * treat as failed, so it turns read-only under the running server (EROFS for real, as a disk error
 * with errors=remount-ro does). Where mounting is not allowed, `canMount` is false and tests skip loudly.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface ScratchDisk {
  /** A directory inside the mount, for the server's data. */
  readonly dir: string;
  /** Writes a filler file until the file system has no byte left. */
  fill(): void;
  /** Deletes the filler: space returns. */
  free(): void;
  /** ext4 only: the kernel marks the file system failed and remounts it read-only. */
  failReadOnly(): void;
  unmount(): void;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' }).toString().trim();

function probeMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), 'pigeon-mount-probe-'));
  try {
    run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
    run('umount', [dir]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const canMount = probeMount();

export function warnNoMount(what: string): void {
  console.warn(`\n!!! FAULT TESTS SKIPPED (${what}): cannot mount file systems here (needs root)\n`);
}

export function tmpfsDisk(sizeMiB: number): ScratchDisk {
  const mnt = mkdtempSync(join(tmpdir(), 'pigeon-tmpfs-'));
  run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', mnt]);
  return disk(mnt, () => {
    run('umount', ['-l', mnt]);
    rmSync(mnt, { recursive: true, force: true });
  });
}

export function ext4Disk(sizeMiB: number): ScratchDisk {
  const work = mkdtempSync(join(tmpdir(), 'pigeon-ext4-'));
  const image = join(work, 'disk.img');
  const mnt = join(work, 'mnt');
  mkdirSync(mnt);
  run('truncate', ['-s', `${sizeMiB}M`, image]);
  run('mkfs.ext4', ['-q', '-F', image]);
  run('mount', ['-o', 'loop,errors=remount-ro', image, mnt]);
  const device = basename(run('findmnt', ['-no', 'SOURCE', mnt]));
  const d = disk(mnt, () => {
    run('umount', ['-l', mnt]);
    rmSync(work, { recursive: true, force: true });
  });
  return {
    ...d,
    failReadOnly: () => execFileSync('sh', ['-c', `echo 1 > /sys/fs/ext4/${device}/trigger_fs_error`]),
  };
}

function disk(mnt: string, unmount: () => void): ScratchDisk {
  const dir = join(mnt, 'data');
  mkdirSync(dir);
  const filler = join(mnt, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      try {
        for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
          const chunk = Buffer.alloc(size, 0x55);
          for (;;) {
            try {
              writeSync(fd, chunk);
            } catch (e) {
              if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw e;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
    failReadOnly() {
      throw new Error('only an ext4 scratch disk can fail read-only');
    },
    unmount,
  };
}
