import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The lint rule of "a tree that shows the architecture": every PRESS_* setting is read and checked
// in src/settings.ts, so each has one default, one rule and one message. A read anywhere else
// (a second default, an unchecked value, "" taken for a value) fails here, naming the file.

const root = join(import.meta.dirname, '../../..');
const settingsModule = 'src/settings.ts';
const code = /\.(?:[cm]?[jt]sx?|astro|mdx)$/;

/** The project's own code: src/, scripts/ (the benchmark only sets settings for its children) and the Astro config. */
function projectFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (/^scripts\/bench/.test(path)) return [];
      if (entry.isDirectory()) return walk(path);
      return code.test(entry.name) ? [path] : [];
    });
  return [...walk('src'), ...walk('scripts'), 'astro.config.mjs'];
}

const readPatterns: [RegExp, string][] = [
  // process.env.PRESS_X, env.PRESS_X, import.meta.env.PRESS_X, env?.PRESS_X
  [/\benv\s*\??\.\s*PRESS_\w*/g, 'reads a PRESS_ variable'],
  // process.env['PRESS_X'], env["PRESS_X"], env[`PRESS_X`]
  [/\benv\s*(?:\?\.)?\s*\[\s*['"`]PRESS_\w*/g, 'reads a PRESS_ variable'],
  // const { PRESS_X } = process.env, const { PRESS_X: x = 'd' } = options.env
  [/\{[^{}]*\bPRESS_\w*[^{}]*\}\s*=\s*[\w$.]*\benv\b/g, 'reads a PRESS_ variable by destructuring'],
  // process.env[name]: which variable it reads cannot be seen, so it may be a PRESS_ one
  [/\bprocess\.env\s*(?:\?\.)?\s*\[\s*(?!['"`])/g, 'reads process.env with a computed name'],
];

/** Every place `source` reads a PRESS_ setting itself, as `line: what: code`. */
function settingReads(source: string): string[] {
  const found: { index: number; text: string }[] = [];
  for (const [pattern, what] of readPatterns) {
    for (const match of source.matchAll(pattern)) {
      const line = source.slice(0, match.index).split('\n').length;
      found.push({ index: match.index, text: `${line}: ${what}: ${match[0].replace(/\s+/g, ' ')}` });
    }
  }
  return found.sort((a, b) => a.index - b.index).map((read) => read.text);
}

describe('PRESS_* settings', () => {
  it('are read in src/settings.ts alone; everything else imports them from it', () => {
    const files = projectFiles();
    // A scan that found no files (a moved folder) would pass without proving anything.
    expect(files).toEqual(expect.arrayContaining([settingsModule, 'src/site.config.ts', 'src/content.config.ts', 'scripts/build.ts', 'scripts/lib/build-lock.ts', 'astro.config.mjs']));
    const offenders = files
      .filter((file) => file !== settingsModule)
      .flatMap((file) => settingReads(readFileSync(join(root, file), 'utf8')).map((read) => `${file}:${read}`));
    expect(offenders, `Read these through a function of ${settingsModule} (add one there if the setting is new):\n${offenders.join('\n')}`).toEqual([]);
  });

  it('are found by the check however they are read', () => {
    const reads = [
      'const url = process.env.PRESS_SITE_URL;',
      'const url = process.env?.PRESS_SITE_URL;',
      "const url = process.env['PRESS_SITE_URL'];",
      'const url = process.env["PRESS_SITE_URL"];',
      'const url = process.env[`PRESS_SITE_URL`];',
      'const url = import.meta.env.PRESS_SITE_URL;',
      'function now(env = process.env) { return env.PRESS_NOW; }',
      "const wait = options.env['PRESS_BUILD_WAIT'];",
      'const { PRESS_OUT_DIR } = process.env;',
      "const { PRESS_OUT_DIR: out = 'dist', HOME } = process.env;",
      'const {\n  HOME,\n  PRESS_CONTENT_DIR,\n} = env;',
      "const name = 'PRESS_NOW';\nconst now = process.env[name];",
    ];
    for (const source of reads) expect(settingReads(source), source).toHaveLength(1);
    expect(settingReads("const a = process.env.PRESS_A;\n\nconst b = process.env['PRESS_B'];")).toEqual(['1: reads a PRESS_ variable: env.PRESS_A', "3: reads a PRESS_ variable: env['PRESS_B"]);
  });

  it('may still be named, set for a child process and passed around', () => {
    const fine = [
      '/** Where content is read from (`PRESS_CONTENT_DIR`). */',
      "await astro(['build'], { PRESS_OUT_DIR: outDir });",
      "const env = { ...process.env, PRESS_MEDIA_STORE: 's3' };",
      'export const PRESS_COPY_VERSION = 2;',
      'const settings = mediaSettings(process.env);',
      "throw new Error('set PRESS_MEDIA_URL, e.g. PRESS_MEDIA_URL=https://media.example.org');",
      'const { contentDir } = settings;',
    ];
    for (const source of fine) expect(settingReads(source), source).toEqual([]);
  });

  it('are each listed in the README, with nothing listed that settings.ts does not read', () => {
    const read = [...new Set([...readFileSync(join(root, settingsModule), 'utf8').matchAll(/'(PRESS_[A-Z0-9_]+)'/g)].map((match) => match[1]))].sort();
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Settings\n'), readme.indexOf('\n## ', readme.indexOf('\n## Settings\n') + 1));
    const listed = [...section.matchAll(/^\| `(PRESS_[A-Z0-9_]+)`/gm)].map((match) => match[1]).sort();
    expect(read.length).toBeGreaterThan(10);
    expect(listed, 'the PRESS_ rows of README.md\'s "Settings" table').toEqual(read);
  });
});
