import type { AwsClients } from '../../lib/aws/clients';
import { runStages, type DemoContext, type DemoStage } from './stage';

function context(signal = new AbortController().signal): DemoContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    aws: {} as AwsClients,
    workFolder: '/tmp/unused',
    say: (text) => lines.push(text),
    signal,
    colour: false,
    emulator: { endpoint: 'http://127.0.0.1:1', env: {} },
    lines,
  };
}

const stage = (title: string, ran: string[]): DemoStage => ({
  title,
  proves: `${title} works`,
  run: () => {
    ran.push(title);
    return Promise.resolve();
  },
});

describe('runStages', () => {
  test('runs the stages up to the one asked, saying what each proves and how long it took', async () => {
    const ran: string[] = [];
    const ctx = context();
    const ticks = [0, 1500, 2000, 2300];
    await runStages(
      [stage('a', ran), stage('b', ran), stage('c', ran)],
      2,
      ctx,
      () => ticks.shift() ?? 0,
    );

    expect(ran).toEqual(['a', 'b']);
    expect(ctx.lines).toEqual([
      '\n== Stage 1/3: a ==',
      '-- Stage 1 took 1.5 s. It proves: a works',
      '\n== Stage 2/3: b ==',
      '-- Stage 2 took 0.3 s. It proves: b works',
    ]);
  });

  test('starts no stage once interrupted', async () => {
    const ran: string[] = [];
    const interrupted = new AbortController();
    interrupted.abort();

    await expect(runStages([stage('a', ran)], 1, context(interrupted.signal))).rejects.toThrow();
    expect(ran).toEqual([]);
  });
});
