import { spawn } from 'node:child_process';

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command: string, args: string[], env: Record<string, string | undefined> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

/**
 * The Astro CLI, run on the Node that runs this script (Node 24 under npm scripts), with its
 * telemetry off: a build reaches no address outside this machine.
 */
export function astro(args: string[], env: Record<string, string | undefined> = {}): Promise<number> {
  return run(process.execPath, ['node_modules/astro/bin/astro.mjs', ...args], { ASTRO_TELEMETRY_DISABLED: '1', ...env });
}
