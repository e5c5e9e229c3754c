import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CHECKS, FRAMEWORKS } from '../../scanner';
import { ROOT } from './source-files';

const COLUMNS = ['cis-aws-5.0', 'cis-aws-6.0', 'cis-aws-7.0'] as const;

/** README's checks table, as the registry and the mappings give it. */
function checksTable(): string {
  const controlsOf = (framework: string, checkId: string) =>
    FRAMEWORKS.find((candidate) => candidate.id === framework)
      ?.controls.filter((control) => control.checks.includes(checkId))
      .map((control) => control.id)
      .join(', ') || '—';
  return [
    '| check | severity | CIS v5.0 | v6.0 | v7.0 / v7.1 |',
    '|---|---|---|---|---|',
    ...ALL_CHECKS.map(
      (check) =>
        `| \`${check.id}\` | ${check.severity} | ${COLUMNS.map((framework) => controlsOf(framework, check.id)).join(' | ')} |`,
    ),
  ].join('\n');
}

describe('README', () => {
  test('lists every check with its CIS controls, as the registry and mappings say', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(checksTable());
  });
});
