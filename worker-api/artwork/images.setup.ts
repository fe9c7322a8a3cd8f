// Global setup of the artwork tests: real pictures made by ffmpeg's own encoders (not the
// codecs under test), handed into workerd, which has no file system, through provide/inject.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/** name -> [lavfi source, extra output arguments] */
const PICTURES: Record<string, [string, string[]]> = {
  'cover.jpg': ['testsrc2=size=1000x1000', ['-q:v', '3']],
  'other.jpg': ['mandelbrot=size=500x500', ['-q:v', '3']],
  'wide.jpg': ['color=c=0x2050c0:size=1200x800,drawbox=x=0:y=0:w=200:h=800:color=red:t=fill,drawbox=x=1000:y=0:w=200:h=800:color=red:t=fill', ['-q:v', '2']],
  'alpha.png': ['color=c=black@0.0:size=400x400,format=rgba', []],
  'cover.png': ['testsrc=size=320x320', []],
  'cover.webp': ['testsrc2=size=300x300', ['-c:v', 'libwebp', '-quality', '80']],
  'small.png': ['color=c=green:size=64x64', []],
  'long.png': ['color=c=green:size=3200x100', []],
};

export default function setup(project: TestProject): void {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-artwork-'));
  try {
    const files: Record<string, string> = {};
    for (const [name, [source, args]] of Object.entries(PICTURES)) {
      const out = join(dir, name);
      execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-frames:v', '1', ...args, out]);
      files[name] = readFileSync(out).toString('base64');
    }
    project.provide('imageFixtures', files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** file name -> base64 bytes */
    imageFixtures: Record<string, string>;
  }
}
