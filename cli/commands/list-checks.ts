import { ALL_CHECKS, complianceIndex } from '../../scanner';
import type { CommandInput } from '../commands';
import { EXIT, type CliIO } from '../io';

/** Prints every check: id, severity, service and title (and its CIS controls in JSON). */
export function run(input: CommandInput, io: CliIO): Promise<number> {
  return Promise.resolve(listChecks(input, io));
}

function listChecks(input: CommandInput, io: CliIO): number {
  const compliance = complianceIndex();
  if (input.options.output === 'json') {
    const checks = ALL_CHECKS.map((check) => ({
      id: check.id,
      severity: check.severity,
      service: check.service,
      title: check.title,
      compliance: compliance.get(check.id) ?? {},
    }));
    io.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...ALL_CHECKS.map((check) => check.id.length));
  io.stdout.write(
    `${'ID'.padEnd(width)}  ${'SEVERITY'.padEnd(13)}  ${'SERVICE'.padEnd(10)}  TITLE\n`,
  );
  for (const check of ALL_CHECKS) {
    io.stdout.write(
      `${check.id.padEnd(width)}  ${check.severity.padEnd(13)}  ${check.service.padEnd(10)}  ${check.title}\n`,
    );
  }
  io.stdout.write(`\n${ALL_CHECKS.length} checks\n`);
  return EXIT.ok;
}
