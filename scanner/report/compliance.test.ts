import type { ComplianceFramework } from '../compliance';
import type { Finding } from '../model/finding';
import { formatComplianceResult, judgeFramework } from './compliance';

const framework: ComplianceFramework = {
  id: 'test-1.0',
  name: 'Test Benchmark',
  version: '1.0.0',
  url: 'https://example.com',
  controls: [
    {
      id: '1',
      title: 'Failing',
      section: '1 A',
      level: 1,
      assessment: 'automated',
      checks: ['a', 'b'],
    },
    { id: '2', title: 'Passing', section: '1 A', level: 1, assessment: 'automated', checks: ['b'] },
    {
      id: '3',
      title: 'Unjudgeable',
      section: '1 A',
      level: 2,
      assessment: 'automated',
      checks: ['c'],
    },
    { id: '4', title: 'Nobody checks', section: '2 B', level: 2, assessment: 'manual', checks: [] },
    {
      id: '5',
      title: 'Out of scope',
      section: '2 B',
      level: 1,
      assessment: 'automated',
      checks: ['d'],
    },
    {
      id: '6',
      title: 'Accepted',
      section: '2 B',
      level: 1,
      assessment: 'automated',
      checks: ['e'],
    },
  ],
};

const finding = (checkId: string, status: Finding['status'], muted = false) =>
  ({ checkId, status, muted }) as Finding;

describe('judgeFramework', () => {
  const result = judgeFramework(framework, [
    finding('a', 'FAIL'),
    finding('a', 'PASS'),
    finding('b', 'PASS'),
    finding('c', 'ERROR'),
    finding('c', 'PASS'),
    finding('d', 'NOT_APPLICABLE'),
    finding('e', 'FAIL', true),
  ]);

  test('gives each control the worst verdict of its checks, MANUAL where no check evaluates it', () => {
    expect(result.controls.map((control) => [control.id, control.status])).toEqual([
      ['1', 'FAIL'],
      ['2', 'PASS'],
      ['3', 'ERROR'],
      ['4', 'MANUAL'],
      ['5', 'NOT_APPLICABLE'],
      ['6', 'PASS'],
    ]);
  });

  test('scores the controls judged PASS or FAIL only', () => {
    expect(result.score).toBeCloseTo(2 / 3);
  });

  test('prints one row per control with the score', () => {
    const text = formatComplianceResult(result);
    expect(text).toMatch(/^Test Benchmark v1\.0\.0 \(test-1\.0\): 67% of judged controls pass/);
    expect(text).toMatch(/\n {2}4 {2}MANUAL +L2 {2}Nobody checks\n/);
  });
});
