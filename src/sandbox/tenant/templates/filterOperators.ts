// Scoping-filter operators served by GET .../schema/filterOperators, derived from the mapping catalogue so the sandbox
// and the editor agree on names, arity and types (mapping-expressions.md §8.2: the eight operators of Graph's sample
// keep its exact types; the others get the types their documented semantics require).
import type { FilterOperatorSchema } from '../../../graph/model';
import { SCOPE_OPERATORS } from '../../../mapping/catalog/enums';

export const FILTER_OPERATORS: FilterOperatorSchema[] = SCOPE_OPERATORS.map((operator) => ({
  name: operator.value,
  arity: operator.arity,
  // Graph's sample shows "All" for every operator.
  multivaluedComparisonType: 'All',
  supportedAttributeTypes: [...operator.types],
}));
