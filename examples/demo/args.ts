import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { UsageError } from '../../lib/errors';

/** What `npm start -- <options>` asked for. */
export interface DemoOptions {
  /** Run the stages up to and including this one (1-based). */
  readonly stage: number;
  /** Leave moto_server running at the end and print how to point the CLI at it. */
  readonly keep: boolean;
  /** Where to save the collected inventory (that is how the saved inventory is made). */
  readonly saveInventory?: string;
}

/**
 * Parses the demo's arguments with commander, as the CLI does.
 *
 * @param stageCount - how many stages the demo has, the default and the highest `--stage`
 * @returns the options, or undefined when `--help` was asked for (the help is printed)
 * @throws UsageError naming the bad option and what it accepts
 */
export function parseDemoArgs(
  argv: readonly string[],
  stageCount: number,
): DemoOptions | undefined {
  const program = new Command('npm start --')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined })
    .option(
      '--stage <n>',
      `run the stages up to this one (1-${stageCount})`,
      (value: string) => {
        const stage = Number(value);
        if (!Number.isInteger(stage) || stage < 1 || stage > stageCount) {
          throw new InvalidArgumentError(`use a whole number from 1 to ${stageCount}`);
        }
        return stage;
      },
      stageCount,
    )
    .option('--keep', 'leave moto_server running and print its endpoint', false)
    .option('--save-inventory <file>', 'save the collected inventory to this file');
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed')
      return undefined;
    if (error instanceof CommanderError) {
      throw new UsageError(`${error.message.replace(/^error: /, '')} (see npm start -- --help)`);
    }
    throw error;
  }
  const options = program.opts<{ stage: number; keep: boolean; saveInventory?: string }>();
  return {
    stage: options.stage,
    keep: options.keep,
    ...(options.saveInventory ? { saveInventory: options.saveInventory } : {}),
  };
}
