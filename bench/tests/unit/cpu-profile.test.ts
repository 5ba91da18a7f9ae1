import { describe, expect, it } from 'vitest';
import { moduleOf, summarizeProfile, type CpuProfile } from '../../lib/cpu-profile';

const frame = (id: number, functionName: string, url = '') => ({ id, callFrame: { functionName, url, lineNumber: 9 } });

describe('moduleOf', () => {
  it('names packages, project files and Node internals', () => {
    expect(moduleOf('file:///w/node_modules/astro/dist/core/build/generate.js', 'f')).toBe('astro');
    expect(moduleOf('file:///w/node_modules/.pnpm/x/node_modules/@astrojs/mdx/dist/index.js', 'f')).toBe('@astrojs/mdx');
    expect(moduleOf('file:///w/src/lib/content/site-content.ts?v=1', 'f')).toBe('src/lib/content/site-content.ts');
    expect(moduleOf('node:internal/fs/promises', 'f')).toBe('node:internal');
    expect(moduleOf('', '(garbage collector)')).toBe('(garbage collector)');
  });
});

describe('summarizeProfile', () => {
  const profile: CpuProfile = {
    nodes: [frame(1, '(root)'), frame(2, '(idle)'), frame(3, 'render', 'file:///w/node_modules/astro/dist/x.js'), frame(4, 'load', 'file:///w/src/lib/content/site-content.ts')],
    samples: [2, 3, 3, 4, 2, 3],
    timeDeltas: [1_000_000, 500_000, 500_000, 250_000, 1_000_000, 750_000],
    startTime: 0,
    endTime: 4_000_000,
  };
  const summary = summarizeProfile(profile, 'a.cpuprofile');

  it('separates waiting from running and ranks self time by module and function', () => {
    expect(summary.totalSeconds).toBe(4);
    expect(summary.idleSeconds).toBe(2);
    expect(summary.busySeconds).toBe(2);
    expect(summary.topModules[0]).toEqual({ name: 'astro', seconds: 1.75, share: 0.875 });
    expect(summary.topModules[1]).toEqual({ name: 'src/lib/content/site-content.ts', seconds: 0.25, share: 0.125 });
    expect(summary.topFunctions[0]!.name).toBe('render (astro:10)');
  });
});
