// Language features of mapping documents as plain data with document offsets (see ./types): the VS Code adapters and
// the CLI's lint build on these. One MappingAnalyzer per open document.
export * from './types';
export { MappingAnalyzer } from './analyzer';
export { DIAGNOSTIC_CODES, type MappingDiagnosticCode } from './diagnosticCodes';
