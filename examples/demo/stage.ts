import type { AwsClients } from '../../lib/aws/clients';
import type { Inventory } from '../../scanner';
import type { Deployment } from './deployment';
import type { DeliveredFindings } from './respond';
import type { PlantedIncident } from './incident';
import type { SetAsidePolicy } from './evidence-policy';

/** What every stage of the demo gets. */
export interface DemoContext {
  readonly aws: AwsClients;
  /** A folder of this run's own for the reports it writes, kept after the run. */
  readonly workFolder: string;
  /** Progress and explanations (stderr, so stdout stays the report). */
  readonly say: (text: string) => void;
  /** Aborted on Ctrl-C: stages pass it on to what they start. */
  readonly signal: AbortSignal;
  /** Whether the console output may use colour. */
  readonly colour: boolean;
  /** The emulator's endpoint and the environment that points the SDK and terraform at it. */
  readonly emulator: { readonly endpoint: string; readonly env: Readonly<Record<string, string>> };
  /** What the scan collected, for `--save-inventory`. */
  inventory?: Inventory;
  /** The complete example as deployed (stage 1), for the stages that read or change it. */
  deployment?: Deployment;
  /** The compromised instance and the leaked key (stage 3). */
  incident?: PlantedIncident;
  /** What the deployed handlers did with the findings (stage 4). */
  responses?: DeliveredFindings;
  /** The evidence bucket's policy while it is set aside on the emulator (stages 4 to 6). */
  setAsidePolicy?: SetAsidePolicy;
}

/** One step of the guided run. */
export interface DemoStage {
  /** A few words, printed as the stage's heading. */
  readonly title: string;
  /** What the stage shows a newcomer, printed after it ran. */
  readonly proves: string;
  readonly run: (context: DemoContext) => Promise<void>;
}

/**
 * Runs the stages up to `lastStage` (1-based) in order, each under a heading, and prints what
 * it proved and how long it took. Stops before the next stage once `signal` is aborted.
 */
export async function runStages(
  stages: readonly DemoStage[],
  lastStage: number,
  context: DemoContext,
  now: () => number = () => performance.now(),
): Promise<void> {
  for (const [index, stage] of stages.slice(0, lastStage).entries()) {
    context.signal.throwIfAborted();
    context.say(`\n== Stage ${index + 1}/${stages.length}: ${stage.title} ==`);
    const started = now();
    await stage.run(context);
    const seconds = ((now() - started) / 1000).toFixed(1);
    context.say(`-- Stage ${index + 1} took ${seconds} s. It proves: ${stage.proves}`);
  }
}
