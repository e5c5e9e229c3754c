import { requestOf, whoCan } from '../../scanner/iam/query';
import type { CommandInput } from '../commands';
import { loadAnalysis, writeAnswers, type IamQueryFlags } from '../iam-query';
import { EXIT, type CliIO } from '../io';

/** `pyjamas iam who-can <action> [resource-arn]`. */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const [action = '', resource] = input.args;
  const flags = input.options as unknown as IamQueryFlags;
  const request = requestOf(action, resource);
  const analysis = await loadAnalysis(flags);
  const answers = whoCan(analysis, request);
  writeAnswers(io, flags, answers, { request, principals: answers });
  if (flags.output !== 'json')
    io.stdout.write(
      `${answers.length} ${answers.length === 1 ? 'principal' : 'principals'} can.\n`,
    );
  return EXIT.ok;
}
