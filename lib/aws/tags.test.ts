import { tagRecord } from './tags';

describe('tagRecord', () => {
  test('maps keys to values, a missing value to the empty string, and leaves keyless tags out', () => {
    expect(
      tagRecord([{ Key: 'pyjamas:case', Value: 'IR-42' }, { Key: 'empty' }, { Value: 'orphan' }]),
    ).toEqual({ 'pyjamas:case': 'IR-42', empty: '' });
  });

  test('gives an empty record for no tags', () => {
    expect(tagRecord(undefined)).toEqual({});
  });
});
