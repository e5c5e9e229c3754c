import { canPrincipal, requestOf } from '../../scanner/iam/query';
import type { CommandInput } from '../commands';
import { loadAnalysis, writeAnswers, type IamQueryFlags } from '../iam-query';
import { EXIT, type CliIO } from '../io';

/** `pyjamas iam can <principal-arn> <action> [resource-arn]`. */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const [principalArn = '', action = '', resource] = input.args;
  const flags = input.options as unknown as IamQueryFlags;
  const request = requestOf(action, resource);
  const analysis = await loadAnalysis(flags);
  const answer = canPrincipal(analysis, principalArn, request);
  writeAnswers(io, flags, [answer], answer);
  return EXIT.ok;
}
