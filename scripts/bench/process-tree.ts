/**
 * Memory of a whole process tree, read from Linux's /proc: a build is several processes (npm,
 * Astro, esbuild and exiftool helpers…), and `/usr/bin/time -v` reports only the largest one.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Resident set size in bytes. */
  rss: number;
}

/**
 * Reads one `/proc/<pid>/stat` line. The command name is in parentheses and may itself contain
 * spaces and parentheses, so fields are counted from the last ")".
 */
export function parseStat(line: string, pageSize: number): ProcessInfo {
  const close = line.lastIndexOf(')');
  const pid = Number(line.slice(0, line.indexOf(' ')));
  // After ")": field 3 (state) is index 0, so field n is index n - 3; ppid is 4, rss (pages) is 24.
  const fields = line.slice(close + 2).split(' ');
  return { pid, ppid: Number(fields[1]), rss: Number(fields[21]) * pageSize };
}

/** The pids of `root` and everything under it. */
export function descendants(processes: ProcessInfo[], root: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of processes) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found = new Set<number>();
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    if (found.has(pid)) continue;
    found.add(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Sum of the RSS of `root` and its descendants. Shared pages count once per process. */
export function treeRss(processes: ProcessInfo[], root: number): { bytes: number; processes: number } {
  const tree = descendants(processes, root);
  const members = processes.filter((info) => tree.has(info.pid));
  return { bytes: members.reduce((sum, info) => sum + info.rss, 0), processes: members.length };
}

let cachedPageSize: number | undefined;

function pageSize(): number {
  cachedPageSize ??= Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  return cachedPageSize;
}

/** A snapshot of every process; ones that end while being read are skipped. */
export function readProcesses(): ProcessInfo[] {
  const size = pageSize();
  const found: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      found.push(parseStat(readFileSync(`/proc/${name}/stat`, 'utf8'), size));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return found;
}

export interface MemorySampler {
  /** Stops sampling and returns the highest tree RSS seen, in bytes. */
  stop(): { peakBytes: number; peakProcesses: number; peakAtMs: number; samples: number };
}

/**
 * Samples the tree under `root` every `intervalMs` until stopped; more often in the first
 * seconds, so that a short-lived command (Hugo on a small corpus) is still seen.
 */
export function sampleTreeMemory(root: number, intervalMs = 100): MemorySampler {
  let peakBytes = 0;
  let peakProcesses = 0;
  let peakAtMs = 0;
  let samples = 0;
  const started = performance.now();
  const sample = () => {
    const { bytes, processes } = treeRss(readProcesses(), root);
    samples++;
    if (bytes > peakBytes) {
      peakBytes = bytes;
      peakProcesses = processes;
      peakAtMs = performance.now() - started;
    }
  };
  sample();
  const early = setInterval(sample, Math.max(10, intervalMs / 5));
  const switchOver = setTimeout(() => clearInterval(early), 2000);
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(early);
      clearTimeout(switchOver);
      clearInterval(timer);
      return { peakBytes, peakProcesses, peakAtMs, samples };
    },
  };
}
