// The mapping-function catalogue served by GET .../schema/functions, and the positional parameter names the
// expression builder uses to key parse-tree nodes. Parameter names and types of the functions Graph's own example
// lists are exact (mapping-expressions.md §2.2 — note `Find`/`Replacement`/`switchValue`, not the doc's prose names);
// the other functions get camel-cased versions of the names the function reference uses (§4).
import type { AttributeMappingFunctionSchema, AttributeMappingParameterSchema } from '../../../graph/model';

type ParamType = AttributeMappingParameterSchema['type'];

function req(name: string, type: ParamType = 'String'): AttributeMappingParameterSchema {
  return { allowMultipleOccurrences: false, name, required: true, type };
}
function opt(name: string, type: ParamType = 'String'): AttributeMappingParameterSchema {
  return { allowMultipleOccurrences: false, name, required: false, type };
}
function many(name: string, required = true, type: ParamType = 'String'): AttributeMappingParameterSchema {
  return { allowMultipleOccurrences: true, name, required, type };
}
function fnSchema(name: string, ...parameters: AttributeMappingParameterSchema[]): AttributeMappingFunctionSchema {
  return { name, parameters };
}

/** Functions of the Entra app-provisioning expression language, alphabetical (documented 43 + the Graph-listed extras). */
export const MAPPING_FUNCTIONS: AttributeMappingFunctionSchema[] = [
  // Append, AppRoleAssignments, DefaultDomain, FormatDateTime, IsNothing, Join, Mid, Not, Prepend, Replace,
  // SingleAppRoleAssignment, Split, StripSpaces and Switch are exactly as in Graph's functions example (§2.2).
  fnSchema('Append', req('source'), req('suffix')),
  fnSchema('AppRoleAssignments', req('source')),
  fnSchema('AppRoleAssignmentsComplex', req('source')),
  fnSchema('AssertiveAppRoleAssignmentsComplex', req('source')),
  fnSchema('BitAnd', req('value1', 'Integer'), req('value2', 'Integer')),
  fnSchema('CBool', req('expression')),
  fnSchema('CDate', req('expression')),
  // Coalesce(source1, …, defaultValue): the trailing default can't be told apart positionally, so the builder keys
  // every argument `source`; the schema still documents the optional default.
  fnSchema('Coalesce', many('source'), opt('defaultValue')),
  fnSchema('ConvertToBase64', req('source')),
  fnSchema('ConvertToUTF8Hex', req('source')),
  fnSchema('Count', req('attribute')),
  fnSchema('CStr', req('value')),
  fnSchema('DateAdd', req('interval'), req('value', 'Integer'), req('dateTime')),
  fnSchema('DateDiff', req('interval'), req('date1'), req('date2')),
  fnSchema('DateFromNum', req('value', 'Integer')),
  fnSchema('DefaultDomain'),
  // Graph lists the 3-argument form (no dateTimeStyles) — mapping-expressions.md §2.2 / §9.1.
  fnSchema('FormatDateTime', req('source'), req('inputFormat'), req('outputFormat')),
  fnSchema('Guid'),
  fnSchema('IgnoreFlowIfNullOrEmpty', req('expression')),
  fnSchema('IIF', req('condition'), req('valueIfTrue'), req('valueIfFalse')),
  fnSchema('InStr', req('value1'), req('value2'), opt('start', 'Integer'), opt('compareType')),
  fnSchema('IsNothing', req('source', 'Boolean')),
  fnSchema('IsNull', req('expression')),
  fnSchema('IsNullOrEmpty', req('expression')),
  fnSchema('IsPresent', req('expression')),
  fnSchema('IsString', req('expression')),
  fnSchema('Item', req('attribute'), req('index', 'Integer')),
  fnSchema('Join', req('separator'), many('source')),
  fnSchema('Left', req('string'), req('numChars', 'Integer')),
  fnSchema('Mid', req('source'), req('start', 'Integer'), req('length', 'Integer')),
  fnSchema('NormalizeDiacritics', req('source')),
  fnSchema('Not', req('source', 'Boolean')),
  fnSchema('Now'),
  fnSchema('NumFromDate', req('value')),
  fnSchema('PCase', req('source'), opt('wordSeparators')),
  fnSchema('Prepend', req('prefix'), req('source')),
  fnSchema(
    'RandomString',
    req('length', 'Integer'),
    req('minimumNumbers', 'Integer'),
    req('minimumSpecialCharacters', 'Integer'),
    req('minimumCapital', 'Integer'),
    req('minimumLowerCase', 'Integer'),
    opt('charactersToAvoid'),
  ),
  fnSchema('Redact', req('source')),
  fnSchema('RemoveDuplicates', req('attribute')),
  fnSchema(
    'Replace',
    req('source'),
    opt('Find'),
    opt('RegularExpression'),
    opt('RegularExpressionGroupName'),
    opt('Replacement'),
    opt('ReplacementPropertyName'),
    opt('Template'),
  ),
  fnSchema('SelectUniqueValue', many('uniqueValueRule')),
  fnSchema('SingleAppRoleAssignment', req('source')),
  fnSchema('Split', req('source'), opt('delimiter')),
  fnSchema('StripSpaces', req('source')),
  fnSchema('Switch', req('source'), opt('defaultValue'), many('switchValue', false)),
  fnSchema('ToLower', req('source'), opt('culture')),
  fnSchema('ToUpper', req('source'), opt('culture')),
  fnSchema('Word', req('string'), req('wordNumber', 'Integer'), req('delimiters')),
];

/**
 * Functions that exist only in Cloud Sync (AD → Entra) expressions (mapping-expressions.md §5). Not offered by the
 * app-provisioning `functions` endpoint, kept here so tools can say "that's a Cloud Sync function" instead of "unknown".
 */
export const CLOUD_SYNC_ONLY_FUNCTIONS: readonly string[] = [
  'ConvertFromBase64',
  'Contains',
  'CRef',
  'DNComponent',
  'Error',
  'StringFromSid',
  'Trim',
];

const BY_NAME = new Map(MAPPING_FUNCTIONS.map((f) => [f.name, f]));

export function mappingFunction(name: string): AttributeMappingFunctionSchema | undefined {
  return BY_NAME.get(name);
}
