import { applyDelta, compareControlIds, shiftSectionNumber } from './derive';
import type { ComplianceControl } from './framework';

function control(id: string, title = `Control ${id} title`): ComplianceControl {
  return {
    id,
    title,
    section: `${id.split('.')[0]} Section`,
    level: 1,
    assessment: 'manual',
    checks: [],
  };
}

describe('applyDelta', () => {
  const base = [control('1.1'), control('1.2'), control('1.3'), control('2.1')];

  test('renumbers, drops, rewords and adds controls, listed in the benchmark order', () => {
    const derived = applyDelta(base, {
      renumbered: { '1.1': '1.2', '1.3': '1.10' },
      removed: ['1.2'],
      changed: { '2.1': { title: 'Reworded 2.1 title', level: 2 } },
      added: [control('1.1.1'), control('2.2')],
    });
    expect(derived.map(({ id, title, level }) => [id, title, level])).toEqual([
      ['1.1.1', 'Control 1.1.1 title', 1],
      ['1.2', 'Control 1.1 title', 1],
      ['1.10', 'Control 1.3 title', 1],
      ['2.1', 'Reworded 2.1 title', 2],
      ['2.2', 'Control 2.2 title', 1],
    ]);
  });

  test('refuses a delta that names a control the base does not hold', () => {
    expect(() =>
      applyDelta(base, { renumbered: { '1.9': '1.8' }, removed: ['3.1'], changed: {}, added: [] }),
    ).toThrow('delta names controls not in the base: 1.9, 3.1');
  });
});

test('compareControlIds orders ids number by number, as a table of contents does', () => {
  expect(['2.10', '2.2', '2.1.6', '10.1', '2.1', '2.9'].sort(compareControlIds)).toEqual([
    '2.1',
    '2.1.6',
    '2.2',
    '2.9',
    '2.10',
    '10.1',
  ]);
});

test('shiftSectionNumber moves only the leading section number of an id or a section name', () => {
  expect(shiftSectionNumber('2.1.3', -1)).toBe('1.1.3');
  expect(shiftSectionNumber('10.2', -1)).toBe('9.2');
  expect(shiftSectionNumber('2 Identity and Access Management', 1)).toBe(
    '3 Identity and Access Management',
  );
});
