import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

/**
 * The publish workflow (.github/workflows/publish.yml) as GitHub would run it: which jobs run on
 * a push, a manual run and the 15-minute schedule, and what a failing test run stops. GitHub
 * cannot be run here, so the `if:` expressions are evaluated by the small evaluator below, which
 * knows the few forms the workflow uses and refuses any other.
 */

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  'timeout-minutes'?: number;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parseYaml(readFileSync(fileURLToPath(new URL('../../../.github/workflows/publish.yml', import.meta.url)), 'utf8'), { strict: true, uniqueKeys: true }) as Workflow;
const jobs = workflow.jobs;
const needsOf = (job: Job) => [job.needs ?? []].flat();

type Result = 'success' | 'failure' | 'skipped';
interface Context {
  event: string;
  needs: Record<string, Result>;
  env: Record<string, string>;
}

/**
 * Evaluates a GitHub Actions expression of the forms the workflow uses: `github.event_name`,
 * `needs.<job>.result`, `env.<NAME>`, string literals, `==`, `!=`, `!`, `&&`, `||`, parentheses
 * and the status functions. Without a status function GitHub adds `success()` in front, and so
 * does this.
 */
function evaluate(expression: string | undefined, context: Context): boolean {
  const text = (expression ?? '').trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
  const tokens = text.match(/\s*(\(|\)|==|!=|!|&&|\|\||'[^']*'|[A-Za-z_][\w.-]*\(\)|[A-Za-z_][\w.-]*)/g)?.map((token) => token.trim()) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) throw new Error(`Cannot read the expression: ${text}`);
  const succeeded = Object.values(context.needs).every((result) => result === 'success');
  const hasStatus = tokens.some((token) => /^(success|failure|always|cancelled)\(\)$/.test(token));
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new Error(`Expected ${expected ?? 'more'} in: ${text}`);
    return token;
  };
  const value = (): string | boolean => {
    const token = take();
    if (token === '(') {
      const inner = or();
      take(')');
      return inner;
    }
    if (token === '!') return !truthy(value());
    if (token.startsWith("'")) return token.slice(1, -1);
    if (token === 'success()') return succeeded;
    if (token === 'failure()') return Object.values(context.needs).includes('failure');
    if (token === 'always()') return true;
    if (token === 'cancelled()') return false;
    if (token === 'github.event_name') return context.event;
    const need = /^needs\.([\w-]+)\.result$/.exec(token);
    if (need) {
      if (!(need[1]! in context.needs)) throw new Error(`${token} names a job that is not in needs`);
      return context.needs[need[1]!]!;
    }
    const variable = /^env\.(\w+)$/.exec(token);
    if (variable) return context.env[variable[1]!] ?? '';
    throw new Error(`Unknown term ${token} in: ${text}`);
  };
  const truthy = (item: string | boolean) => item !== '' && item !== false;
  const comparison = (): string | boolean => {
    const left = value();
    if (peek() === '==' || peek() === '!=') {
      const operator = take();
      const right = value();
      return operator === '==' ? left === right : left !== right;
    }
    return left;
  };
  const and = (): string | boolean => {
    let left = comparison();
    while (peek() === '&&') {
      take();
      const right = comparison();
      left = truthy(left) && truthy(right);
    }
    return left;
  };
  const or = (): string | boolean => {
    let left = and();
    while (peek() === '||') {
      take();
      const right = and();
      left = truthy(left) || truthy(right);
    }
    return left;
  };
  const result = tokens.length === 0 ? true : truthy(or());
  if (at !== tokens.length) throw new Error(`Left over after ${tokens.slice(0, at).join(' ')}: ${text}`);
  return (hasStatus || succeeded) && result;
}

