import type { ScanReport } from './report';

/**
 * The report as pretty JSON (the same text `JSON.stringify(report, null, 2)` gives), in pieces:
 * one finding at a time, so writing a report of a large account never holds the whole text.
 */
export function* jsonReportChunks(report: ScanReport): Generator<string> {
  const entries = Object.entries(report);
  yield '{\n';
  for (const [index, [key, value]] of entries.entries()) {
    const separator = index < entries.length - 1 ? ',\n' : '\n';
    if (key === 'findings' && Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [position, finding] of value.entries()) {
        yield `${indent(JSON.stringify(finding, null, 2), '    ')}${position < value.length - 1 ? ',\n' : '\n'}`;
      }
      yield `  ]${separator}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ').trimStart()}${separator}`;
    }
  }
  yield '}\n';
}

/** Prefixes every line; one pass over the text, where splitting would allocate every line twice. */
function indent(text: string, prefix: string): string {
  return `${prefix}${text.replaceAll('\n', `\n${prefix}`)}`;
}
