/**
 * Runs one measured command: wall time, peak memory of its process tree, and every output line
 * with the moment it arrived, so stages can be timed from a tool's own log even when the tool
 * prints no durations.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { sampleTreeMemory } from './process-tree.ts';

export interface TimedLine {
  /** Milliseconds since the command started. */
  at: number;
  text: string;
}

export interface CommandRun {
  command: string;
  code: number;
  wallSeconds: number;
  /** Peak memory of the process tree, as `peakMeasure` says. */
  peakBytes: number;
  /** PSS (shared pages divided among sharers), or RSS where the system reports no PSS. */
  peakMeasure: 'PSS' | 'RSS';
  /** How many processes the tree had at its peak. */
  peakProcesses: number;
  /** When the peak was seen, in milliseconds since the start (compare with line times). */
  peakAtMs: number;
  lines: TimedLine[];
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Where the raw output is written, for reading after the run. */
  logFile: string;
  /** Called with each line as it arrives (for progress). */
  onLine?: (line: TimedLine) => void;
}

// Astro colours its output; stage names and durations are read from the plain text.
const ANSI = /\u001b\[[0-9;]*m/g;

const stripAnsi = (text: string) => text.replace(ANSI, '');

export async function runCommand(file: string, args: string[], options: RunOptions): Promise<CommandRun> {
  const log = createWriteStream(options.logFile);
  const started = performance.now();
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = sampleTreeMemory(child.pid!);
  const lines: TimedLine[] = [];
  const collect = (stream: NodeJS.ReadableStream) => {
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      const at = performance.now() - started;
      log.write(chunk);
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop()!;
      for (const part of parts) {
        const line = { at, text: stripAnsi(part) };
        lines.push(line);
        options.onLine?.(line);
      }
    });
    stream.on('end', () => {
      if (pending) lines.push({ at: performance.now() - started, text: stripAnsi(pending) });
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const code = await new Promise<number>((done) => {
    child.on('error', () => done(127));
    child.on('close', (exit) => done(exit ?? 1));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const memory = sampler.stop();
  await new Promise((done) => log.end(done));
  return {
    command: [file, ...args].join(' '),
    code,
    wallSeconds,
    peakBytes: memory.peakBytes,
    peakMeasure: memory.measure,
    peakProcesses: memory.peakProcesses,
    peakAtMs: memory.peakAtMs,
    lines,
  };
}
