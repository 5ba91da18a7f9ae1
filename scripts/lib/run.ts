import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Child processes, and stopping them. Each child runs in a process group (session) of its own, so
 * that a signal reaches everything it started (Astro's esbuild, the media stage's exiftool) and
 * so that this process decides when and how children stop: a terminal's Ctrl-C reaches only this
 * process, which passes it on to every group and waits for them to be gone before it cleans up.
 * A step that outlived a stopped build would go on writing a staging folder nobody owns any more,
 * or hold a cache the next build needs.
 */

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** How long children get to exit after a stop signal before they are killed. */
const STOP_GRACE_MS = 10_000;
/** How long processes a finished child left behind get after SIGTERM before SIGKILL. */
const LEFTOVER_GRACE_MS = 5_000;
// Windows has no process groups; children there get the signal directly.
const ownGroups = process.platform !== 'win32';

let stopSignal: NodeJS.Signals | undefined;
/** Running children by pid; each leads its own process group. */
const groups = new Map<number, ChildProcess>();
/** Running children plus open stoppable sections; while above 0, stop signals are handled here. */
let holders = 0;
let killOnExit = false;

function onStopSignal(signal: NodeJS.Signals): void {
  if (stopSignal === undefined) {
    stopSignal = signal;
    setTimeout(() => {
      for (const pid of groups.keys()) signalGroup(pid, 'SIGKILL');
    }, STOP_GRACE_MS).unref();
  }
  for (const pid of groups.keys()) signalGroup(pid, signal);
}

let parentWatch: NodeJS.Timeout | undefined;

function hold(): void {
  if (holders++ > 0) return;
  for (const signal of STOP_SIGNALS) process.on(signal, onStopSignal);
  // Under npm the parent is the script's shell. npm passes SIGINT and SIGTERM on to that shell
  // alone, which dies of them without passing them on, so the shell's death is the only sign
  // that `npm run build` was told to stop. Outside npm a parent may well leave a build running.
  if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    parentWatch = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(parentWatch);
      onStopSignal('SIGTERM');
    }, 500).unref();
  }
}

function unhold(): void {
  if (--holders > 0) return;
  for (const signal of STOP_SIGNALS) process.off(signal, onStopSignal);
  clearInterval(parentWatch);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(ownGroups ? -pid : pid, signal);
  } catch {
    // Either the group is gone, or the child has not made it yet (between fork and setsid); the
    // child's own handle signals nothing once it has exited, so a reused pid is never hit.
    groups.get(pid)?.kill(signal);
  }
}

/**
 * Whether any process of group `pgid` still runs. Zombies do not count: an orphan that exited is
 * reparented to PID 1, which in some containers never reaps it.
 */
function groupAlive(pgid: number): boolean {
  if (process.platform === 'linux') {
    for (const entry of readdirSync('/proc')) {
      if (entry.charCodeAt(0) > 57) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue;
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[2]) === pgid) return true;
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function goneWithin(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() >= until) return false;
    await sleep(100);
  }
  return true;
}

/** Ends whatever a child that has exited left running in its group, so no step outlives its turn. */
async function endGroup(pgid: number): Promise<void> {
  if (!ownGroups || !groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGTERM');
  if (await goneWithin(pgid, LEFTOVER_GRACE_MS)) return;
  signalGroup(pgid, 'SIGKILL');
  await goneWithin(pgid, LEFTOVER_GRACE_MS);
}

/** The signal that asked this process to stop, if one came while a child ran or a stoppable section was open. */
export function stopRequested(): NodeJS.Signals | undefined {
  return stopSignal;
}

/** The exit code a shell reports for a process ended by `signal`: 130 for SIGINT, 143 for SIGTERM. */
export function exitCodeFor(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/**
 * Runs `work` with SIGINT, SIGTERM and SIGHUP recorded (see `stopRequested`) and passed on to the
 * children instead of ending this process at once, so that `work` can clean up after them. Once a
 * stop is requested, `run` starts nothing more.
 */
export async function stoppable<T>(work: () => Promise<T>): Promise<T> {
  hold();
  try {
    return await work();
  } finally {
    unhold();
  }
}

/**
 * Runs a command with inherited output; resolves with its exit code once it and everything it
 * started have exited. Children get no input: in a session of their own they cannot read the
 * terminal.
 */
export function run(command: string, args: string[], env: Record<string, string | undefined> = {}): Promise<number> {
  if (stopSignal !== undefined) return Promise.resolve(exitCodeFor(stopSignal));
  if (!killOnExit) {
    killOnExit = true;
    // An exception that ends this process must not leave a step running without it.
    process.on('exit', () => {
      for (const pid of groups.keys()) signalGroup(pid, 'SIGTERM');
    });
  }
  return new Promise((resolve) => {
    hold();
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env }, detached: ownGroups });
    const pid = child.pid;
    if (pid !== undefined) groups.set(pid, child);
    let done = false;
    const finish = async (code: number) => {
      if (done) return;
      done = true;
      if (pid !== undefined) {
        await endGroup(pid);
        groups.delete(pid);
      }
      unhold();
      resolve(code);
    };
    child.on('close', (code, signal) => void finish(code ?? (signal ? exitCodeFor(signal) : 1)));
    child.on('error', () => void finish(127));
  });
}

/**
 * The Astro CLI, run on the Node that runs this script (Node 24 under npm scripts), with its
 * telemetry off: a build reaches no address outside this machine.
 */
export function astro(args: string[], env: Record<string, string | undefined> = {}): Promise<number> {
  return run(process.execPath, ['node_modules/astro/bin/astro.mjs', ...args], { ASTRO_TELEMETRY_DISABLED: '1', ...env });
}
