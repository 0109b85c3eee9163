// The catalogue of attribute-mapping functions: the single source of truth for the parser's consumers (completion,
// signature help, hover, lint), the evaluator (arity), the attributeMappingSource converter (parameter keys) and the
// sandbox's `GET .../schema/functions` (graphFunctionSchemas()).
//
// Facts: mapping-expressions.md §2.2 (Graph's parameter keys and types — `Find`/`Replacement`/`switchValue`, not the
// doc's prose names), §4 (the 43 documented functions, their prose parameter names, rules and examples), §5 (functions
// outside the 43). Parameter keys of functions Graph doesn't list are camel-cased prose names.
import type { AttributeMappingFunctionSchema, AttributeMappingParameterSchema } from '../../graph/model';

/** The parameter types Graph's functions endpoint uses. */
export type GraphParameterType = AttributeMappingParameterSchema['type'];

/**
 * What a parameter expects / a function returns, in the language's own terms (everything travels as strings).
 * 'Enum' parameters take bare words (`vbTextCompare`, `UTF8`); 'Condition' takes a comparison or Boolean.
 */
export type ValueKind =
  | 'String'
  | 'Integer'
  | 'Boolean'
  | 'DateTime'
  | 'MultiValued'
  | 'Enum'
  | 'Any'
  | 'AppRoleAssignments'
  | 'Condition';

/**
 * Where a function comes from: the app-provisioning function reference (the documented 43), Graph's functions
 * endpoint example only, the customize-attributes article only, or Cloud Sync's expression reference only (not part
 * of app provisioning: offered for recognition and evaluation, flagged by the semantic check).
 */
export type FunctionAvailability = 'documented' | 'graph' | 'customizeAttributes' | 'cloudSync';

export interface FunctionParameter {
  /** The Graph key: `parameters[].key` in an attributeMappingSource tree and the name the functions endpoint lists. */
  key: string;
  /** The name the function reference uses, for signature help and hover (`oldValue` for Replace's `Find`). */
  label: string;
  kind: ValueKind;
  /** Required per the function reference (drives arity checks). */
  required: boolean;
  /** Part of the trailing group that repeats (Join's sources, Switch's key/value pairs). */
  repeated: boolean;
  description: string;
  /**
   * The accepted values: bare words for kind Enum (`vbTextCompare`), string constants for a String parameter with a
   * fixed set (DateAdd's interval, written "d").
   */
  enumValues?: readonly string[];
  /** As Graph's functions endpoint lists it. */
  graphType: GraphParameterType;
  graphRequired: boolean;
}

export interface FunctionSignature {
  /** `Mid(source, start, length)` — prose names, `…` for repetition. */
  label: string;
  parameters: readonly FunctionParameter[];
  /** Fewest argument slots (omitted optional slots count). */
  minArgs: number;
  /** Most argument slots; undefined = unbounded. */
  maxArgs: number | undefined;
  /** Index of the first repeated parameter; from there on arguments cycle through the repeated group. */
  repeatFrom: number | undefined;
  /** How many parameters repeat together (2 for Switch's key/value). */
  repeatSize: number;
  /** The form Graph's functions endpoint lists (FormatDateTime: the 3-argument one). */
  listedByGraph: boolean;
}

export interface FunctionExample {
  expression: string;
  /** Source attributes the example assumes. */
  input?: Readonly<Record<string, string | readonly string[] | null>>;
  /** The printed result; a description in `note` when the result isn't a plain value. */
  output: string | readonly string[] | null;
  note?: string;
}

export interface MappingFunctionInfo {
  name: string;
  availability: FunctionAvailability;
  returns: ValueKind;
  /** One paragraph, for hover. */
  summary: string;
  /** The current documented form first; other documented forms after it. */
  signatures: readonly FunctionSignature[];
  examples: readonly FunctionExample[];
  /** Applied to each value when the first argument is multi-valued. */
  perValue: boolean;
  /** Must be the whole expression (SelectUniqueValue). */
  topLevelOnly: boolean;
  /** Not deterministic (Guid, Now, RandomString): previews should say so. */
  volatile: boolean;
}

// ---- builders ---------------------------------------------------------------------------------------------------

interface ParamFlags {
  optional?: boolean;
  repeated?: boolean;
  graphType?: GraphParameterType;
  graphRequired?: boolean;
  enumValues?: readonly string[];
}

function param(key: string, label: string, kind: ValueKind, description: string, flags: ParamFlags = {}): FunctionParameter {
  const required = !flags.optional;
  return {
    key,
    label,
    kind,
    required,
    repeated: flags.repeated ?? false,
    description,
    ...(flags.enumValues ? { enumValues: flags.enumValues } : {}),
    graphType: flags.graphType ?? (kind === 'Integer' ? 'Integer' : 'String'),
    graphRequired: flags.graphRequired ?? required,
  };
}

interface SignatureSpec {
  parameters: FunctionParameter[];
  minArgs?: number;
  listedByGraph?: boolean;
}

