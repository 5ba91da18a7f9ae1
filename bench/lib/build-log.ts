/**
 * Reads the stages of a build from its own log: the media stage's summary line, Astro's section
 * headers and "Completed in" timers, the moments lines arrived, and the lines of any other stage
 * that logs under its own label (the search index, a command run after `astro build`). Nothing
 * here depends on which of those stages exist.
 */
import type { TimedLine } from './run-command.ts';

/** Astro's durations: "745ms", "1.02s", "3m 10s". */
export function parseDuration(text: string): number | undefined {
  const match = /(?:(\d+)m\s*)?(\d+(?:\.\d+)?)(ms|s)\b/.exec(text);
  if (!match) return undefined;
  const [, minutes, amount, unit] = match;
  return Number(minutes ?? 0) * 60 + Number(amount) / (unit === 'ms' ? 1000 : 1);
}

export interface Stage {
  name: string;
  /** When the stage began, in seconds since the command started. */
  startsAt: number;
  /** Seconds; from the tool's own timer where it prints one, else from line arrival times. */
  seconds: number;
  /** Where the figure comes from. */
  source: 'timer' | 'log-times';
}

export interface PageStats {
  /** Pages Astro rendered. */
  rendered: number;
  /** Pages restored from the incremental-build cache instead of rendered. */
  restored: number;
}

/** A stage found by its log label, e.g. `[pressroom:packs]` or `[pagefind]`. */
export interface LabelledStage {
  label: string;
  lines: number;
  /** From its first line to its last. */
  spanSeconds: number;
  /** Largest duration the stage printed about itself ("… in 12.3s"), if any. */
  reportedSeconds?: number;
}

export interface BuildLog {
  stages: Stage[];
  pages: PageStats;
  /** The "N page(s) built" figure. */
  pageCount?: number;
  labelled: LabelledStage[];
  /** Lines that say WARN or error, for the report. */
  warnings: number;
}

/** Astro's own labels; anything else is another stage's. */
const ASTRO_LABELS = new Set(['build', 'content', 'types', 'vite', 'WARN', 'ERROR', 'check', 'config', 'glob-loader', 'assets', 'sync', 'router']);

const LABEL = /^(?:\d\d:\d\d:\d\d )?(?:\[(WARN|ERROR)\] )?\[([^\]]+)\]/;
const COMPLETED = /✓ Completed in (.+?)\.?$/;

interface Marker {
  name: string;
  start: RegExp;
  /** The section ends at the first line matching this after its start. */
  end: RegExp;
  /**
   * Whether Astro's "Completed in" on the end line times this section alone. The build-info and
   * type-generation timers start with the build, so they include content sync: those sections
   * are timed by their lines instead.
   */
  ownTimer?: boolean;
}

/** Astro's build sections, in the order it runs them. */
const SECTIONS: Marker[] = [
  { name: 'content sync', start: /\[content\] Syncing content/, end: /\[content\] Synced content/ },
  { name: 'type generation', start: /\[content\] Synced content/, end: /\[types\] Generated/ },
  { name: 'build info', start: /Collecting build info/, end: COMPLETED },
  { name: 'bundling (Vite)', start: /Building static entrypoints/, end: /Rearranging server assets|generating static routes/ },
  { name: 'page generation', start: /generating static routes/, end: COMPLETED, ownTimer: true },
];

/**
 * The media stage's last line, which it prints as its process ends ("12 photos, 7 packs: encoded
 * …"): `npm run build` runs the stage first, so the build's start to this line is the stage, with
 * npm's and its own process's start-up.
 */
const MEDIA_SUMMARY = /\[pressroom:media\] \d+ photos?, \d+ packs?:/;

export function parseBuildLog(lines: TimedLine[], wallSeconds: number): BuildLog {
  const stages: Stage[] = [];
  const media = lines.find((line) => MEDIA_SUMMARY.test(line.text));
  if (media) stages.push({ name: MEDIA_STAGE, startsAt: 0, seconds: media.at / 1000, source: 'log-times' });
  const startUpFrom = media?.at ?? 0;
  const firstAstroLine = lines.find((line) => line.at >= startUpFrom && ASTRO_LABELS.has(LABEL.exec(line.text)?.[2] ?? ''));
  if (firstAstroLine) {
    stages.push({ name: media ? 'Astro start-up (Node, config)' : 'start-up (npm, Node, config)', startsAt: startUpFrom / 1000, seconds: (firstAstroLine.at - startUpFrom) / 1000, source: 'log-times' });
  }
  for (const section of SECTIONS) {
    const startIndex = lines.findIndex((line) => section.start.test(line.text));
    if (startIndex < 0) continue;
    const endIndex = lines.findIndex((line, index) => index > startIndex && section.end.test(line.text));
    if (endIndex < 0) continue;
    const timer = section.ownTimer ? COMPLETED.exec(lines[endIndex]!.text)?.[1] : undefined;
    const timed = timer ? parseDuration(timer) : undefined;
    const startsAt = lines[startIndex]!.at / 1000;
    stages.push(
      timed !== undefined
        ? { name: section.name, startsAt, seconds: timed, source: 'timer' }
        : { name: section.name, startsAt, seconds: (lines[endIndex]!.at - lines[startIndex]!.at) / 1000, source: 'log-times' },
    );
  }
  const complete = lines.findIndex((line) => /\[build\] Complete!/.test(line.text));
  const generated = lastIndexOf(lines, (line) => COMPLETED.test(line.text) && !line.text.includes('[build]'));
  if (complete >= 0 && generated >= 0 && generated < complete) {
    stages.push({ name: 'integrations after generation', startsAt: lines[generated]!.at / 1000, seconds: (lines[complete]!.at - lines[generated]!.at) / 1000, source: 'log-times' });
  }
  if (complete >= 0) {
    stages.push({ name: 'after astro build (other commands)', startsAt: lines[complete]!.at / 1000, seconds: Math.max(0, wallSeconds - lines[complete]!.at / 1000), source: 'log-times' });
  }
  const pageCount = lines.map((line) => /(\d+) page\(s\) built in/.exec(line.text)?.[1]).find(Boolean);
  return {
    stages,
    pages: pageStats(lines),
    pageCount: pageCount ? Number(pageCount) : undefined,
    labelled: labelledStages(lines),
    warnings: lines.filter((line) => /\[WARN\]|\berror\b/i.test(line.text)).length,
  };
}

