/** The scanner's public API: collect an account once, judge it with pure checks, report. */
export { ALL_CHECKS } from './checks';
export { FRAMEWORKS, complianceIndex } from './compliance';
export type { ComplianceControl, ComplianceFramework } from './compliance';
export { collectInventory } from './collect/collect';
export { loadInventory, parseInventory, saveInventory } from './inventory-file';
export type { Check, CheckContext, ScanConfig } from './model/check';
export { DEFAULT_SCAN_CONFIG } from './model/check';
export type { Finding, Severity, Status } from './model/finding';
export type { Inventory } from './model/inventory';
export { matchMuteRule, parseMutelist } from './mutelist';
export type { Mutelist, MuteRule } from './mutelist';
export { REPORT_SCHEMA_VERSION, buildReport, exitCodeOf } from './report/report';
export type { ScanReport } from './report/report';
export { formatConsoleReport } from './report/console';
export { runChecks } from './run';
export { collectForChecks, evaluateInventory, selectChecks, slicesNeededBy } from './scan';