/** Which jobs run for an event, and how the test job ends when it runs. */
function simulate(event: string, testsEnd: 'success' | 'failure' = 'success'): Record<string, Result> {
  const results: Record<string, Result> = {};
  const pending = Object.keys(jobs);
  while (pending.length > 0) {
    const index = pending.findIndex((name) => needsOf(jobs[name]!).every((need) => need in results));
    if (index < 0) throw new Error(`A cycle or an unknown job among needs: ${pending.join(', ')}`);
    const [name] = pending.splice(index, 1) as [string];
    const job = jobs[name]!;
    const needs = Object.fromEntries(needsOf(job).map((need) => [need, results[need]!]));
    const runs = evaluate(job.if, { event, needs, env: {} });
    results[name] = !runs ? 'skipped' : name === 'test' ? testsEnd : 'success';
  }
  return results;
}

/** The names (or `run` commands) of the steps of a job that run for an event and store. */
function stepsRun(job: Job, event: string, store: 'local' | 's3'): string[] {
  const env = { ...workflow.env, ...job.env, PRESS_MEDIA_STORE: store };
  return job.steps.filter((step) => evaluate(step.if, { event, needs: {}, env })).map((step) => step.name ?? step.run ?? step.uses!);
}

describe('the publish workflow', () => {
  it('runs on pushes to main, on a manual run and every 15 minutes', () => {
    expect(workflow.on).toEqual({ push: { branches: ['main'] }, schedule: [{ cron: '*/15 * * * *' }], workflow_dispatch: null });
    expect(Object.keys(jobs).sort()).toEqual(['build', 'deploy', 'test']);
  });

  it('names only jobs that exist in needs, and only needed jobs and defined variables in its conditions', () => {
    for (const [name, job] of Object.entries(jobs)) {
      for (const need of needsOf(job)) expect(Object.keys(jobs), `${name} needs ${need}`).toContain(need);
      for (const [, need] of (job.if ?? '').matchAll(/needs\.([\w-]+)\./g)) expect(needsOf(job), `${name}: if names needs.${need}`).toContain(need);
      for (const step of job.steps) {
        for (const [, variable] of (step.if ?? '').matchAll(/env\.(\w+)/g)) {
          expect({ ...workflow.env, ...job.env }, `${name}, step "${step.name}": env.${variable}`).toHaveProperty([variable!]);
        }
      }
    }
  });

  it('tests on a push and a manual run, not on the schedule', () => {
    expect(simulate('push').test).toBe('success');
    expect(simulate('workflow_dispatch').test).toBe('success');
    expect(simulate('schedule').test).toBe('skipped');
  });

  it('builds and deploys a push or manual run only after its tests passed', () => {
    for (const event of ['push', 'workflow_dispatch']) {
      expect(simulate(event, 'success'), event).toEqual({ test: 'success', build: 'success', deploy: 'success' });
      expect(simulate(event, 'failure'), event).toEqual({ test: 'failure', build: 'skipped', deploy: 'skipped' });
    }
    // The deploy names the tests itself, not only through the build.
    expect(needsOf(jobs.deploy!)).toContain('test');
    expect(evaluate(jobs.deploy!.if, { event: 'push', needs: { test: 'failure', build: 'success' }, env: {} })).toBe(false);
    expect(evaluate(jobs.deploy!.if, { event: 'push', needs: { test: 'skipped', build: 'success' }, env: {} })).toBe(false);
  });

  it('builds and deploys a scheduled run without tests', () => {
    expect(simulate('schedule')).toEqual({ test: 'skipped', build: 'success', deploy: 'success' });
  });

  it('installs what the tests need without root, then runs npm test', () => {
    const test = jobs.test!;
    const runs = test.steps.map((step) => step.run ?? step.uses ?? '');
    const install = runs.findIndex((run) => /sudo .*apt-get install -y/.test(run));
    expect(install).toBeGreaterThanOrEqual(0);
    for (const aptPackage of ['default-jre-headless', 'hugo', 'git-lfs']) expect(runs[install], aptPackage).toMatch(new RegExp(`\\b${aptPackage}\\b`));
    expect(runs[install]).toMatch(/sudo apt-get update/);
    // find-chromium takes the variables as the only candidates: they must name a browser and a Java.
    expect(test.env).toMatchObject({ CHROMIUM_PATH: expect.stringMatching(/^\/usr\/bin\/(google-chrome|chromium)/), JAVA_HOME: '/usr/lib/jvm/default-java' });
    const npmCi = runs.indexOf('npm ci --no-audit --no-fund');
    const npmTest = runs.indexOf('npm test');
    expect(npmCi).toBeGreaterThanOrEqual(0);
    expect(npmTest).toBeGreaterThan(Math.max(install, npmCi));
    expect(runs.findIndex((run) => run.includes('scripts/find-chromium.ts'))).toBeGreaterThan(Math.max(install, npmCi));
    expect(runs.findIndex((run) => run.startsWith('actions/checkout'))).toBe(0);
  });

  it('gives the tests neither the site settings nor the bucket keys', () => {
    // An empty PRESS_SITE_URL (an unset repository variable) would break every URL the tests check.
    expect(workflow.env ?? {}).toEqual({});
    expect(Object.keys(jobs.test!.env ?? {}).filter((name) => /^(PRESS_|AWS_)/.test(name))).toEqual([]);
    expect(jobs.test!.permissions).toEqual({ contents: 'read' });
    expect(jobs.test!['timeout-minutes']).toBeGreaterThan(0);
  });

  it('keeps the build as it was: caches restored, content checked on pushes, rebuilt on the schedule, media uploaded to a bucket', () => {
    const build = jobs.build!;
    expect(build.env).toMatchObject({ PRESS_SITE_URL: '${{ vars.PRESS_SITE_URL }}', AWS_ACCESS_KEY_ID: '${{ secrets.PRESS_MEDIA_ACCESS_KEY_ID }}' });
    const caches = build.steps.filter((step) => step.uses === 'actions/cache@v4').map((step) => String(step.with?.path).trim());
    expect(caches).toEqual(['.cache/astro\n.cache/media/*.json', '.cache/media/objects']);
    const checkout = build.steps.find((step) => step.uses === 'actions/checkout@v4')!;
    expect(checkout.with).toEqual({ 'fetch-depth': 0, lfs: false });
    const names = (event: string, store: 'local' | 's3') =>
      stepsRun(build, event, store).filter((name) => /check|build|upload|cache|Keep/i.test(name) && !name.startsWith('actions/'));
    expect(names('push', 'local')).toEqual([
      'Keep the page cache and media records between runs',
      'Keep made media between runs (local store only)',
      'Check the content (pushes only; a scheduled run only needs a fresh build)',
    ]);
    expect(names('schedule', 's3')).toEqual(['Keep the page cache and media records between runs', 'Build', 'Upload media to the bucket']);
    expect(build.steps.find((step) => step.name === 'Upload media to the bucket')!.run).toBe('npm run deploy:media');
    expect(build.steps.at(-1)).toEqual({ uses: 'actions/upload-pages-artifact@v3', with: { path: 'dist' } });
  });
});

describe('the expression evaluator', () => {
  const context: Context = { event: 'push', needs: { a: 'success', b: 'skipped' }, env: { X: 'y' } };

  it('adds success() where no status function is named, as GitHub does', () => {
    expect(evaluate("github.event_name == 'push'", context)).toBe(false);
    expect(evaluate("github.event_name == 'push'", { ...context, needs: { a: 'success' } })).toBe(true);
    expect(evaluate("${{ !cancelled() && needs.b.result == 'skipped' }}", context)).toBe(true);
    expect(evaluate(undefined, { ...context, needs: {} })).toBe(true);
  });

  it('refuses what it does not know rather than guessing', () => {
    expect(() => evaluate("contains(github.ref, 'main')", context)).toThrow();
    expect(() => evaluate("needs.c.result == 'success'", context)).toThrow(/not in needs/);
    expect(() => evaluate("vars.X == 'y'", context)).toThrow(/Unknown term/);
  });
});
