/**
 * Finds the two programs the quality gates need outside npm: a Chromium (Playwright, axe and
 * Lighthouse drive it) and a Java runtime (the Nu Html Checker, vnu.jar, runs on it).
 *
 * These machines cannot download Playwright's own browsers, and vnu-jar's postinstall Java
 * download is switched off in package.json (`allowScripts`), so both come from the system:
 *
 * - Chromium: `$CHROMIUM_PATH`, then `/usr/bin/chromium`, `/usr/bin/chromium-browser`, then
 *   Playwright's own download where one exists.
 * - Java: `$JAVA_HOME/bin/java`, then `java` on the PATH.
 *
 * Where none is found and this runs as root on a machine with apt, it installs Debian's package
 * (`chromium`, `default-jre-headless`); otherwise it fails and says how to get one. It never
 * returns "nothing": the browser tests must not be skipped silently.
 *
 * Usage (from the repository root; `.ci/run` calls it before `npm test`):
 *   node_modules/.bin/node scripts/find-chromium.ts   # prints both paths, installing if needed
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A program the tests need, where to look for it, and the Debian package that provides it. */
export interface SystemTool {
  name: string;
  /** Variable that, when set, must point at the program (it is then the only candidate). */
  variable: string;
  variableValue: () => string | undefined;
  candidates: () => Promise<string[]>;
  /** Arguments that make the program print its version and exit 0. */
  versionArgs: string[];
  /** Whether the version printed is recent enough; a too old one counts as missing. */
  recentEnough: (version: string) => boolean;
  aptPackage: string;
  /** Other ways to get the program, for the error message. */
  otherWays: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(program: string): string[] {
  return (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, program));
}

/** The program's version line, or undefined when it does not run (a broken or foreign binary). */
function versionOf(path: string, args: string[]): string | undefined {
  const result = spawnSync(path, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) return undefined;
  // Java prints its version on stderr.
  return `${result.stdout}${result.stderr}`.trim().split('\n')[0];
}

async function playwrightChromium(): Promise<string[]> {
  try {
    const { chromium } = await import('playwright-core');
    return [chromium.executablePath()];
  } catch {
    // playwright-core throws when it has no download location for this platform.
    return [];
  }
}

export const chromiumTool: SystemTool = {
  name: 'Chromium',
  variable: 'CHROMIUM_PATH',
  variableValue: () => process.env.CHROMIUM_PATH,
  candidates: async () => ['/usr/bin/chromium', '/usr/bin/chromium-browser', ...(await playwrightChromium())],
  versionArgs: ['--version'],
  recentEnough: () => true,
  aptPackage: 'chromium',
  otherWays: 'set CHROMIUM_PATH to a Chromium or Chrome binary, or run `npx playwright install chromium` where downloads are allowed',
};

export const javaTool: SystemTool = {
  name: 'Java',
  variable: 'JAVA_HOME',
  variableValue: () => (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : undefined),
  candidates: async () => onPath('java'),
  versionArgs: ['-version'],
  // vnu.jar is built for Java 17.
  recentEnough: (version) => Number(/version "(?:1\.)?(\d+)/.exec(version)?.[1] ?? 0) >= 17,
  aptPackage: 'default-jre-headless',
  otherWays: 'install a Java runtime (17 or newer) from your system\'s packages and put `java` on the PATH, or set JAVA_HOME',
};

export interface FoundTool {
  path: string;
  version: string;
  /** True when this call installed it. */
  installed: boolean;
}

function canInstallWithApt(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

function aptInstall(aptPackage: string): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', aptPackage]]) {
    process.stderr.write(`find-chromium: apt-get ${args.join(' ')}\n`);
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (result.status !== 0) throw new Error(`find-chromium: \`apt-get ${args.join(' ')}\` failed (exit ${result.status}).`);
  }
}

async function search(tool: SystemTool): Promise<Omit<FoundTool, 'installed'> | undefined> {
  const fromVariable = tool.variableValue();
  if (fromVariable) {
    // A variable set on purpose wins; falling back to another binary would hide the mistake.
    const version = isExecutable(fromVariable) ? versionOf(fromVariable, tool.versionArgs) : undefined;
    if (!version || !tool.recentEnough(version)) {
      throw new Error(`${tool.variable} points at ${fromVariable}, which is not a working, recent enough ${tool.name} (${version ?? 'does not run'}). Fix or unset ${tool.variable}.`);
    }
    return { path: fromVariable, version };
  }
  for (const candidate of await tool.candidates()) {
    if (!isExecutable(candidate)) continue;
    const version = versionOf(candidate, tool.versionArgs);
    if (version && tool.recentEnough(version)) return { path: candidate, version };
  }
  return undefined;
}

/**
 * Finds the tool, installing Debian's package when allowed (by default: as root where apt
 * exists); throws a how-to message otherwise.
 */
export async function findTool(tool: SystemTool, { install = canInstallWithApt() } = {}): Promise<FoundTool> {
  const found = await search(tool);
  if (found) return { ...found, installed: false };
  if (install) {
    aptInstall(tool.aptPackage);
    const installed = await search(tool);
    if (installed) return { ...installed, installed: true };
    throw new Error(`find-chromium: installed the Debian package "${tool.aptPackage}", but still found no working ${tool.name}.`);
  }
  const looked = tool.variableValue() ? tool.variable : [`${tool.variable} (unset)`, ...(await tool.candidates())].join(', ');
  throw new Error(
    `No ${tool.name} found (looked at: ${looked}). The browser and HTML checks need it and are not skipped.\n` +
      `To get one: as root on Debian or Ubuntu, \`apt-get install ${tool.aptPackage}\`; or ${tool.otherWays}.`,
  );
}

export const findChromium = () => findTool(chromiumTool);
export const findJava = () => findTool(javaTool);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    for (const tool of [chromiumTool, javaTool]) {
      const found = await findTool(tool);
      console.log(`${tool.name}: ${found.path} (${found.version})${found.installed ? ', installed now' : ''}`);
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
