import type { AwsClients } from '../../lib/aws/clients';
import type { Responder } from '../core/respond';
import type { AttachDescription, MemoryPathDescription } from './description';
import { ATTACH_RESPONDER, MEMORY_PATH_RESPONDER, planAttach, planCloseMemoryPath, planOpenMemoryPath } from './plan';
import { describeAttach, describeMemoryPath } from './read';
import { FORENSIC_RUNNERS } from './steps';
import { checkAttached, checkMemoryPath } from './verify';

/** `forensics attach`: copies of the case's snapshots on the workstation. */
export function attachResponder(aws: AwsClients, request: Parameters<typeof describeAttach>[1]): Responder<AttachDescription> {
  return {
    name: ATTACH_RESPONDER,
    describe: () => describeAttach(aws, request),
    plan: planAttach,
    runners: FORENSIC_RUNNERS,
    verify: async () => checkAttached(await describeAttach(aws, request)),
    artifacts: (description) => [{ name: 'workstation-before.json', body: `${JSON.stringify(description, null, 2)}\n`, contentType: 'application/json' }],
  };
}

/** `forensics open-memory-path` (with `open`) and `close-memory-path`. */
export function memoryPathResponder(
  aws: AwsClients,
  request: Parameters<typeof describeMemoryPath>[1],
  open: { readonly minutes: number; readonly port: number; readonly now: Date } | undefined,
): Responder<MemoryPathDescription> {
  return {
    name: MEMORY_PATH_RESPONDER,
    describe: () => describeMemoryPath(aws, request),
    plan: (description) => (open ? planOpenMemoryPath(description, open) : planCloseMemoryPath(description)),
    runners: FORENSIC_RUNNERS,
    verify: async () => checkMemoryPath(await describeMemoryPath(aws, request), !!open),
    artifacts: (description) => [{ name: 'memory-path-before.json', body: `${JSON.stringify(description, null, 2)}\n`, contentType: 'application/json' }],
  };
}
