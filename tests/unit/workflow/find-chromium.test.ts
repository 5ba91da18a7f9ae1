import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findTool, javaTool, type SystemTool } from '../../../scripts/find-chromium';

let dir: string;
/** Writes an executable script that prints `output` and exits with `code`. */
async function program(name: string, output: string, code = 0): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\necho '${output}'\nexit ${code}\n`);
  await chmod(path, 0o755);
  return path;
}

function fakeTool(candidates: string[], overrides: Partial<SystemTool> = {}): SystemTool {
  return {
    name: 'Fakium',
    variable: 'FAKIUM_PATH',
    variableValue: () => undefined,
    candidates: async () => candidates,
    versionArgs: ['--version'],
    recentEnough: () => true,
    aptPackage: 'fakium',
    otherWays: 'build it yourself',
    ...overrides,
  };
}

beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'pressroom-find-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('findTool', () => {
  test('takes the first candidate that runs, skipping missing and failing ones', async () => {
    const broken = await program('broken', 'crash', 1);
    const working = await program('working', 'Fakium 150.0');
    const found = await findTool(fakeTool([join(dir, 'missing'), broken, working]), { install: false });
    expect(found).toEqual({ path: working, version: 'Fakium 150.0', installed: false });
  });

  test('treats a version that is too old as missing', async () => {
    const oldJava = await program('java-old', 'openjdk version "11.0.2" 2019-01-15');
    const newJava = await program('java-new', 'openjdk version "17.0.15" 2025-04-15');
    const java = { ...javaTool, candidates: async () => [oldJava, newJava] };
    expect((await findTool(java, { install: false })).path).toBe(newJava);
    await expect(findTool({ ...java, candidates: async () => [oldJava] }, { install: false })).rejects.toThrow(/No Java found/);
  });

  test('trusts only the variable when it is set, and says when it points at nothing useful', async () => {
    const working = await program('also-working', 'Fakium 151.0');
    const tool = fakeTool([working], { variableValue: () => join(dir, 'nowhere') });
    await expect(findTool(tool, { install: false })).rejects.toThrow(`FAKIUM_PATH points at ${join(dir, 'nowhere')}, which is not a working, recent enough Fakium`);
  });

  test('without one and without apt, fails with how to get one, never silently', async () => {
    const failure = findTool(fakeTool([join(dir, 'missing')]), { install: false });
    await expect(failure).rejects.toThrow(/No Fakium found \(looked at: FAKIUM_PATH \(unset\), .*missing\)/);
    await expect(failure).rejects.toThrow(/`apt-get install fakium`; or build it yourself/);
  });
});
