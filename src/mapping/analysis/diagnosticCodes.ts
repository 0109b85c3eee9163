// Every diagnostic code the mapping analyzer reports, with what it means. The expression engine's syntax and semantic
// codes (parser.ts, check.ts) pass through unchanged; the rest are the document-level checks of this folder.
import type { SemanticDiagnosticCode, SyntaxDiagnosticCode } from '../expression';

export type AnalysisDiagnosticCode =
  | 'argument-type'
  | 'expression-too-long'
  | 'unknown-source-attribute'
  | 'unknown-target-attribute'
  | 'read-only-target'
  | 'duplicate-target'
  | 'duplicate-matching-priority'
  | 'no-matching-attribute'
  | 'matching-not-filterable'
  | 'email-without-fallback'
  | 'workplace-legacy-attribute'
  | 'select-unique-value-usage'
  | 'source-tree-mismatch'
  | 'unknown-function-source'
  | 'unknown-scope-operator'
  | 'scope-operand-count'
  | 'scope-attribute-unsupported'
  | 'scope-operator-type'
  | 'scope-invalid-regex'
  | 'unknown-directory'
  | 'unknown-object'
  | 'json-nesting-too-deep';

export type MappingDiagnosticCode = SyntaxDiagnosticCode | SemanticDiagnosticCode | AnalysisDiagnosticCode;

/** One line per code, for documentation and `lint --help`. */
export const DIAGNOSTIC_CODES: Readonly<Record<MappingDiagnosticCode, string>> = {
  // expression syntax (parser)
  'empty-expression': 'The expression is empty.',
  'unterminated-string': 'A string constant has no closing quote.',
  'unknown-escape': 'A backslash in a string constant is not \\" or \\\\ (regexes need doubled backslashes).',
  'unclosed-attribute': 'An attribute reference has no closing ].',
  'empty-attribute': 'An attribute reference is empty: [].',
  'missing-close-paren': 'A function call is not closed.',
  'missing-comma': 'Two arguments without a comma between them.',
  'missing-function-name': 'Parentheses without a function name (they do not group).',
  'expected-expression': 'A value is missing.',
  'unexpected-token': 'Text the grammar has no place for.',
  'unsupported-concatenation': "'&' concatenation exists only in Cloud Sync; use Join(\"\", a, b).",
  'chained-comparison': 'Comparisons cannot be chained; nest IIF().',
  'trailing-text': 'Text after the end of the expression.',
  'nesting-too-deep': 'Function calls nested deeper than the engine accepts.',
  // expression semantics (check.ts)
  'unknown-function': 'No such function.',
  'function-name-case': 'Function names are case-sensitive.',
  'wrong-argument-count': 'The function takes a different number of arguments.',
  'missing-argument': 'A required argument is left empty.',
  'bare-word': 'A bare word where an attribute [x] or a string "x" belongs.',
  'unknown-enum-value': 'A bare word that is not one of the parameter\'s values.',
  'cloud-sync-function': 'A Cloud Sync-only function app provisioning does not offer.',
  'not-top-level': 'SelectUniqueValue must be the whole expression.',
  'invalid-regex': 'The regular expression does not compile.',
  'invalid-date-format': 'The .NET date/time format or style is invalid.',
  'invalid-interval': 'Not a DateAdd/DateDiff interval.',
  // mapping documents (this folder)
  'argument-type': 'An argument of the wrong kind (text where a number, date, multi-valued attribute or condition is expected).',
  'expression-too-long': 'The expression is longer than the 10,000 characters the service accepts.',
  'unknown-source-attribute': 'The source object has no such attribute (names are case-sensitive).',
  'unknown-target-attribute': 'The target object has no such attribute.',
  'read-only-target': 'The target attribute is read-only (assigned by the app).',
  'duplicate-target': 'Two mappings of one object mapping write the same target attribute.',
  'duplicate-matching-priority': 'Two matching attributes share a matching precedence.',
  'no-matching-attribute': 'An object mapping has no matching attribute (matchingPriority > 0).',
  'matching-not-filterable': 'A matching attribute the target cannot filter on.',
  'email-without-fallback': 'An email target mapped from [mail] alone: users without a mailbox get no email.',
  'workplace-legacy-attribute': 'A Workplace SCIM 2.0 job maps a SCIM 1.0 attribute name.',
  'select-unique-value-usage': 'SelectUniqueValue on a matching attribute or outside "Only during object creation".',
  'source-tree-mismatch': 'The source\'s name/type/parameters disagree with its expression text.',
  'unknown-function-source': 'A Function source without an expression names no known function.',
  'unknown-scope-operator': 'A scoping clause operator Graph does not know.',
  'scope-operand-count': 'A unary operator with values, or a binary operator without.',
  'scope-attribute-unsupported': 'An attribute scoping filters cannot use (multi-valued, reference, date, appRoleAssignments, userType).',
  'scope-operator-type': 'An operator that does not apply to the attribute\'s type (IS TRUE on text, Greater_Than on a non-integer).',
  'scope-invalid-regex': 'A REGEX MATCH value that does not compile.',
  'unknown-directory': 'A rule names a directory the document does not declare.',
  'unknown-object': 'An object mapping names an object its directory does not declare.',
  'json-nesting-too-deep': 'JSON nested deeper than the analyzer reads.',
};
