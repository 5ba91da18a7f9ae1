/**
 * Memory of a whole process tree, read from Linux's /proc: a build is several processes (npm,
 * Astro, esbuild and exiftool helpers…), and `/usr/bin/time -v` reports only the largest one.
 *
 * Summed RSS counts a shared page once per process that maps it, and a child that Node has forked
 * but not yet replaced by exiftool maps all of its parent's memory: one such sample doubled a
 * 7.5 GB build. The peak is therefore measured as PSS (shared pages divided among their sharers),
 * from `smaps_rollup`. Reading that takes ~60 ms for a 3 GB process, so it is read only when the
 * summed RSS says a new peak is possible, at most once a second after the first two seconds.
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

/** Sum of the RSS of `root` and its descendants (`tree`, when already known). Shared pages count once per process. */
export function treeRss(processes: ProcessInfo[], root: number, tree: Set<number> = descendants(processes, root)): { bytes: number; processes: number } {
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

/** "Pss: 1234 kB" from a `/proc/<pid>/smaps_rollup`, in bytes. */
export function parsePss(text: string): number | undefined {
  const match = /^Pss:\s+(\d+) kB$/m.exec(text);
  return match ? Number(match[1]) * 1024 : undefined;
}

const readRollup = (pid: number) => readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');

/** The summed PSS of these processes; undefined when the system does not report PSS. */
export function treePss(pids: Iterable<number>, read: (pid: number) => string = readRollup): number | undefined {
  let total = 0;
  for (const pid of pids) {
    let text: string;
    try {
      text = read(pid);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ESRCH') continue; // it ended
      return undefined;
    }
    const pss = parsePss(text);
    if (pss === undefined) return undefined;
    total += pss;
  }
  return total;
}

/**
 * Keeps the highest PSS of a tree from cheap RSS samples: PSS is measured only when RSS, less the
 * smallest RSS−PSS gap seen so far (shared libraries), exceeds the peak, and not more often than
 * `pssIntervalMs` once `fastUntilMs` has passed. Where PSS is not available, RSS is the figure.
 */
export class PeakTracker {
  peakBytes = 0;
  peakProcesses = 0;
  peakAtMs = 0;
  #gap = Infinity;
  #lastPssAtMs = -Infinity;
  #pssMissing = false;

  constructor(readonly options: { pssIntervalMs: number; fastUntilMs: number }) {}

  /** What `peakBytes` is: PSS, or RSS where the system reports no PSS. */
  get measure(): 'PSS' | 'RSS' {
    return this.#pssMissing ? 'RSS' : 'PSS';
  }

  observe(atMs: number, rssBytes: number, processes: number, measurePss: () => number | undefined): void {
    const gap = Number.isFinite(this.#gap) ? this.#gap : 0;
    if (rssBytes - gap <= this.peakBytes) return;
    let bytes = rssBytes;
    if (!this.#pssMissing) {
      if (atMs >= this.options.fastUntilMs && atMs - this.#lastPssAtMs < this.options.pssIntervalMs) return;
      const pss = measurePss();
      this.#lastPssAtMs = atMs;
      if (pss === undefined) this.#pssMissing = true;
      else {
        this.#gap = Math.min(this.#gap, Math.max(0, rssBytes - pss));
        bytes = pss;
      }
    }
    if (bytes > this.peakBytes) {
      this.peakBytes = bytes;
      this.peakProcesses = processes;
      this.peakAtMs = atMs;
    }
  }
}

export interface MemorySampler {
  /** Stops sampling and returns the highest memory of the tree seen (PSS, else RSS), in bytes. */
  stop(): { peakBytes: number; measure: 'PSS' | 'RSS'; peakProcesses: number; peakAtMs: number; samples: number };
}

/**
 * Samples the tree under `root` every `intervalMs` until stopped; more often in the first
 * seconds, so that a short-lived command (Hugo on a small corpus) is still seen.
 */
export function sampleTreeMemory(root: number, intervalMs = 100): MemorySampler {
  const fastUntilMs = 2000;
  const tracker = new PeakTracker({ pssIntervalMs: 1000, fastUntilMs });
  let samples = 0;
  const started = performance.now();
  const sample = () => {
    const processes = readProcesses();
    const tree = descendants(processes, root);
    const { bytes, processes: count } = treeRss(processes, root, tree);
    samples++;
    tracker.observe(performance.now() - started, bytes, count, () => treePss(tree));
  };
  sample();
  const early = setInterval(sample, Math.max(10, intervalMs / 5));
  const switchOver = setTimeout(() => clearInterval(early), fastUntilMs);
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(early);
      clearTimeout(switchOver);
      clearInterval(timer);
      return { peakBytes: tracker.peakBytes, measure: tracker.measure, peakProcesses: tracker.peakProcesses, peakAtMs: tracker.peakAtMs, samples };
    },
  };
}
