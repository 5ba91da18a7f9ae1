import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../scripts/lib/run';

const runModule = join(import.meta.dirname, '../../../scripts/lib/run.ts');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pressroom-run-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Whether a process runs under `pid` (a zombie has exited). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Node code for a step that starts a grandchild and stays until signalled (or, `stepStays`
 * false, exits at once). The grandchild writes its pid to `pidFile` once it is ready, takes
 * `exitMs` to exit after SIGTERM and then writes `doneFile`; it reads no input, so nothing but a
 * signal ends it.
 */
function stepWithGrandchild(pidFile: string, doneFile: string, exitMs: number, stepStays = true): string {
  const fs = "require('fs')";
  const grandchild = `process.on('SIGTERM', () => setTimeout(() => { ${fs}.writeFileSync(${JSON.stringify(doneFile)}, 'done'); process.exit(0); }, ${exitMs}));
    ${fs}.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => {}, 60000);`;
  return `const c = require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: 'ignore' });
    ${stepStays ? 'setTimeout(() => {}, 60000);' : `c.unref(); while (!${fs}.existsSync(${JSON.stringify(pidFile)})) {}`}`;
}

async function pidIn(file: string): Promise<number> {
  for (let tries = 0; !existsSync(file) || readFileSync(file, 'utf8') === ''; tries++) {
    if (tries > 200) throw new Error(`no pid in ${file}`);
    await sleep(50);
  }
  return Number(readFileSync(file, 'utf8'));
}

describe('run: the processes of a build step', () => {
  it('ends what a step left running when it exits', async () => {
    const pidFile = join(dir, 'pid');
    const code = await run(process.execPath, ['-e', stepWithGrandchild(pidFile, join(dir, 'done'), 0, false)]);
    expect(code).toBe(0);
    expect(running(await pidIn(pidFile))).toBe(false);
  });

  it('passes a stop signal to the step and everything it started, and returns once they have exited', async () => {
    const pidFile = join(dir, 'pid');
    const doneFile = join(dir, 'done');
    const step = stepWithGrandchild(pidFile, doneFile, 1000);
    // A build in miniature: a stoppable section running one step, reporting how it ended.
    const script = `import { exitCodeFor, run, stoppable, stopRequested } from ${JSON.stringify(runModule)};
      import { existsSync } from 'node:fs';
      const code = await stoppable(() => run(process.execPath, ['-e', ${JSON.stringify(step)}]));
      console.log(JSON.stringify({ code, grandchildDone: existsSync(${JSON.stringify(doneFile)}) }));
      process.exit(exitCodeFor(stopRequested()));`;
    const build = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    build.stdout.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((done) => build.on('close', done));
    const grandchild = await pidIn(pidFile);

    build.kill('SIGTERM');
    expect(await exited).toBe(143);
    // The step returned only after its grandchild, which got the signal too, had finished exiting.
    expect(JSON.parse(output)).toEqual({ code: 143, grandchildDone: true });
    expect(running(grandchild)).toBe(false);
  });

  it('starts nothing once a stop was requested', async () => {
    const script = `import { run, stoppable } from ${JSON.stringify(runModule)};
      await stoppable(async () => {
        process.kill(process.pid, 'SIGINT');
        await new Promise((done) => setTimeout(done, 100));
        console.log(await run(process.execPath, ['-e', 'console.log("started")']));
      });`;
    const build = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    build.stdout.on('data', (chunk) => (output += chunk));
    expect(await new Promise((done) => build.on('close', done))).toBe(0);
    expect(output.trim()).toBe('130');
  });
});
