/**
 * Where a build's JavaScript time goes, from V8 `.cpuprofile` files written by `--cpu-prof`:
 * self time per function and per module (npm package, project file or Node internals).
 * Native work on other threads (sharp's image encoding) is not sampled: it appears as idle time
 * on the main thread, which is why image encoding is timed from Astro's log instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  /** Microseconds between samples, one per sample. */
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  seconds: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalSeconds: number;
  /** Time the main thread waited: for I/O, child processes or native worker threads. */
  idleSeconds: number;
  /** Sampled time minus idle time; shares below are of this. */
  busySeconds: number;
  topFunctions: SelfTime[];
  topModules: SelfTime[];
}

/** The module a frame belongs to: `astro`, `@astrojs/mdx`, `src/lib/content/site-content.ts`, `node:internal`… */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native or builtin)';
  if (url.startsWith('node:')) return 'node:internal';
  const packagePath = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packagePath) {
    // pnpm-style and nested installs: the last node_modules segment names the package.
    const all = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
    return all.at(-1)![1]!;
  }
  const project = /\/(src\/.*|content\/.*|scripts\/.*)$/.exec(url.replace(/^file:\/\//, ''));
  if (project) return project[1]!.replace(/\?.*$/, '');
  return url.replace(/^file:\/\//, '').replace(/^.*\/(dist|chunks)\//, '$1/');
}

function selfTimes(profile: CpuProfile): Map<number, number> {
  const byNode = new Map<number, number>();
  profile.samples.forEach((nodeId, index) => {
    byNode.set(nodeId, (byNode.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return byNode;
}

function top(totals: Map<string, number>, all: number, count: number): SelfTime[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, seconds: micros / 1e6, share: all > 0 ? micros / all : 0 }));
}

export function summarizeProfile(profile: CpuProfile, file: string, count = 12): ProfileSummary {
  const self = selfTimes(profile);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let all = 0;
  let idle = 0;
  for (const [id, micros] of self) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    all += micros;
    if (frame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    const module = moduleOf(frame.url, frame.functionName);
    const name = frame.url ? `${frame.functionName || '(anonymous)'} (${module}:${frame.lineNumber + 1})` : frame.functionName || module;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    modules.set(module, (modules.get(module) ?? 0) + micros);
  }
  const busy = all - idle;
  return { file, totalSeconds: all / 1e6, idleSeconds: idle / 1e6, busySeconds: busy / 1e6, topFunctions: top(functions, busy, count), topModules: top(modules, busy, count) };
}

/** Summaries of every profile in a folder, the busiest (the build's main process) first. */
export function summarizeProfiles(dir: string, count = 12): ProfileSummary[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => summarizeProfile(JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile, name, count))
    .sort((a, b) => b.busySeconds - a.busySeconds);
}
