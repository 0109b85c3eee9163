// VS Code's own JSON language features run on mapping documents too: the `jsonValidation` contribution hands them our
// JSON Schema, so they already complete and explain every enum the schema lists (flowType, flowBehavior, source and
// attribute `type`, mutability, scoping operatorName, the object mapping's flowTypes), with the schema's
// markdownEnumDescriptions. The analyzer offers the same values for hosts without a JSON service; in VS Code both
// would show every value twice ("Always" from JSON, Always from us) and stack two hovers saying the same thing. So here
// our enum values and enum hovers give way wherever the schema already enumerates the property, and we keep what JSON
// cannot know: target and source attributes, object and directory names, functions, everything inside expressions.
import * as vscode from 'vscode';
import type { MappingCompletion, MappingHover } from '../../mapping/analysis/types';

/**
 * Properties whose values schemas/synchronization-schema.schema.json enumerates (`enum`, or `defaultSnippets` for
 * flowTypes). test/integration/mappingLanguage.test.ts checks that a flowType value is offered and explained once.
 */
const SCHEMA_ENUM_VALUE = /"(?:flowType|flowBehavior|type|mutability|operatorName|flowTypes)"\s*:\s*"?$/;

/** How far back the property key of a string value is looked for (`"operatorName"` plus generous white space). */
const LOOK_BEHIND = 64;

/**
 * True when `offset` is the start of a JSON string value (or of its content) of a schema-enumerated property. A plain
 * look-behind, not a parse: the analyzer reports these ranges exactly at the value, and an expression's own strings
 * are JSON-escaped (`\"`), so nothing inside an expression can match.
 */
function isSchemaEnumValueAt(document: vscode.TextDocument, offset: number): boolean {
  const from = Math.max(0, offset - LOOK_BEHIND);
  const before = document.getText(new vscode.Range(document.positionAt(from), document.positionAt(offset)));
  return SCHEMA_ENUM_VALUE.test(before);
}

const isValue = (completion: MappingCompletion): boolean => completion.kind === 'enumMember' || completion.kind === 'value';

/** `completions` without the values VS Code's JSON service already offers at the same place from our schema. */
export function withoutJsonSchemaValues(document: vscode.TextDocument, completions: MappingCompletion[]): MappingCompletion[] {
  // Functions, attributes, snippets are never in the schema; only literal values can overlap. The items of one request
  // share a few start offsets: look behind each once.
  const verdicts = new Map<number, boolean>();
  const overlaps = (start: number): boolean => {
    let verdict = verdicts.get(start);
    if (verdict === undefined) verdicts.set(start, (verdict = isSchemaEnumValueAt(document, start)));
    return verdict;
  };
  return completions.filter((completion) => !isValue(completion) || !overlaps(completion.start));
}

/** False for a hover on an enum value VS Code's JSON service already explains from the schema. */
export function hoverAddsToJsonSchema(document: vscode.TextDocument, hover: MappingHover): boolean {
  return !isSchemaEnumValueAt(document, hover.start);
}
