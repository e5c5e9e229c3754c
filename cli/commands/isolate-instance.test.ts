import { memoryIO } from '../../test/helpers/memory-io';
import { main } from '../main';

describe('pyjamas isolate-instance', () => {
  test('refuses --stop with --capture-memory with exit 2 before any AWS call, naming the order that works', async () => {
    const io = memoryIO();
    const code = await main(
      [
        'isolate-instance',
        'i-0123456789abcdef0',
        '--case',
        'IR-7',
        '--stop',
        '--capture-memory',
        '--yes',
        '--region',
        'us-east-1',
      ],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toMatch(
      /--stop and --capture-memory exclude each other: .*finish-memory-capture --case IR-7 --instance i-0123456789abcdef0, then isolate-instance --stop/,
    );
  });
});
