import { systemClock } from '../../lib/clock';
import { validateCaseId } from '../../responders/core/case-id';
import { MEMORY_PATH_MINUTES } from '../../responders/forensic-workstation/plan';
import { memoryPathResponder } from '../../responders/forensic-workstation/responder';
import type { CommandInput } from '../commands';
import type { CliIO } from '../io';
import { wholeNumber } from './isolate-instance';
import { runResponse, withResponseSession, type ResponseFlags } from '../response';

interface PathFlags extends ResponseFlags {
  readonly case?: string;
  readonly minutes?: string;
  readonly port?: string;
}

async function respondToPath(input: CommandInput, io: CliIO, open: boolean): Promise<number> {
  const flags = input.options as unknown as PathFlags;
  const caseId = validateCaseId(flags.case);
  const opening = open
    ? {
        minutes: wholeNumber('--minutes', flags.minutes ?? String(MEMORY_PATH_MINUTES.default), 1, MEMORY_PATH_MINUTES.max),
        port: wholeNumber('--port', flags.port ?? '22', 1, 65_535),
        now: systemClock.now(),
      }
    : undefined;
  return withResponseSession(flags, io, (session) => runResponse(io, flags, session, memoryPathResponder(session.aws, { region: session.region, caseId }, opening)));
}

/** `forensics open-memory-path`: the forensic group may reach the case's isolated instances for a bounded time. */
export const openMemoryPath = { run: (input: CommandInput, io: CliIO) => respondToPath(input, io, true) };

/** `forensics close-memory-path`: revokes every rule of the case's memory path. */
export const closeMemoryPath = { run: (input: CommandInput, io: CliIO) => respondToPath(input, io, false) };