function lastIndexOf<T>(items: T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index]!)) return index;
  return -1;
}

function pageStats(lines: TimedLine[]): PageStats {
  const pages = lines.filter((line) => /^\s*(?:\d\d:\d\d:\d\d\s+)?\s*├─ /.test(line.text));
  const restored = pages.filter((line) => /\((?:restored|cached)\)/.test(line.text)).length;
  return { rendered: pages.length - restored, restored };
}

function labelledStages(lines: TimedLine[]): LabelledStage[] {
  const byLabel = new Map<string, TimedLine[]>();
  for (const line of lines) {
    const label = LABEL.exec(line.text)?.[2];
    if (!label || ASTRO_LABELS.has(label)) continue;
    byLabel.set(label, [...(byLabel.get(label) ?? []), line]);
  }
  return [...byLabel].map(([label, own]) => {
    // A line may report several parts of its stage ("1.2 s making them…, 0.01 s placing…").
    const reported = own
      .map((line) => [...line.text.matchAll(/\b(\d+(?:\.\d+)?) ?(ms|s|seconds?)\b/g)].map((match) => Number(match[1]) / (match[2] === 'ms' ? 1000 : 1)))
      .filter((durations) => durations.length > 0)
      .map((durations) => durations.reduce((sum, value) => sum + value, 0));
    return {
      label,
      lines: own.length,
      spanSeconds: (own.at(-1)!.at - own[0]!.at) / 1000,
      reportedSeconds: reported.length > 0 ? Math.max(...reported) : undefined,
    };
  });
}

/** The stage running at `seconds` after the start: the last one to have begun by then. */
export function stageAt(stages: Stage[], seconds: number): string | undefined {
  return stages.filter((stage) => stage.startsAt <= seconds).sort((a, b) => a.startsAt - b.startsAt).at(-1)?.name;
}

/** The labelled stage whose label matches, e.g. the search index. */
export function findStage(log: BuildLog, pattern: RegExp): LabelledStage | undefined {
  return log.labelled.find((stage) => pattern.test(stage.label));
}

export const SEARCH_LABEL = /pagefind|search/i;
export const MEDIA_STAGE = 'media stage';

/** A labelled stage's duration: what it says about itself, else the span of its lines. */
export function stageSeconds(stage: LabelledStage): number {
  return stage.reportedSeconds ?? stage.spanSeconds;
}

/**
 * What `npm run deploy:media` says it did: objects uploaded, copied inside the bucket (stable keys
 * from their twins, no bytes sent) and already there (count, MB), and unreferenced ones.
 */
export interface DeployLog {
  uploaded: { count: number; megabytes: number };
  copied: { count: number; megabytes: number };
  skipped: { count: number; megabytes: number };
  unreferenced: number;
}

const number = (text: string | undefined) => Number((text ?? '0').replace(/,/g, ''));

export function parseDeployLog(lines: string[]): DeployLog {
  const find = (pattern: RegExp) => lines.map((line) => pattern.exec(line)).find((match) => match !== null);
  const uploaded = find(/^uploaded: ([\d,]+) objects?, ([\d,.]+) MB/);
  const copied = find(/^copied in the bucket\b[^:]*: ([\d,]+) objects?, ([\d,.]+) MB/);
  const skipped = find(/^already there: ([\d,]+) objects?, ([\d,.]+) MB/);
  const unreferenced = find(/^unreferenced\b[^:]*: ([\d,]+) objects?/);
  if (!uploaded || !skipped) throw new Error(`npm run deploy:media printed no "uploaded:" and "already there:" lines:\n${lines.slice(-20).join('\n')}`);
  return {
    uploaded: { count: number(uploaded[1]), megabytes: number(uploaded[2]) },
    copied: { count: number(copied?.[1]), megabytes: number(copied?.[2]) },
    skipped: { count: number(skipped[1]), megabytes: number(skipped[2]) },
    unreferenced: unreferenced ? number(unreferenced[1]) : 0,
  };
}
