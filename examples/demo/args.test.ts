import { UsageError } from '../../lib/errors';
import { parseDemoArgs } from './args';

describe('parseDemoArgs', () => {
  test('runs every stage and stops moto when nothing is asked', () => {
    expect(parseDemoArgs([], 2)).toEqual({ stage: 2, keep: false });
  });

  test('reads --stage, --keep and --save-inventory', () => {
    expect(parseDemoArgs(['--stage', '1', '--keep', '--save-inventory', 'inv.json'], 2)).toEqual({
      stage: 1,
      keep: true,
      saveInventory: 'inv.json',
    });
  });

  test.each(['0', '3', '1.5', 'two'])('refuses --stage %s naming the range', (value) => {
    expect(() => parseDemoArgs(['--stage', value], 2)).toThrow(UsageError);
    expect(() => parseDemoArgs(['--stage', value], 2)).toThrow(/from 1 to 2/);
  });

  test('refuses an unknown option with where to look', () => {
    expect(() => parseDemoArgs(['--fast'], 2)).toThrow(/unknown option '--fast'.*--help/);
  });
});
