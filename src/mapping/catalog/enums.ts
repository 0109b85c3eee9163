// The fixed value lists of a synchronizationSchema (graph-synchronization.md §4.2, mapping-expressions.md §1, §8.2) with
// what each value means, for completion and hover in mapping documents.

export interface EnumValue {
  value: string;
  /** Markdown. */
  description: string;
}

export const FLOW_TYPES: readonly EnumValue[] = [
  { value: 'Always', description: 'Portal "Always": the attribute flows on create **and** on every update.' },
  { value: 'ObjectAddOnly', description: 'Portal "Only during creation": the attribute is set when the object is created and never updated afterwards.' },
  { value: 'MultiValueAddOnly', description: 'Values are only ever added to the multi-valued target attribute, never removed.' },
  { value: 'ValueAddOnly', description: 'The value flows only while the target attribute is empty.' },
  { value: 'AttributeAddOnly', description: 'The attribute flows only when it is added to the target object.' },
];

export const FLOW_BEHAVIORS: readonly EnumValue[] = [
  { value: 'FlowWhenChanged', description: 'The default: the attribute is exported only when its source value changed.' },
  { value: 'FlowAlways', description: 'The attribute is exported on every update of the object, changed or not.' },
];

export const SOURCE_TYPES: readonly EnumValue[] = [
  { value: 'Attribute', description: 'Portal "Direct": the source attribute `name` flows as is; `expression` is `[name]`.' },
  { value: 'Constant', description: 'Portal "Constant": `name` is the constant value; `expression` is the quoted string.' },
  { value: 'Function', description: 'Portal "Expression": `expression` holds the expression text, `name` the outer function, `parameters` the parsed arguments.' },
];

export const ATTRIBUTE_TYPES: readonly EnumValue[] = [
  { value: 'String', description: 'Text (the default).' },
  { value: 'Integer', description: 'A whole number.' },
  { value: 'Reference', description: 'A reference to another object (e.g. manager, members); `referencedObjects` names the object types.' },
  { value: 'Binary', description: 'Binary data (base64 in JSON).' },
  { value: 'Boolean', description: '"True" / "False".' },
  { value: 'DateTime', description: 'A date and time.' },
];

export const MUTABILITIES: readonly EnumValue[] = [
  { value: 'ReadWrite', description: 'Can be read and written (the default).' },
  { value: 'ReadOnly', description: 'Assigned by the target; mappings can\'t write it.' },
  { value: 'Immutable', description: 'Written once when the object is created, never updated.' },
  { value: 'WriteOnly', description: 'Can be written but never read back (e.g. password): not usable for matching.' },
];

export const OBJECT_FLOW_TYPES: readonly EnumValue[] = [
  { value: 'Add, Update, Delete', description: 'Target object actions: create, update and delete (the default).' },
  { value: 'Add, Update', description: 'Create and update, never delete or disable in the target.' },
  { value: 'Add', description: 'Create only.' },
  { value: 'Update', description: 'Update existing objects only.' },
];

export type ScopeOperatorArity = 'Unary' | 'Binary';

export interface ScopeOperator extends EnumValue {
  arity: ScopeOperatorArity;
  /** Attribute types the operator applies to, in Graph's filterOperators order (or what the documented semantics need). */
  types: readonly ('String' | 'Integer' | 'Binary' | 'Boolean')[];
}

/** Scoping-filter operators, exact `operatorName` spellings (mapping-expressions.md §8.2). */
export const SCOPE_OPERATORS: readonly ScopeOperator[] = [
  { value: 'EQUALS', arity: 'Binary', types: ['Integer', 'String'], description: 'The attribute equals the value exactly (**case-sensitive**).' },
  { value: 'NOT EQUALS', arity: 'Binary', types: ['Integer', 'String'], description: 'The attribute doesn\'t equal the value (case-sensitive).' },
  { value: 'IS TRUE', arity: 'Unary', types: ['Boolean'], description: 'The Boolean attribute is true. No target operand.' },
  { value: 'IS FALSE', arity: 'Unary', types: ['Boolean'], description: 'The Boolean attribute is false. No target operand.' },
  { value: 'IS NULL', arity: 'Unary', types: ['Integer', 'String', 'Binary', 'Boolean'], description: 'The attribute is empty. No target operand.' },
  { value: 'IS NOT NULL', arity: 'Unary', types: ['Integer', 'String', 'Binary', 'Boolean'], description: 'The attribute isn\'t empty. No target operand.' },
  { value: 'REGEX MATCH', arity: 'Binary', types: ['Integer', 'String'], description: 'The attribute matches the .NET regular expression (case-sensitive), e.g. `.*@contoso\\.com`.' },
  { value: 'NOT REGEX MATCH', arity: 'Binary', types: ['Integer', 'String'], description: 'The attribute doesn\'t match the regular expression; **false** when the attribute is empty.' },
  { value: 'Greater_Than', arity: 'Binary', types: ['Integer'], description: 'The attribute is greater than the value; both must be integers.' },
  { value: 'Greater_Than_OR_EQUALS', arity: 'Binary', types: ['Integer'], description: 'The attribute is greater than or equal to the value; both must be integers.' },
  { value: 'Includes', arity: 'Binary', types: ['String'], description: 'The attribute contains the value (case-sensitive substring).' },
  { value: 'ENDS_WITH', arity: 'Binary', types: ['String'], description: 'The attribute ends with the value.' },
  { value: '&', arity: 'Binary', types: ['String'], description: 'True if the evaluated attribute exists in the input string value (documented wording).' },
  { value: '!&', arity: 'Binary', types: ['String'], description: 'True if the evaluated attribute does not exist in the input string value (documented wording).' },
];

const OPERATORS_BY_NAME = new Map(SCOPE_OPERATORS.map((o) => [o.value, o]));

export function findScopeOperator(name: string): ScopeOperator | undefined {
  return OPERATORS_BY_NAME.get(name);
}
