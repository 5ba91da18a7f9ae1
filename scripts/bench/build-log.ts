/**
 * Reads the stages of a build from its own log: Astro's section headers and "Completed in"
 * timers, the moments lines arrived, and the lines of any other stage that logs under its own
 * label (an integration such as a photo-pack or search-index stage, or a command run after
 * `astro build`). Nothing here depends on which of those stages exist.
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

export interface ImageStats {
  /** Derivatives written in this build. */
  encoded: number;
  /** Derivatives taken from the image cache. */
  reused: number;
  /** Encoding time per output format, summed over parallel workers (seconds). */
  secondsByFormat: Record<string, number>;
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
  images: ImageStats;
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
  { name: 'image generation', start: /generating optimized images/, end: COMPLETED, ownTimer: true },
];

export function parseBuildLog(lines: TimedLine[], wallSeconds: number): BuildLog {
  const stages: Stage[] = [];
  const firstAstroLine = lines.find((line) => LABEL.test(line.text));
  if (firstAstroLine) stages.push({ name: 'start-up (npm, Node, config)', startsAt: 0, seconds: firstAstroLine.at / 1000, source: 'log-times' });
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
  const imagesDone = lastIndexOf(lines, (line) => COMPLETED.test(line.text) && !line.text.includes('[build]'));
  if (complete >= 0 && imagesDone >= 0 && imagesDone < complete) {
    stages.push({ name: 'integrations after generation', startsAt: lines[imagesDone]!.at / 1000, seconds: (lines[complete]!.at - lines[imagesDone]!.at) / 1000, source: 'log-times' });
  }
  if (complete >= 0) {
    stages.push({ name: 'after astro build (other commands)', startsAt: lines[complete]!.at / 1000, seconds: Math.max(0, wallSeconds - lines[complete]!.at / 1000), source: 'log-times' });
  }
  const pageCount = lines.map((line) => /(\d+) page\(s\) built in/.exec(line.text)?.[1]).find(Boolean);
  return {
    stages,
    pages: pageStats(lines),
    pageCount: pageCount ? Number(pageCount) : undefined,
    images: imageStats(lines),
    labelled: labelledStages(lines),
    warnings: lines.filter((line) => /\[WARN\]|\berror\b/i.test(line.text)).length,
  };
}

function lastIndexOf<T>(items: T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index]!)) return index;
  return -1;
}

function pageStats(lines: TimedLine[]): PageStats {
  const pages = lines.filter((line) => /^\s*(?:\d\d:\d\d:\d\d\s+)?\s*├─ /.test(line.text) && !line.text.includes('▶'));
  const restored = pages.filter((line) => /\((?:restored|cached)\)/.test(line.text)).length;
  return { rendered: pages.length - restored, restored };
}

function imageStats(lines: TimedLine[]): ImageStats {
  const images = lines.filter((line) => line.text.includes('▶ '));
  const reused = images.filter((line) => line.text.includes('(reused cache entry)'));
  const secondsByFormat: Record<string, number> = {};
  for (const line of images) {
    if (line.text.includes('(reused cache entry)')) continue;
    const format = /\.([a-z0-9]+) \(/i.exec(line.text)?.[1]?.toLowerCase() ?? 'other';
    const took = /\(\+([^)]+)\)/.exec(line.text)?.[1];
    secondsByFormat[format] = (secondsByFormat[format] ?? 0) + (took ? (parseDuration(took) ?? 0) : 0);
  }
  return { encoded: images.length - reused.length, reused: reused.length, secondsByFormat };
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

/** Labelled stages that look like the photo-pack stage or the search index. */
export function findStage(log: BuildLog, pattern: RegExp): LabelledStage | undefined {
  return log.labelled.find((stage) => pattern.test(stage.label));
}

export const PACK_LABEL = /pack|press-kit/i;
export const SEARCH_LABEL = /pagefind|search/i;

/** A labelled stage's duration: what it says about itself, else the span of its lines. */
export function stageSeconds(stage: LabelledStage): number {
  return stage.reportedSeconds ?? stage.spanSeconds;
}
