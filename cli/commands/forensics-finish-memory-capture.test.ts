import { memoryIO } from '../../test/helpers/memory-io';
import { main } from '../main';

describe('pyjamas forensics finish-memory-capture', () => {
  test.each([
    [['--case', 'IR-7'], /is not an EC2 instance id/],
    [['--case', 'IR-7', '--instance', 'web-1'], /"web-1" is not an EC2 instance id/],
    [
      ['--case', 'IR-7', '--instance', 'i-0123456789abcdef0', '--upload-timeout', '60'],
      /--upload-timeout takes a whole number from 300 to 43200, got "60"/,
    ],
  ])('refuses %j with exit 2 before any AWS call', async (argv, message) => {
    const io = memoryIO();
    expect(await main(['forensics', 'finish-memory-capture', ...argv], io)).toBe(2);
    expect(io.err()).toMatch(message);
  });
});
