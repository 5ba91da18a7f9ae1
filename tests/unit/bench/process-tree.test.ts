import { describe, expect, it } from 'vitest';
import { descendants, parseStat, readProcesses, treeRss } from '../../../scripts/bench/process-tree';

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
