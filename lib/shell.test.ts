import { execFileSync } from 'node:child_process';
import { shellQuote } from './shell';

describe('shellQuote', () => {
  test.each(['plain', "it's", '$(rm -rf /) `x` "y" ; z', ''])(
    'passes %p through sh as one literal word',
    (value) => {
      expect(
        execFileSync('sh', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' }),
      ).toBe(value);
    },
  );
});
