import { dirname, join } from 'node:path';

/**
 * Variables under which git reads no configuration but the caller's own (not the user's, not the
 * machine's), never walks up out of `root` into another repository (this project's, say), and
 * never waits for a password: for the scratch repositories of the tests and the benchmark. Their
 * `home` is `<root>/home`, which the caller makes.
 */
export function isolatedGitEnv(root: string, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const home = join(root, 'home');
  return {
    ...Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => !entry[0].startsWith('GIT_') && entry[1] !== undefined)),
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CEILING_DIRECTORIES: dirname(root),
    GIT_TERMINAL_PROMPT: '0',
  };
}
