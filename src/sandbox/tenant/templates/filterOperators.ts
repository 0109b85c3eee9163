// Scoping-filter operators served by GET .../schema/filterOperators. Names, arity and types follow
// mapping-expressions.md §8.2: the eight operators of Graph's sample keep its exact types; the others (present in the
// portal and the scoping-filter docs but not in Graph's sample) get the types their documented semantics require.
import type { FilterOperatorSchema } from '../../../graph/model';

function operator(
  name: string,
  arity: FilterOperatorSchema['arity'],
  supportedAttributeTypes: FilterOperatorSchema['supportedAttributeTypes'],
): FilterOperatorSchema {
  // Graph's sample shows "All" for every operator.
  return { name, arity, multivaluedComparisonType: 'All', supportedAttributeTypes };
}

export const FILTER_OPERATORS: FilterOperatorSchema[] = [
  operator('EQUALS', 'Binary', ['Integer', 'String']),
  operator('NOT EQUALS', 'Binary', ['Integer', 'String']),
  operator('IS TRUE', 'Unary', ['Boolean']),
  operator('IS FALSE', 'Unary', ['Boolean']),
  operator('IS NULL', 'Unary', ['Integer', 'String', 'Binary', 'Boolean']),
  operator('IS NOT NULL', 'Unary', ['Integer', 'String', 'Binary', 'Boolean']),
  operator('REGEX MATCH', 'Binary', ['Integer', 'String']),
  operator('NOT REGEX MATCH', 'Binary', ['Integer', 'String']),
  // "Both must be integers" per the scoping-filter doc.
  operator('Greater_Than', 'Binary', ['Integer']),
  operator('Greater_Than_OR_EQUALS', 'Binary', ['Integer']),
  // String containment / suffix tests.
  operator('Includes', 'Binary', ['String']),
  operator('ENDS_WITH', 'Binary', ['String']),
  operator('&', 'Binary', ['String']),
  operator('!&', 'Binary', ['String']),
];
