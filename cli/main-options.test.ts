import { memoryIO } from '../test/helpers/memory-io';
import type { CommandInput } from './commands';
import { main } from './main';

// The scan command is replaced so that what commander hands it can be read: this proves the
// wiring from argv through the option parsers to the command, not the parsers alone.
const received: CommandInput[] = [];
jest.mock('./commands/scan', () => ({
  run: (input: CommandInput) => {
    received.push(input);
    return Promise.resolve(0);
  },
}));

beforeEach(() => {
  received.length = 0;
});

describe('options reaching a command', () => {
  test('repeated and comma-separated region lists arrive as one list, in order', async () => {
    const io = memoryIO();
    const argv = ['scan', '--regions', 'us-east-1, eu-west-1', '--regions', 'eu-west-2'];
    expect(await main(argv, io)).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]?.options.regions).toEqual(['us-east-1', 'eu-west-1', 'eu-west-2']);
  });

  test('excluded regions combine the same way', async () => {
    const io = memoryIO();
    const argv = ['scan', '--excluded-regions', 'ap-east-1', '--excluded-regions', 'me-south-1'];
    expect(await main(argv, io)).toBe(0);
    expect(received[0]?.options.excludedRegions).toEqual(['ap-east-1', 'me-south-1']);
  });

  test('a bad region in any repetition stops before the command runs', async () => {
    const io = memoryIO();
    const argv = ['scan', '--regions', 'us-east-1', '--regions', 'eu-west-1,nowhere'];
    expect(await main(argv, io)).toBe(2);
    expect(io.err()).toMatch(/"nowhere" is not a region name/);
    expect(received).toHaveLength(0);
  });
});
