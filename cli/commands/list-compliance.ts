import { FRAMEWORKS } from '../../scanner';
import type { CommandInput } from '../commands';
import { EXIT, type CliIO } from '../io';

/** Prints every framework `scan --compliance` accepts: id, version, controls and how many are automated. */
export function run(input: CommandInput, io: CliIO): Promise<number> {
  const rows = FRAMEWORKS.map((framework) => ({
    id: framework.id,
    name: framework.name,
    version: framework.version,
    url: framework.url,
    controls: framework.controls.length,
    automated: framework.controls.filter((control) => control.assessment === 'automated').length,
    evaluated: framework.controls.filter((control) => control.checks.length > 0).length,
  }));
  if (input.options.output === 'json') {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return Promise.resolve(EXIT.ok);
  }
  const width = Math.max(...rows.map((row) => row.id.length));
  io.stdout.write(`${'ID'.padEnd(width)}  VERSION  CONTROLS  AUTOMATED  EVALUATED  NAME\n`);
  for (const row of rows) {
    io.stdout.write(
      `${row.id.padEnd(width)}  ${row.version.padEnd(7)}  ${String(row.controls).padStart(8)}  ${String(row.automated).padStart(9)}  ${String(row.evaluated).padStart(9)}  ${row.name}\n`,
    );
  }
  io.stdout.write(`\nFull control texts: ${FRAMEWORKS[0]?.url ?? ''}\n`);
  return Promise.resolve(EXIT.ok);
}
