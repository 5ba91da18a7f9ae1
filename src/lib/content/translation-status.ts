/**
 * Which translations exist, and which were made from an older version of the original. A
 * translation records the hash of the original it was made from (`translatedFrom`); without one,
 * git's commit times decide. Used by `npm run translations` and the team's status page.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { defaultLocale, locales, type LocaleCode } from '../../i18n/locales';

export type TranslationState = 'original' | 'translated' | 'outdated' | 'missing';

export interface TranslationStatus {
  slug: string;
  locale: LocaleCode;
  state: TranslationState;
  file: string;
  /** Why the state is what it is, for the report. */
  reason: string;
}

interface SourceFile {
  frontmatter: Record<string, unknown>;
  body: string;
}

function readSource(file: string): SourceFile {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  const frontmatter: unknown = match ? parseYaml(match[1]!) : {};
  return { frontmatter: (frontmatter ?? {}) as Record<string, unknown>, body: match ? match[2]! : text };
}

/**
 * Hash of what a translator translates: title, subtitle, summary, body and corrections. Facts the translation
 * inherits (date, photos…) are left out, so changing them does not make translations outdated.
 */
export function sourceHash(file: string): string {
  const { frontmatter, body } = readSource(file);
  // Corrections are text translators must follow too; hashed only when there are some, so the
  // hashes recorded before corrections existed stay valid.
  const corrections = Array.isArray(frontmatter.corrections) && frontmatter.corrections.length > 0 ? [frontmatter.corrections] : [];
  const translatable = [frontmatter.title, frontmatter.subtitle, frontmatter.summary, body.replaceAll(/\s+/g, ' ').trim(), ...corrections];
  return createHash('sha256').update(JSON.stringify(translatable)).digest('hex').slice(0, 12);
}

/** Seconds since the epoch of the last commit that touched the file, or undefined outside git. */
function lastCommitTime(file: string): number | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out ? Number(out) : undefined;
  } catch {
    return undefined;
  }
}

function translationState(originalFile: string, translationFile: string): Pick<TranslationStatus, 'state' | 'reason'> {
  const recorded = readSource(translationFile).frontmatter.translatedFrom;
  const current = sourceHash(originalFile);
  if (typeof recorded === 'string' && recorded !== '') {
    return recorded === current
      ? { state: 'translated', reason: `made from the current original (${current})` }
      : { state: 'outdated', reason: `made from ${recorded}; the original is now ${current}` };
  }
  const originalTime = lastCommitTime(originalFile);
  const translationTime = lastCommitTime(translationFile);
  if (originalTime !== undefined && translationTime !== undefined && originalTime > translationTime) {
    return { state: 'outdated', reason: 'the original was committed after the translation' };
  }
  return { state: 'translated', reason: 'no newer commit of the original (record translatedFrom to be sure)' };
}

/** The status of every language of one release folder. */
export function releaseTranslations(folder: string, slug: string): TranslationStatus[] {
  const originalFile = join(folder, `${locales.find((locale) => locale.code === defaultLocale)!.path}.mdx`);
  return locales.map((locale) => {
    const file = join(folder, `${locale.path}.mdx`);
    if (locale.code === defaultLocale) return { slug, locale: locale.code, state: 'original', file, reason: 'the original' };
    if (!existsSync(file)) return { slug, locale: locale.code, state: 'missing', file, reason: 'no file yet' };
    return { slug, locale: locale.code, file, ...translationState(originalFile, file) };
  });
}

/** The translation's text with the current original's hash recorded, once a translator has brought it up to date. */
export function textMarkedCurrent(originalFile: string, translationFile: string): string {
  const hash = sourceHash(originalFile);
  const text = readFileSync(translationFile, 'utf8');
  const line = `translatedFrom: "${hash}"`;
  const updated = /^translatedFrom:.*$/m.test(text.split(/\r?\n---/)[0]!)
    ? text.replace(/^translatedFrom:.*$/m, line)
    : text.replace(/^---\r?\n/, `---\n${line}\n`);
  return updated;
}