function signature(name: string, spec: SignatureSpec): FunctionSignature {
  const { parameters } = spec;
  const first = parameters.findIndex((p) => p.repeated);
  const repeatFrom = first >= 0 ? first : undefined;
  let repeatSize = 0;
  if (repeatFrom !== undefined) while (parameters[repeatFrom + repeatSize]?.repeated) repeatSize++;
  let minArgs: number;
  if (repeatFrom !== undefined) {
    const groupRequired = parameters.slice(repeatFrom, repeatFrom + repeatSize).some((p) => p.required);
    minArgs = repeatFrom + (groupRequired ? repeatSize : 0);
  } else {
    let lastRequired = -1;
    parameters.forEach((p, i) => {
      if (p.required) lastRequired = i;
    });
    minArgs = lastRequired + 1;
  }
  const labels = parameters.map((p) => p.label);
  if (repeatFrom !== undefined) labels.splice(repeatFrom + repeatSize, 0, '…');
  return {
    label: `${name}(${labels.join(', ')})`,
    parameters,
    minArgs: spec.minArgs ?? minArgs,
    maxArgs: repeatFrom !== undefined ? undefined : parameters.length,
    repeatFrom,
    repeatSize,
    listedByGraph: spec.listedByGraph ?? true,
  };
}

interface FunctionSpec {
  name: string;
  availability?: FunctionAvailability;
  returns: ValueKind;
  summary: string;
  parameters: FunctionParameter[];
  minArgs?: number;
  /** Other documented forms (FormatDateTime's 3-argument form). */
  alternatives?: SignatureSpec[];
  /** False when an alternative is the form Graph lists. */
  primaryListedByGraph?: boolean;
  examples?: FunctionExample[];
  perValue?: boolean;
  topLevelOnly?: boolean;
  volatile?: boolean;
}

function fn(spec: FunctionSpec): MappingFunctionInfo {
  const primary = signature(spec.name, {
    parameters: spec.parameters,
    ...(spec.minArgs !== undefined ? { minArgs: spec.minArgs } : {}),
    listedByGraph: spec.primaryListedByGraph ?? true,
  });
  return {
    name: spec.name,
    availability: spec.availability ?? 'documented',
    returns: spec.returns,
    summary: spec.summary,
    signatures: [primary, ...(spec.alternatives ?? []).map((alt) => signature(spec.name, alt))],
    examples: spec.examples ?? [],
    perValue: spec.perValue ?? false,
    topLevelOnly: spec.topLevelOnly ?? false,
    volatile: spec.volatile ?? false,
  };
}

// Parameters several functions share.
const appRoleAssignmentsParam = () =>
  param('source', '[appRoleAssignments]', 'AppRoleAssignments', 'The appRoleAssignments attribute of the user.');
const anyExpression = (what = 'The value or expression to test.') => param('expression', 'Expression', 'Any', what);

const DATE_INTERVALS = ['yyyy', 'q', 'm', 'y', 'd', 'w', 'ww', 'h', 'n', 's'] as const;
const INTERVAL_DOC =
  'Interval: "yyyy" year, "m" month, "d" day, "ww" week, "h" hour, "n" minute, "s" second (also VB\'s "q" quarter, "y" day of year, "w" weekday).';

