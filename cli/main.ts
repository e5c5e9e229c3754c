#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { apiCallOf } from '../lib/aws/clients';
import { describeAwsError } from '../lib/aws/errors';
import { CredentialsError, UsageError } from '../lib/errors';
import { COMMANDS } from './commands';
import { EXIT, processIO, type CliIO } from './io';
import { TOOL_VERSION } from '../lib/version';

/**
 * Runs `pyjamas` with `argv` (without the node and script paths) and returns the exit code:
 * 0 clean, 1 failed findings or failed response, 2 could not run.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('pyjamas')
    .description(
      'Incident response and forensics for AWS: scan readiness, isolate instances, revoke keys, keep evidence.',
    )
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError('(run pyjamas --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  for (const spec of COMMANDS) {
    const command = subcommand(program, spec.name).summary(spec.summary).description(spec.summary);
    for (const argument of spec.arguments ?? []) {
      command.argument(
        argument.required ? `<${argument.name}>` : `[${argument.name}]`,
        argument.description,
      );
    }
    for (const option of spec.options) {
      const built = new Option(option.flags, option.description);
      if (option.choices) built.choices(option.choices);
      if (option.parse) built.argParser(option.parse);
      if (option.defaultValue !== undefined) built.default(option.defaultValue);
      command.addOption(built);
    }
    command.action(async (...received: unknown[]) => {
      const self = received[received.length - 1] as Command;
      const module = await spec.load();
      exitCode = await module.run(
        {
          args: self.processedArgs.filter((arg) => arg !== undefined) as string[],
          options: self.opts(),
        },
        io,
      );
    });
  }

  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.couldNotRun;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    return report(error, io);
  }
  return exitCode;
}

/** `forensics attach` becomes command `attach` under a `forensics` group. */
function subcommand(program: Command, name: string): Command {
  const words = name.split(' ');
  const last = words.pop() as string;
  let parent = program;
  for (const word of words) {
    parent =
      parent.commands.find((existing) => existing.name() === word) ??
      parent.command(word).description(`${word} commands`);
  }
  return parent.command(last);
}

function report(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT.ok : EXIT.couldNotRun;
  }
  if (error instanceof UsageError || error instanceof CredentialsError) {
    io.stderr.write(`pyjamas: ${error.message}\n`);
    return EXIT.couldNotRun;
  }
  // Responders never throw once a step was sent (respond records every later failure), so an
  // AWS error that reaches here stopped the command before it changed anything.
  if (apiCallOf(error) || isSdkError(error)) {
    io.stderr.write(`pyjamas: could not run, nothing was changed: ${describeAwsError(error)}\n`);
    return EXIT.couldNotRun;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`pyjamas: unexpected error: ${message}\n`);
  if (io.env.PYJAMAS_DEBUG && error instanceof Error && error.stack)
    io.stderr.write(`${error.stack}\n`);
  return EXIT.couldNotRun;
}

/** An error from the AWS SDK: it carries the response metadata of the call. */
function isSdkError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$metadata' in error;
}

if (require.main === module) {
  // Node 20 is supported until the SDK drops it; its notice on every run is noise for users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  void main(process.argv.slice(2), processIO()).then((code) => {
    process.exitCode = code;
  });
}
