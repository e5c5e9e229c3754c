import type { SdkClient, SdkClientClass } from '../../lib/aws/clients';
import type { StepInput, StepOutput, StepRunner } from './step';

/** What every SDK answer carries. */
export interface SdkAnswer {
  readonly $metadata?: { readonly requestId?: string };
}

/** The request id of an answer, and the parts of it later steps or the record need. */
export function answered(answer: SdkAnswer, output?: StepOutput['output']): StepOutput {
  return {
    ...(answer.$metadata?.requestId ? { requestId: answer.$metadata.requestId } : {}),
    ...(output ? { output } : {}),
  };
}

/**
 * A runner that sends the step's input, unchanged, as one SDK command with the client of the
 * step's region. `pick` keeps the parts of the answer later steps refer to.
 */
export function sdkRunner<C extends SdkClient, A extends SdkAnswer>(
  ClientClass: SdkClientClass<C>,
  CommandClass: new (input: never) => unknown,
  pick?: (answer: A) => StepOutput['output'],
): StepRunner {
  return async (aws, region, input: StepInput) => {
    const client = aws.get(ClientClass, region) as unknown as {
      send(command: unknown): Promise<A>;
    };
    const answer = await client.send(new CommandClass(input as never));
    return answered(answer, pick?.(answer));
  };
}