/** Every function, alphabetical (case-insensitive) — the order Graph's example lists them in. */
export const MAPPING_FUNCTION_CATALOG: readonly MappingFunctionInfo[] = [
  fn({
    name: 'Append',
    returns: 'String',
    summary: 'Takes a source string value and appends the suffix to the end of it.',
    parameters: [
      param('source', 'source', 'String', 'Usually the name of the attribute from the source object.'),
      param('suffix', 'suffix', 'String', 'The string to append to the end of the source value.'),
    ],
    examples: [
      { expression: 'Append([userPrincipalName], ".test")', input: { userPrincipalName: 'John.Doe@contoso.com' }, output: 'John.Doe@contoso.com.test' },
    ],
    perValue: true,
  }),
  fn({
    name: 'AppRoleAssignments',
    availability: 'graph',
    returns: 'MultiValued',
    summary:
      'Returns the names of all app roles assigned to the user (listed by Graph\'s functions endpoint; no function reference entry).',
    parameters: [appRoleAssignmentsParam()],
  }),
  fn({
    name: 'AppRoleAssignmentsComplex',
    returns: 'MultiValued',
    summary:
      'Provisions multiple roles for a user to a complex `roles` attribute. Every role is sent with `primary: false` and type ' +
      '`WindowsAzureActiveDirectoryRole`; updates use PATCH add only, so roles are never removed in the target. Not compatible ' +
      'with the scope "Sync all users and groups".',
    parameters: [appRoleAssignmentsParam()],
    examples: [
      {
        expression: 'AppRoleAssignmentsComplex([appRoleAssignments])',
        output: null,
        note: 'POST body: roles: [{"primary": false, "type": "WindowsAzureActiveDirectoryRole", "displayName": "Admin", "value": "Admin"}, …]',
      },
    ],
  }),
  fn({
    name: 'AssertiveAppRoleAssignmentsComplex',
    availability: 'customizeAttributes',
    returns: 'MultiValued',
    summary:
      'Like AppRoleAssignmentsComplex, but updates replace the whole `roles` attribute (PATCH replace), so roles no longer ' +
      'assigned in Entra ID are removed from the target. Recommended for complex roles; not compatible with "Sync all users and groups".',
    parameters: [appRoleAssignmentsParam()],
  }),
  fn({
    name: 'BitAnd',
    returns: 'Integer',
    summary: 'Returns the bitwise AND of two integers (decimal or VB hex such as `&HF7`).',
    parameters: [
      param('value1', 'value1', 'Integer', 'Numeric value to be ANDed.'),
      param('value2', 'value2', 'Integer', 'Numeric value to be ANDed.'),
    ],
    examples: [{ expression: 'BitAnd(&HF, &HF7)', output: '7' }],
  }),
  fn({
    name: 'CBool',
    returns: 'Boolean',
    summary: 'Returns "True" if the expression evaluates to a non-zero number or to True, otherwise "False".',
    parameters: [anyExpression('Any valid expression, typically a comparison such as [attribute1] = [attribute2].')],
    examples: [
      { expression: 'CBool([attribute1] = [attribute2])', input: { attribute1: 'x', attribute2: 'x' }, output: 'True' },
    ],
  }),
  fn({
    name: 'CDate',
    returns: 'DateTime',
    summary:
      'Parses a date/time string (e.g. ISO 8601 with or without an offset) into a UTC DateTime, printed as `M/d/yyyy h:mm:ss tt`. ' +
      'Feed the result to FormatDateTime, DateAdd or DateDiff; it is not a native attribute type.',
    parameters: [anyExpression('A string holding a date and time.')],
    examples: [
      { expression: 'CDate([StatusHireDate])', input: { StatusHireDate: '2020-03-16-07:00' }, output: '3/16/2020 7:00:00 AM' },
      { expression: 'CDate("2021-06-30+08:00")', output: '6/29/2021 4:00:00 PM' },
    ],
  }),
  fn({
    name: 'Coalesce',
    returns: 'Any',
    summary:
      'Returns the first argument that is not NULL. If every source is NULL, returns the trailing defaultValue if one is given, ' +
      'otherwise NULL. Only NULL (an absent attribute) is skipped: an empty string is returned as is.',
    parameters: [
      param('source', 'source1, source2', 'Any', 'Sources to try in order, usually attributes.', { repeated: true }),
      param('defaultValue', 'defaultValue', 'String', 'Value to use when every source is NULL; may be "".', { optional: true }),
    ],
    examples: [
      {
        expression: 'Coalesce([mail],[userPrincipalName])',
        input: { mail: null, userPrincipalName: 'John.Doe@contoso.com' },
        output: 'John.Doe@contoso.com',
      },
    ],
  }),
  fn({
    name: 'ConvertToBase64',
    returns: 'String',
    summary: 'Converts the string to Base64 of its UTF-16LE ("Unicode") bytes.',
    parameters: [param('source', 'source', 'String', 'String to convert.')],
    examples: [{ expression: 'ConvertToBase64("Hello world!")', output: 'SABlAGwAbABvACAAdwBvAHIAbABkACEA' }],
    perValue: true,
  }),
  fn({
    name: 'ConvertToUTF8Hex',
    returns: 'String',
    summary: 'Converts the string to upper-case hexadecimal of its UTF-8 bytes.',
    parameters: [param('source', 'source', 'String', 'String to convert.')],
    examples: [{ expression: 'ConvertToUTF8Hex("Hello world!")', output: '48656C6C6F20776F726C6421' }],
    perValue: true,
  }),
  fn({
    name: 'Count',
    returns: 'Integer',
    summary: 'Returns the number of values in a multi-valued attribute (0 when the attribute is absent).',
    parameters: [param('attribute', 'attribute', 'MultiValued', 'A multi-valued attribute.')],
    examples: [{ expression: 'Count([proxyAddresses])', input: { proxyAddresses: ['SMTP:a@x.com', 'smtp:b@x.com', 'smtp:c@x.com'] }, output: '3' }],
  }),
  fn({
    name: 'CStr',
    returns: 'String',
    summary: 'Converts a numeric, reference or Boolean value to a string.',
    parameters: [param('value', 'value', 'Any', 'Numeric, reference or Boolean value.')],
    examples: [{ expression: 'CStr([dn])', input: { dn: 'cn=Joe,dc=contoso,dc=com' }, output: 'cn=Joe,dc=contoso,dc=com' }],
  }),
  fn({
    name: 'DateAdd',
    returns: 'DateTime',
    summary:
      'Returns the date/time with the given number of intervals added (negative values subtract), printed as ' +
      '`M/d/yyyy h:mm:ss tt` UTC. Wrap date strings in CDate(); use Now() for the current time.',
    parameters: [
      param('interval', 'interval', 'String', INTERVAL_DOC, { enumValues: DATE_INTERVALS }),
      param('value', 'value', 'Integer', 'Number of intervals to add; may be negative.'),
      param('dateTime', 'dateTime', 'DateTime', 'The date/time to add to.'),
    ],
    examples: [
      { expression: 'DateAdd("d", 7, CDate([StatusHireDate]))', input: { StatusHireDate: '2012-03-16-07:00' }, output: '3/23/2012 7:00:00 AM' },
    ],
  }),
  fn({
    name: 'DateDiff',
    returns: 'Integer',
    summary:
      'Returns the number of interval boundaries between two dates: positive when date2 is later than date1, negative when ' +
      'earlier, 0 when equal. Calendar intervals (yyyy, m, ww) count boundaries crossed, like VB\'s DateDiff.',
    parameters: [
      param('interval', 'interval', 'String', INTERVAL_DOC, { enumValues: DATE_INTERVALS }),
      param('date1', 'date1', 'DateTime', 'The start date/time.'),
      param('date2', 'date2', 'DateTime', 'The end date/time.'),
    ],
    examples: [{ expression: 'DateDiff("d", "2021-08-18+08:00", "2021-08-31+08:00")', output: '13' }],
  }),
  fn({
    name: 'DateFromNum',
    returns: 'DateTime',
    summary:
      'Converts an Active Directory integer date (FILETIME: 100-nanosecond ticks since 1601-01-01 UTC, as in accountExpires or ' +
      'lastLogonTimestamp) to a DateTime.',
    parameters: [param('value', 'value', 'Integer', 'The AD integer date.')],
    examples: [{ expression: 'DateFromNum(129699324000000000)', output: '1/1/2012 11:00:00 PM' }],
  }),
  fn({
    name: 'DefaultDomain',
    availability: 'graph',
    returns: 'String',
    summary: "Returns the tenant's default domain (listed by Graph's functions endpoint; no function reference entry).",
    parameters: [],
  }),
  fn({
    name: 'FormatDateTime',
    returns: 'String',
    summary:
      'Parses the source with a .NET custom date/time format and prints it with another. The current reference has an ' +
      'optional dateTimeStyles second argument (leave the slot empty); the 3-argument form of older docs, Cloud Sync and ' +
      "Graph's functions list is accepted too.",
    parameters: [
      param('source', 'source', 'String', 'The date/time string, usually an attribute.'),
      param(
        'dateTimeStyles',
        'dateTimeStyles',
        'String',
        '.NET DateTimeStyles names, comma separated; empty means RoundtripKind, AllowLeadingWhite, AllowTrailingWhite.',
        { optional: true },
      ),
      param('inputFormat', 'inputFormat', 'String', '.NET custom format of the source value, e.g. "yyyyMMddHHmmss.fZ".'),
      param('outputFormat', 'outputFormat', 'String', '.NET custom format of the result, e.g. "yyyy-MM-dd".'),
    ],
    primaryListedByGraph: false,
    alternatives: [
      {
        parameters: [
          param('source', 'source', 'String', 'The date/time string, usually an attribute.'),
          param('inputFormat', 'inputFormat', 'String', '.NET custom format of the source value.'),
          param('outputFormat', 'outputFormat', 'String', '.NET custom format of the result.'),
        ],
        listedByGraph: true,
      },
    ],
    examples: [
      {
        expression: 'FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")',
        input: { extensionAttribute1: '20150123105347.1Z' },
        output: '2015-01-23',
      },
    ],
  }),
  fn({
    name: 'Guid',
    returns: 'String',
    summary: 'Generates a new random GUID (lower-case 8-4-4-4-12 hex).',
    parameters: [],
    examples: [{ expression: 'Guid()', output: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee', note: 'random' }],
    volatile: true,
  }),
  fn({
    name: 'IgnoreFlowIfNullOrEmpty',
    returns: 'Any',
    summary:
      'Returns the inner value, but when it is NULL or an empty string the attribute is left out of the operation sent to ' +
      'the target altogether (instead of flowing an empty value).',
    parameters: [anyExpression('The value to send, or not.')],
    examples: [
      { expression: 'IgnoreFlowIfNullOrEmpty([department])', input: { department: '' }, output: null, note: 'the attribute is not sent' },
    ],
  }),
  fn({
    name: 'IIF',
    returns: 'Any',
    summary:
      'Returns valueIfTrue when the condition is true, otherwise valueIfFalse. Conditions compare with =, <>, >, >=, <, <=; there ' +
      'is no AND/OR (nest IIF calls). A comparison with an absent attribute is false.',
    parameters: [
      param('condition', 'condition', 'Condition', 'A comparison or Boolean expression, e.g. [country]="USA".'),
      param('valueIfTrue', 'valueIfTrue', 'Any', 'The result when the condition is true.'),
      param('valueIfFalse', 'valueIfFalse', 'Any', 'The result when the condition is false.'),
    ],
    examples: [
      { expression: 'IIF([country]="USA",[country],[department])', input: { country: 'USA', department: 'Sales' }, output: 'USA' },
    ],
  }),
  fn({
    name: 'InStr',
    returns: 'Integer',
    summary: 'Returns the 1-based position of the first occurrence of value2 in value1, or 0 when it does not occur.',
    parameters: [
      param('value1', 'value1', 'String', 'The string to search.'),
      param('value2', 'value2', 'String', 'The string to find.'),
      param('start', 'start', 'Integer', '1-based position to start searching from.', { optional: true }),
      param('compareType', 'compareType', 'Enum', 'vbTextCompare (case-insensitive) or vbBinaryCompare (case-sensitive, the default).', {
        optional: true,
        enumValues: ['vbBinaryCompare', 'vbTextCompare'],
      }),
    ],
    examples: [
      { expression: 'InStr("The quick brown fox","quick")', output: '5' },
      { expression: 'InStr("repEated","e",3,vbBinaryCompare)', output: '7' },
    ],
  }),
  fn({
    name: 'IsNothing',
    availability: 'graph',
    returns: 'Boolean',
    summary: 'Returns "True" if the value is NULL (listed by Graph\'s functions endpoint; behaves like IsNull).',
    parameters: [param('source', 'source', 'Any', 'The value to test.', { graphType: 'Boolean' })],
  }),
  fn({
    name: 'IsNull',
    returns: 'Boolean',
    summary: 'Returns "True" if the expression evaluates to NULL, i.e. the attribute is absent. An empty string is not NULL.',
    parameters: [anyExpression()],
    examples: [{ expression: 'IsNull([displayName])', input: { displayName: null }, output: 'True' }],
  }),
  fn({
    name: 'IsNullOrEmpty',
    returns: 'Boolean',
    summary: 'Returns "True" if the expression is NULL or an empty string. The inverse of IsPresent.',
    parameters: [anyExpression()],
    examples: [{ expression: 'IsNullOrEmpty([displayName])', input: { displayName: '' }, output: 'True' }],
  }),
  fn({
    name: 'IsPresent',
    returns: 'Boolean',
    summary: 'Returns "True" if the expression evaluates to a non-empty string. The inverse of IsNullOrEmpty.',
    parameters: [anyExpression()],
    examples: [{ expression: 'IsPresent([displayName])', input: { displayName: 'Ann' }, output: 'True' }],
  }),
  fn({
    name: 'IsString',
    returns: 'Boolean',
    summary: 'Returns "True" if the expression can be evaluated as a single string value.',
    parameters: [anyExpression()],
  }),
  fn({
    name: 'Item',
    returns: 'String',
    summary: 'Returns one value of a multi-valued attribute; the index is 1-based (index 0 must not be used).',
    parameters: [
      param('attribute', 'attribute', 'MultiValued', 'A multi-valued attribute.'),
      param('index', 'index', 'Integer', '1-based position of the value.'),
    ],
    examples: [{ expression: 'Item([proxyAddresses], 2)', input: { proxyAddresses: ['SMTP:a@x.com', 'smtp:b@x.com'] }, output: 'smtp:b@x.com' }],
  }),
  fn({
    name: 'Join',
    returns: 'String',
    summary:
      'Joins the source values with the separator. Multi-valued sources contribute every value; NULL and empty values are ' +
      'skipped.',
    parameters: [
      param('separator', 'separator', 'String', 'String placed between values; may be "".'),
      param('source', 'source1, source2', 'Any', 'Values to join, usually attributes.', { repeated: true }),
    ],
    examples: [{ expression: 'Join(", ", "", [surname], [givenName])', input: { surname: 'Doe', givenName: 'John' }, output: 'Doe, John' }],
  }),
  fn({
    name: 'Left',
    returns: 'String',
    summary:
      'Returns the first NumChars characters of the string: "" for 0, the whole string for a negative count or when it is ' +
      'shorter, "" for NULL.',
    parameters: [
      param('string', 'String', 'String', 'The string, usually an attribute.'),
      param('numChars', 'NumChars', 'Integer', 'Number of characters to return from the start.'),
    ],
    examples: [{ expression: 'Left("John Doe", 3)', output: 'Joh' }],
    perValue: true,
  }),
  fn({
    name: 'Mid',
    returns: 'String',
    summary: 'Returns a substring: length characters starting at the 1-based start position (fewer when the string ends first).',
    parameters: [
      param('source', 'source', 'String', 'Usually an attribute.'),
      param('start', 'start', 'Integer', '1-based index where the substring starts.'),
      param('length', 'length', 'Integer', 'Length of the substring.'),
    ],
    examples: [{ expression: 'Mid([givenName], 1, 3)', input: { givenName: 'John' }, output: 'Joh' }],
    perValue: true,
  }),
  fn({
    name: 'NormalizeDiacritics',
    returns: 'String',
    summary:
      'Replaces characters with diacritics by their base letters per the documented table (ä→a, ø→oe, ß→ss, æ→ae, …); other ' +
      'characters are unchanged. Wrap unique-value rules in it: the AD uniqueness search does not escape diacritics.',
    parameters: [param('source', 'source', 'String', 'Usually a first or last name attribute.')],
    examples: [{ expression: 'NormalizeDiacritics([givenName])', input: { givenName: 'Zoë' }, output: 'Zoe' }],
    perValue: true,
  }),
  fn({
    name: 'Not',
    returns: 'Boolean',
    summary: 'Flips a Boolean string: "False" when the source is "True", otherwise "True". Typical use: Not([IsSoftDeleted]).',
    parameters: [param('source', 'source', 'Boolean', 'A Boolean string ("True" / "False").', { graphType: 'Boolean' })],
    examples: [{ expression: 'Not([IsSoftDeleted])', input: { IsSoftDeleted: 'False' }, output: 'True' }],
  }),
  fn({
    name: 'Now',
    returns: 'DateTime',
    summary: 'Returns the current date and time in UTC, printed as `M/d/yyyy h:mm:ss tt`.',
    parameters: [],
    examples: [{ expression: 'Now()', output: '7/2/2021 3:33:38 PM', note: 'the current time' }],
    volatile: true,
  }),
  fn({
    name: 'NumFromDate',
    returns: 'Integer',
    summary:
      'Converts an ISO 8601 date/time to the Active Directory integer date (FILETIME) used by attributes such as accountExpires. ' +
      'Reformat other date strings with FormatDateTime first.',
    parameters: [param('value', 'value', 'DateTime', 'An ISO 8601 date/time string.')],
    examples: [{ expression: 'NumFromDate("2012-01-01T23:00:00Z")', output: '129699324000000000' }],
  }),
  fn({
    name: 'PCase',
    returns: 'String',
    summary:
      'Converts the first character of each word to upper case and the others to lower case. Without wordSeparators words ' +
      'break like .NET TextInfo.ToTitleCase (spaces, punctuation, symbols); with it, only those characters separate words.',
    parameters: [
      param('source', 'source', 'String', 'The value to convert.'),
      param('wordSeparators', 'wordSeparators', 'String', 'Characters that separate words, e.g. " ,-\'".', { optional: true }),
    ],
    examples: [
      { expression: 'PCase([firstName])', input: { firstName: 'PABLO GONSALVES (SECOND)' }, output: 'Pablo Gonsalves (Second)' },
      { expression: 'PCase([lastName]," \'-")', input: { lastName: "PINTO-DE'SILVA" }, output: "Pinto-De'Silva" },
    ],
    perValue: true,
  }),
  fn({
    name: 'Prepend',
    availability: 'graph',
    returns: 'String',
    summary: 'Puts the prefix in front of the source value (listed by Graph\'s functions endpoint; no function reference entry).',
    parameters: [
      param('prefix', 'prefix', 'String', 'The string to put first.'),
      param('source', 'source', 'String', 'Usually an attribute.'),
    ],
    perValue: true,
  }),
  fn({
    name: 'RandomString',
    returns: 'String',
    summary:
      'Generates a random string of the given length with at least the given numbers of digits, special characters, capitals ' +
      'and lower-case letters, avoiding CharactersToAvoid. Length is at most 256 and at least the sum of the minimums.',
    parameters: [
      param('length', 'Length', 'Integer', 'Total length (at most 256).'),
      param('minimumNumbers', 'MinimumNumbers', 'Integer', 'Minimum number of digits.'),
      param('minimumSpecialCharacters', 'MinimumSpecialCharacters', 'Integer', 'Minimum number of special characters.'),
      param('minimumCapital', 'MinimumCapital', 'Integer', 'Minimum number of upper-case letters.'),
      param('minimumLowerCase', 'MinimumLowerCase', 'Integer', 'Minimum number of lower-case letters.'),
      param('charactersToAvoid', 'CharactersToAvoid', 'String', 'Characters to leave out.', { optional: true }),
    ],
    examples: [{ expression: 'RandomString(6,3,0,0,3)', output: '1a73qt', note: 'random' }],
    volatile: true,
  }),
  fn({
    name: 'Redact',
    returns: 'Any',
    summary:
      'Passes the value to the target unchanged, but provisioning logs show `[Redact]` instead of it (e.g. initial passwords). ' +
      'The reference prints the signature as Redact(), yet every example passes one argument.',
    parameters: [param('source', 'attribute/value', 'Any', 'The attribute or value to hide from the logs.')],
    examples: [{ expression: 'Redact([userPrincipalName])', input: { userPrincipalName: 'john@contoso.com' }, output: 'john@contoso.com' }],
  }),
  fn({
    name: 'RemoveDuplicates',
    returns: 'MultiValued',
    summary: 'Returns the multi-valued attribute with duplicate values removed (first occurrence kept, case-sensitive).',
    parameters: [param('attribute', 'attribute', 'MultiValued', 'A multi-valued attribute.')],
    examples: [{ expression: 'RemoveDuplicates([proxyAddresses])', input: { proxyAddresses: ['a', 'b', 'a'] }, output: ['a', 'b'] }],
  }),
  fn({
    name: 'Replace',
    returns: 'String',
    summary:
      'Replaces values within a string, case-sensitively. Modes by the arguments given: oldValue + replacementValue (literal ' +
      'replace); oldValue + template (put the source into the template); regexPattern + replacementValue (regex replace, ' +
      '`${group}` allowed); regexPattern + regexGroupName + replacementValue (replace only that group); regexPattern + ' +
      'regexGroupName + replacementAttributeName (source if it has a value, else the group extracted from the other attribute). ' +
      'Skip unused arguments with empty slots.',
    parameters: [
      param('source', 'source', 'String', 'The value to transform, usually an attribute.'),
      param('Find', 'oldValue', 'String', 'Literal text to replace (in source, or in template).', { optional: true }),
      param('RegularExpression', 'regexPattern', 'String', '.NET regular expression applied to source (backslashes doubled).', { optional: true }),
      param('RegularExpressionGroupName', 'regexGroupName', 'String', 'Name of the regex group to replace or extract.', { optional: true }),
      param('Replacement', 'replacementValue', 'String', 'Replacement text; may reference groups as ${name}.', { optional: true }),
      param('ReplacementPropertyName', 'replacementAttributeName', 'String', 'Attribute to use when source has no value.', { optional: true }),
      param('Template', 'template', 'String', 'Template in which oldValue is replaced by the source value.', { optional: true }),
    ],
    examples: [
      { expression: 'Replace([mail], "@contoso.com", , ,"", ,)', input: { mail: 'john.doe@contoso.com' }, output: 'john.doe' },
      {
        expression: 'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )',
        input: { telephoneNumber: '+91 9998887777' },
        output: '9998887777',
      },
    ],
    perValue: true,
  }),
  fn({
    name: 'SelectUniqueValue',
    returns: 'String',
    summary:
      'Returns the first generated value that does not already exist in the target; when all exist the object is escrowed. ' +
      'Needs at least two rules, must be the whole expression, and works only during object creation (Workday/SuccessFactors/' +
      'API-driven provisioning to on-premises AD).',
    parameters: [param('uniqueValueRule', 'uniqueValueRule1, uniqueValueRule2', 'String', 'Candidate values, tried in order.', { repeated: true })],
    minArgs: 2,
    topLevelOnly: true,
    examples: [
      {
        expression:
          'SelectUniqueValue(Join("@", [PreferredFirstName], "contoso.com"), Join("@", Join(".", Mid([PreferredFirstName], 1, 1), [PreferredLastName]), "contoso.com"))',
        input: { PreferredFirstName: 'John', PreferredLastName: 'Smith' },
        output: 'John@contoso.com',
      },
    ],
  }),
  fn({
    name: 'SingleAppRoleAssignment',
    returns: 'String',
    summary:
      "Returns the name of the user's single app role. Meant for exactly one role per user: with several the service reports " +
      'an error. Not compatible with "Sync all users and groups".',
    parameters: [appRoleAssignmentsParam()],
    examples: [{ expression: 'SingleAppRoleAssignment([appRoleAssignments])', input: { appRoleAssignments: ['Admin'] }, output: 'Admin' }],
  }),
  fn({
    name: 'Split',
    returns: 'MultiValued',
    summary: 'Splits the string into a multi-valued array at every occurrence of the delimiter (values are not trimmed).',
    parameters: [
      param('source', 'source', 'String', 'The value to split.'),
      param('delimiter', 'delimiter', 'String', 'The character used to split.', { graphRequired: false }),
    ],
    examples: [
      { expression: 'Split([extensionAttribute5], ",")', input: { extensionAttribute5: 'PermissionSetOne,PermissionSetTwo' }, output: ['PermissionSetOne', 'PermissionSetTwo'] },
    ],
  }),
  fn({
    name: 'StripSpaces',
    returns: 'String',
    summary: 'Removes every space character (" ") from the string.',
    parameters: [param('source', 'source', 'String', 'The value to strip.')],
    examples: [{ expression: 'StripSpaces(" Mary Ann ")', output: 'MaryAnn' }],
    perValue: true,
  }),
  fn({
    name: 'Switch',
    returns: 'Any',
    summary:
      'Returns the value paired with the first key equal to the source (case-sensitive), else defaultValue. Keys and values ' +
      'come in complete pairs. An absent source matches the key "". Omit defaultValue with an empty slot.',
    parameters: [
      param('source', 'source', 'String', 'The value to look up, usually an attribute.'),
      param('defaultValue', 'defaultValue', 'String', 'Result when no key matches; may be "".', { optional: true }),
      param('switchValue', 'key', 'String', 'A key to compare the source with.', { repeated: true, graphRequired: false }),
      param('switchValue', 'value', 'Any', 'The result when the preceding key matches.', { repeated: true, graphRequired: false }),
    ],
    examples: [
      {
        expression: 'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")',
        input: { state: 'QLD' },
        output: 'Australia/Brisbane',
      },
    ],
  }),
  fn({
    name: 'ToLower',
    returns: 'String',
    summary: 'Converts the string to lower case, using the invariant culture unless an RFC 4646 culture name (e.g. "tr-TR") is given.',
    parameters: [
      param('source', 'source', 'String', 'Usually an attribute.'),
      param('culture', 'culture', 'String', 'RFC 4646 culture name such as "en-US".', { optional: true }),
    ],
    examples: [{ expression: 'ToLower("John.Smith@Contoso.com")', output: 'john.smith@contoso.com' }],
    perValue: true,
  }),
  fn({
    name: 'ToUpper',
    returns: 'String',
    summary: 'Converts the string to upper case, using the invariant culture unless an RFC 4646 culture name (e.g. "tr-TR") is given.',
    parameters: [
      param('source', 'source', 'String', 'Usually an attribute.'),
      param('culture', 'culture', 'String', 'RFC 4646 culture name such as "en-US".', { optional: true }),
    ],
    examples: [{ expression: 'ToUpper("abc")', output: 'ABC' }],
    perValue: true,
  }),
  fn({
    name: 'Word',
    returns: 'String',
    summary:
      'Returns the WordNumber-th word (1-based), words being runs of characters separated by any one of the delimiter ' +
      'characters. "" when the number is below 1, beyond the last word, or the string is NULL.',
    parameters: [
      param('string', 'String', 'String', 'The string to take a word from.'),
      param('wordNumber', 'WordNumber', 'Integer', '1-based number of the word.'),
      param('delimiters', 'delimiters', 'String', 'Characters that separate words.'),
    ],
    examples: [
      { expression: 'Word("The quick brown fox",3," ")', output: 'brown' },
      { expression: 'Word("This,string!has&many separators",3,",!&#")', output: 'has' },
    ],
  }),

  // ---- Cloud Sync only (§5): not app provisioning, recognised so tools can say so ---------------------------------
  fn({
    name: 'ConvertFromBase64',
    availability: 'cloudSync',
    returns: 'String',
    summary: 'Cloud Sync only. Decodes Base64 into a string, as UTF-16LE ("Unicode") unless another encoding is named.',
    parameters: [
      param('source', 'source', 'String', 'Base64 text.'),
      param('encoding', 'Encoding', 'Enum', 'Unicode (default), UTF8 or ASCII.', { optional: true, enumValues: ['Unicode', 'UTF8', 'ASCII'] }),
    ],
    examples: [{ expression: 'ConvertFromBase64("SGVsbG8gd29ybGQh", UTF8)', output: 'Hello world!' }],
  }),
  fn({
    name: 'Contains',
    availability: 'cloudSync',
    returns: 'Integer',
    summary: 'Cloud Sync only. Returns the 1-based index of the first value of a multi-valued attribute that contains the string, 0 if none does.',
    parameters: [
      param('attribute', 'attribute', 'MultiValued', 'A multi-valued attribute.'),
      param('search', 'search', 'String', 'The text to look for.'),
    ],
    examples: [{ expression: 'Contains([proxyAddresses], "SMTP:")', input: { proxyAddresses: ['smtp:b@x.com', 'SMTP:a@x.com'] }, output: '2' }],
  }),
  fn({
    name: 'CRef',
    availability: 'cloudSync',
    returns: 'String',
    summary: 'Cloud Sync only. Treats the value as a reference (a distinguished name).',
    parameters: [param('value', 'value', 'String', 'A distinguished name.')],
  }),
  fn({
    name: 'DNComponent',
    availability: 'cloudSync',
    returns: 'String',
    summary: 'Cloud Sync only. Returns the value of the n-th (1-based) component of a distinguished name.',
    parameters: [
      param('dn', 'dn', 'String', 'A distinguished name, e.g. CRef([dn]).'),
      param('component', 'ComponentNumber', 'Integer', '1-based component number.'),
    ],
    examples: [{ expression: 'DNComponent(CRef([dn]),1)', input: { dn: 'cn=Joe,ou=Sales,dc=contoso,dc=com' }, output: 'Joe' }],
  }),
  fn({
    name: 'Error',
    availability: 'cloudSync',
    returns: 'Any',
    summary: 'Cloud Sync only. Fails the object with a custom error message.',
    parameters: [param('message', 'message', 'String', 'The error message.')],
    examples: [{ expression: 'IIF(IsPresent([accountName]),[accountName],Error("AccountName is required"))', input: { accountName: 'joe' }, output: 'joe' }],
  }),
  fn({
    name: 'StringFromSid',
    availability: 'cloudSync',
    returns: 'String',
    summary: 'Cloud Sync only. Converts a binary security identifier (given as Base64) to its S-1-… string form.',
    parameters: [param('source', 'source', 'String', 'The binary SID, Base64 encoded.')],
  }),
  fn({
    name: 'Trim',
    availability: 'cloudSync',
    returns: 'String',
    summary: 'Cloud Sync only. Removes leading and trailing white space; on a multi-valued attribute, from each value.',
    parameters: [param('source', 'source', 'String', 'The value to trim.')],
    examples: [{ expression: 'Trim(" Test ")', output: 'Test' }],
    perValue: true,
  }),
];

// ---- lookups ----------------------------------------------------------------------------------------------------

const BY_NAME = new Map(MAPPING_FUNCTION_CATALOG.map((f) => [f.name, f]));
const BY_LOWER_NAME = new Map(MAPPING_FUNCTION_CATALOG.map((f) => [f.name.toLowerCase(), f]));

/** The function called `name` exactly (function names are case-sensitive). */
export function findFunction(name: string): MappingFunctionInfo | undefined {
  return BY_NAME.get(name);
}

/** The function whose name differs from `name` only in case, for "did you mean …?" messages. */
export function findFunctionIgnoringCase(name: string): MappingFunctionInfo | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

/** Whether `count` argument slots fit `sig` (including Switch's complete key/value pairs). */
export function acceptsArgumentCount(sig: FunctionSignature, count: number): boolean {
  if (count < sig.minArgs) return false;
  if (sig.maxArgs !== undefined && count > sig.maxArgs) return false;
  if (sig.repeatFrom !== undefined && sig.repeatSize > 1 && count > sig.repeatFrom) {
    return (count - sig.repeatFrom) % sig.repeatSize === 0;
  }
  return true;
}

/** The signature for a call with `count` argument slots: the first form that accepts it, else the primary one. */
export function signatureFor(info: MappingFunctionInfo, count: number): FunctionSignature {
  return info.signatures.find((s) => acceptsArgumentCount(s, count)) ?? info.signatures[0]!;
}

/** The parameter at argument position `index` (0-based), cycling through a repeated group. */
export function parameterAt(sig: FunctionSignature, index: number): FunctionParameter | undefined {
  if (index < 0) return undefined;
  if (sig.repeatFrom !== undefined && index >= sig.repeatFrom) {
    return sig.parameters[sig.repeatFrom + ((index - sig.repeatFrom) % sig.repeatSize)];
  }
  return sig.parameters[index];
}

/** Human description of the accepted argument counts: "3", "2 to 4", "at least 2", "4, 6, 8, …". */
export function describeArity(info: MappingFunctionInfo): string {
  return info.signatures
    .map((s) => {
      if (s.maxArgs === undefined) {
        if (s.repeatSize > 1) return `${s.minArgs}, ${s.minArgs + s.repeatSize}, ${s.minArgs + 2 * s.repeatSize}, …`;
        return `at least ${s.minArgs}`;
      }
      return s.minArgs === s.maxArgs ? `${s.minArgs}` : `${s.minArgs} to ${s.maxArgs}`;
    })
    .join(' or ');
}

/**
 * The functions Graph's `GET …/schema/functions` returns (attributeMappingFunctionSchema): every function but the
 * Cloud Sync ones, in the form Graph lists, a repeated group collapsed into one `allowMultipleOccurrences` parameter.
 */
export function graphFunctionSchemas(): AttributeMappingFunctionSchema[] {
  return MAPPING_FUNCTION_CATALOG.filter((f) => f.availability !== 'cloudSync').map((f) => {
    const sig = f.signatures.find((s) => s.listedByGraph) ?? f.signatures[0]!;
    const parameters: AttributeMappingParameterSchema[] = [];
    sig.parameters.forEach((p, i) => {
      const inGroup = sig.repeatFrom !== undefined && i >= sig.repeatFrom && i < sig.repeatFrom + sig.repeatSize;
      if (inGroup && i > sig.repeatFrom! && sig.parameters[i - 1]!.key === p.key) return; // Switch's key/value share a key
      parameters.push({ allowMultipleOccurrences: inGroup, name: p.key, required: p.graphRequired, type: p.graphType });
    });
    return { name: f.name, parameters };
  });
}

/** Names of the functions that exist only in Cloud Sync expressions. */
export const CLOUD_SYNC_FUNCTION_NAMES: readonly string[] = MAPPING_FUNCTION_CATALOG.filter((f) => f.availability === 'cloudSync').map(
  (f) => f.name,
);
