import type { AwsClients } from '../../lib/aws/clients';
import type { Responder } from '../core/respond';
import type { AttachDescription, LaunchDescription, MemoryPathDescription } from './description';
import {
  ATTACH_RESPONDER,
  LAUNCH_RESPONDER,
  MEMORY_PATH_RESPONDER,
  planAttach,
  planCloseMemoryPath,
  planLaunch,
  planOpenMemoryPath,
  type LaunchOptions,
} from './plan';
import { describeAttach, describeLaunch, describeMemoryPath } from './read';
import { FORENSIC_RUNNERS } from './runners';
import { checkAttached, checkLaunched, checkMemoryPath } from './verify';

/** `forensics attach`: copies of the case's snapshots on the workstation. */
export function attachResponder(
  aws: AwsClients,
  request: Parameters<typeof describeAttach>[1],
): Responder<AttachDescription> {
  return {
    name: ATTACH_RESPONDER,
    describe: () => describeAttach(aws, request),
    plan: planAttach,
    runners: FORENSIC_RUNNERS,
    verify: async () => checkAttached(await describeAttach(aws, request)),
    artifacts: (description) => [
      {
        name: 'workstation-before.json',
        body: `${JSON.stringify(description, null, 2)}\n`,
        contentType: 'application/json',
      },
    ],
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
    plan: (description) =>
      open ? planOpenMemoryPath(description, open) : planCloseMemoryPath(description),
    runners: FORENSIC_RUNNERS,
    verify: async () => checkMemoryPath(await describeMemoryPath(aws, request), !!open),
    artifacts: (description) => [
      {
        name: 'memory-path-before.json',
        body: `${JSON.stringify(description, null, 2)}\n`,
        contentType: 'application/json',
      },
    ],
  };
}

/** `forensics launch-workstation`: one running workstation for the case, from the template. */
export function launchResponder(
  aws: AwsClients,
  request: Parameters<typeof describeLaunch>[1],
  options: LaunchOptions,
): Responder<LaunchDescription> {
  return {
    name: LAUNCH_RESPONDER,
    describe: () => describeLaunch(aws, request),
    plan: (description) => planLaunch(description, options),
    runners: FORENSIC_RUNNERS,
    verify: async () => checkLaunched(await describeLaunch(aws, request)),
    artifacts: (description) => [
      {
        name: 'launch-before.json',
        body: `${JSON.stringify(description, null, 2)}\n`,
        contentType: 'application/json',
      },
    ],
  };
}
