import { describe, expect, it } from 'vitest';
import { projectFiles } from '../../lib/newsroom-repo';
import { projectRoot } from '../../../tests/helpers/build-site';

describe('projectFiles', () => {
  it('lists what a clone of the project holds, without its content, which the corpus replaces, or the benchmark', async () => {
    const files = await projectFiles(projectRoot);
    expect(files).toContain('package.json');
    expect(files).toContain('astro.config.mjs');
    expect(files).toContain('.gitattributes');
    expect(files).toContain('scripts/build.ts');
    expect(files.filter((file) => file.startsWith('content/') || file.startsWith('bench/'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('node_modules/') || file.startsWith('dist/') || file.startsWith('.cache/'))).toEqual([]);
  });
});
