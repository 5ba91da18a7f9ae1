import { describe, expect, it } from 'vitest';
import { descendants, parsePss, parseStat, PeakTracker, readProcesses, treePss, treeRss } from '../../lib/process-tree';

describe('parseStat', () => {
  it('reads pid, parent and RSS even when the command name has spaces and parentheses', () => {
    const fields = Array.from({ length: 49 }, (_, index) => String(index));
    fields[1] = '42'; // ppid is field 4, the 2nd after the name
    fields[21] = '1000'; // rss is field 24
    const line = `1234 (node (worker) x) ${['S', ...fields.slice(1)].join(' ')}`;
    expect(parseStat(line, 4096)).toEqual({ pid: 1234, ppid: 42, rss: 1000 * 4096 });
  });
});

describe('treeRss', () => {
  const processes = [
    { pid: 1, ppid: 0, rss: 100 },
    { pid: 10, ppid: 1, rss: 5 },
    { pid: 11, ppid: 10, rss: 7 },
    { pid: 12, ppid: 10, rss: 11 },
    { pid: 20, ppid: 1, rss: 1000 },
  ];

  it('sums the root and every descendant, and nothing else', () => {
    expect([...descendants(processes, 10)].sort()).toEqual([10, 11, 12]);
    expect(treeRss(processes, 10)).toEqual({ bytes: 23, processes: 3 });
  });

  it('sees this test process and its memory in the real /proc', () => {
    const own = treeRss(readProcesses(), process.pid);
    expect(own.processes).toBeGreaterThanOrEqual(1);
    expect(own.bytes).toBeGreaterThan(10_000_000);
  });
});

describe('treePss', () => {
  const rollup = (kB: number) => `00400000-7ffd [rollup]\nRss:   ${kB * 2} kB\nPss:   ${kB} kB\nPss_Anon:  1 kB\n`;

  it('sums the PSS of the processes, skipping ones that ended meanwhile', () => {
    const gone = Object.assign(new Error('gone'), { code: 'ENOENT' });
    const read = (pid: number) => {
      if (pid === 3) throw gone;
      return rollup(pid * 100);
    };
    expect(treePss([1, 2, 3], read)).toBe(300 * 1024);
  });

  it('says it cannot tell when the system reports no PSS', () => {
    expect(parsePss('Rss: 5 kB\n')).toBeUndefined();
    expect(treePss([1], () => 'Rss: 5 kB\n')).toBeUndefined();
  });

  it('reads this test process in the real /proc', () => {
    expect(treePss([process.pid])).toBeGreaterThan(10_000_000);
  });
});

describe('PeakTracker', () => {
  const GB = 1e9;
  const options = { pssIntervalMs: 1000, fastUntilMs: 2000 };

  it('does not count a forked child twice: the peak is what PSS says', () => {
    const tracker = new PeakTracker(options);
    tracker.observe(3000, 7.5 * GB, 3, () => 7.4 * GB);
    // A sample between fork and exec: the child maps the parent's 7.5 GB.
    tracker.observe(4500, 15 * GB, 4, () => 7.45 * GB);
    expect(tracker.peakBytes).toBe(7.45 * GB);
    expect(tracker.peakAtMs).toBe(4500);
  });

  it('measures PSS only when RSS says a new peak is possible, at most once a second after the start', () => {
    const tracker = new PeakTracker(options);
    let readings = 0;
    const pss = (bytes: number) => () => {
      readings += 1;
      return bytes;
    };
    tracker.observe(100, 1 * GB, 1, pss(0.9 * GB));
    tracker.observe(200, 1.2 * GB, 1, pss(1.1 * GB)); // still in the first two seconds: read
    tracker.observe(2500, 1.0 * GB, 1, pss(0.9 * GB)); // below the peak: not read
    tracker.observe(2600, 2 * GB, 1, pss(1.9 * GB));
    tracker.observe(2700, 3 * GB, 1, pss(2.9 * GB)); // 100 ms after the last reading: not read
    tracker.observe(3700, 3 * GB, 1, pss(2.9 * GB));
    expect(readings).toBe(4);
    expect(tracker.peakBytes).toBe(2.9 * GB);
  });

  it('falls back to RSS where PSS cannot be read', () => {
    const tracker = new PeakTracker(options);
    tracker.observe(3000, 2 * GB, 2, () => undefined);
    tracker.observe(3100, 3 * GB, 2, () => undefined);
    expect(tracker.peakBytes).toBe(3 * GB);
  });
});
