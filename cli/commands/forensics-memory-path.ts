import { systemClock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import { validateCaseId } from '../../responders/core/case-id';
import { MEMORY_PATH_MINUTES } from '../../responders/forensic-workstation/plan';
import { memoryPathResponder } from '../../responders/forensic-workstation/responder';
import type { CommandInput } from '../commands';
import { EXIT, type CliIO } from '../io';
import {
  runResponse,
  withResponseSession,
  type ResponseFlags,
  type ResponseSession,
} from '../response';
import { wholeNumber } from './isolate-instance';

/** Options of the memory-path commands, as commander parses them. */
interface PathFlags extends ResponseFlags {
  readonly case?: string;
  readonly minutes?: string;
  readonly port?: string;
  readonly detach?: boolean;
}

/** Shortest path commander accepts, in minutes: long enough for one capture to start. */
const MIN_MINUTES = 0.1;

/**
 * `forensics open-memory-path`: lets the forensic group in through a security group of the case's
 * own on the case's interfaces and, unless `--detach`, keeps the path open for `--minutes` and
 * then closes it (earlier on Ctrl-C), recording both. AWS has no expiring security group, so the
 * bound is kept by this process; with `--detach` it is only written in the group's tags and the
 * record, and `close-memory-path` must be run by then.
 */
export const openMemoryPath = {
  async run(input: CommandInput, io: CliIO): Promise<number> {
    const flags = input.options as unknown as PathFlags;
    const caseId = validateCaseId(flags.case);
    const minutes = parseMinutes(flags.minutes);
    const port = wholeNumber('--port', flags.port ?? '22', 1, 65_535);
    return withResponseSession(flags, io, async (session) => {
      const opened = await runResponse(
        io,
        flags,
        session,
        memoryPathResponder(
          session.aws,
          { region: session.region, caseId },
          { minutes, port, now: systemClock.now() },
        ),
      );
      if (opened !== EXIT.ok || flags.dryRun || flags.detach) return opened;
      const closeAt = new Date(systemClock.now().getTime() + minutes * 60_000);
      io.stderr.write(
        `The memory path stays open until ${closeAt.toISOString()}; Ctrl-C closes it now.\n`,
      );
      await holdUntil(closeAt);
      io.stderr.write('Closing the memory path.\n');
      return close(io, { ...flags, yes: true }, session, caseId);
    });
  },
};

/** `forensics close-memory-path`: removes the case's path group and the forensic group's rule to it. */
export const closeMemoryPath = {
  async run(input: CommandInput, io: CliIO): Promise<number> {
    const flags = input.options as unknown as PathFlags;
    const caseId = validateCaseId(flags.case);
    return withResponseSession(flags, io, (session) => close(io, flags, session, caseId));
  },
};

function close(
  io: CliIO,
  flags: PathFlags,
  session: ResponseSession,
  caseId: string,
): Promise<number> {
  return runResponse(
    io,
    flags,
    session,
    memoryPathResponder(session.aws, { region: session.region, caseId }, undefined),
  );
}

/** Resolves at `until`, or as soon as the process is interrupted (SIGINT, SIGTERM). */
export function holdUntil(
  until: Date,
  signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'],
): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      for (const signal of signals) process.off(signal, finish);
      resolve();
    };
    const timer = setTimeout(finish, Math.max(0, until.getTime() - Date.now()));
    for (const signal of signals) process.once(signal, finish);
  });
}

function parseMinutes(text: string | undefined): number {
  const minutes = Number(text ?? MEMORY_PATH_MINUTES.default);
  if (!Number.isFinite(minutes) || minutes < MIN_MINUTES || minutes > MEMORY_PATH_MINUTES.max) {
    throw new UsageError(
      `--minutes takes a number from ${MIN_MINUTES} to ${MEMORY_PATH_MINUTES.max}, got ${JSON.stringify(text)}`,
    );
  }
  return minutes;
}
