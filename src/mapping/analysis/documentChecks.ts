// Checks that look at more than one attribute mapping, or at the parts around them: duplicate targets and matching
// precedences within an object mapping, scoping clauses (operator, operand count, attribute, operator/type fit, regex),
// and directory / object names a rule refers to. Cheap (linear), so the analyzer re-runs them on every update.
import { compileDotNetRegex, RegexTranslationError } from '../expression/dotnetRegex';
import { findScopeOperator, SCOPE_OPERATORS } from '../catalog/enums';
import { findDirectory, findObject, type MappingDocument, type ObjectMappingModel, type ScopeClauseModel, type StringProp } from '../document/model';
import type { JsonNode } from '../document/jsonTree';
import type { MappingContext } from './context';
import { analyzeExpression } from './expressionAnalysis';
import { removeArrayElement, replaceStringContent, suggestNames } from './edits';
import type { MappingDiagnostic } from './types';

const rangeOf = (node: JsonNode) => ({ start: node.offset, end: node.offset + node.length });

/** Duplicate targets, matching precedences (duplicated or missing). */
export function checkObjectMapping(text: string, om: ObjectMappingModel, out: MappingDiagnostic[]): void {
  const firstByTarget = new Map<string, StringProp>();
  const byPriority = new Map<number, JsonNode[]>();
  for (const mapping of om.attributeMappings) {
    const target = mapping.targetAttributeName;
    if (target) {
      const first = firstByTarget.get(target.value);
      if (first) {
        out.push({
          code: 'duplicate-target',
          severity: 'error',
          message: `${target.value} is already mapped in this object mapping; each target attribute takes one mapping`,
          ...rangeOf(target.node),
          fixes: [{ title: 'Remove this mapping', edits: [removeArrayElement(text, mapping.node)] }],
        });
      } else firstByTarget.set(target.value, target);
    }
    const priority = mapping.matchingPriority;
    if (priority !== undefined && priority > 0 && mapping.matchingPriorityNode) {
      const list = byPriority.get(priority);
      if (list) list.push(mapping.matchingPriorityNode);
      else byPriority.set(priority, [mapping.matchingPriorityNode]);
    }
  }
  const used = [...byPriority.keys()];
  const nextFree = (used.length ? Math.max(...used) : 0) + 1;
  for (const [priority, nodes] of byPriority) {
    if (nodes.length < 2) continue;
    nodes.forEach((node, i) => {
      out.push({
        code: 'duplicate-matching-priority',
        severity: 'error',
        message: `${nodes.length} matching attributes share matching precedence ${priority}; give each a different precedence (1 is tried first)`,
        ...rangeOf(node),
        ...(i > 0 ? { fixes: [{ title: `Set matching precedence ${nextFree + i - 1}`, edits: [{ ...rangeOf(node), newText: String(nextFree + i - 1) }] }] } : {}),
      });
    });
  }
  if (om.enabled && om.attributeMappingsNode && byPriority.size === 0) {
    const where = om.name?.node ?? om.attributeMappingsNode.parent!.children![0]!;
    out.push({
      code: 'no-matching-attribute',
      severity: 'error',
      message: 'No attribute mapping is used for matching (matchingPriority > 0): Entra can\'t find existing objects in the target. Set matchingPriority 1 on a unique attribute such as userName',
      ...rangeOf(where),
    });
  }
}

const DATE_OR_UNSCOPABLE = new Set(['appRoleAssignments', 'userType', 'manager']);

export function checkScope(om: ObjectMappingModel, context: MappingContext, out: MappingDiagnostic[]): void {
  for (const group of om.scopeGroups) for (const clause of group.clauses) checkClause(clause, context, out);
}

function checkClause(clause: ScopeClauseModel, context: MappingContext, out: MappingDiagnostic[]): void {
  const operatorProp = clause.operatorName;
  const operator = operatorProp ? findScopeOperator(operatorProp.value) : undefined;
  if (operatorProp && !operator) {
    const suggestions = suggestNames(
      operatorProp.value.replace(/_/g, ' '),
      SCOPE_OPERATORS.map((o) => o.value.replace(/_/g, ' ')),
    ).map((s) => SCOPE_OPERATORS.find((o) => o.value.replace(/_/g, ' ') === s)!.value);
    out.push({
      code: 'unknown-scope-operator',
      severity: 'error',
      message: `'${operatorProp.value}' is not a scoping operator${suggestions.length ? ` — did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : ''} (operator names are exact: EQUALS, IS NOT NULL, Greater_Than, Includes, …)`,
      ...rangeOf(operatorProp.node),
      fixes: suggestions.map((s, i) => ({ title: `Change to ${s}`, edits: [replaceStringContent(operatorProp.node, s)], isPreferred: i === 0 && suggestions.length === 1 })),
    });
  }
  const values = clause.values ?? [];
  if (operator && operatorProp) {
    const hasValues = values.length > 0;
    if (operator.arity === 'Unary' && hasValues && clause.targetOperandNode) {
      const operand = clause.targetOperandNode;
      out.push({
        code: 'scope-operand-count',
        severity: 'warning',
        message: `${operator.value} takes no value (unary); the target operand is ignored — set it to null`,
        ...rangeOf(operand),
        fixes: [{ title: 'Set targetOperand to null', edits: [{ ...rangeOf(operand), newText: 'null' }], isPreferred: true }],
      });
    } else if (operator.arity === 'Binary' && !hasValues) {
      out.push({
        code: 'scope-operand-count',
        severity: 'error',
        message: `${operator.value} compares the attribute with a value: give targetOperand {"values": ["…"]}`,
        ...rangeOf(clause.targetOperandNode ?? operatorProp.node),
      });
    }
  }

  const operandProp = clause.sourceOperandName;
  if (!operandProp) return;
  const name = operandProp.value;
  const info = context.source.lookup(name);
  if (!info) {
    const { findings } = analyzeExpression(`[${name}]`, context.source);
    for (const f of findings) {
      if (f.code !== 'unknown-source-attribute') continue;
      out.push({
        code: f.code,
        severity: f.severity,
        message: f.message,
        ...rangeOf(operandProp.node),
        ...(f.fixes?.length
          ? { fixes: f.fixes.map((fix) => ({ title: fix.title.replace(/^Change to \[(.*)\]$/, 'Change to $1'), edits: [replaceStringContent(operandProp.node, fix.newExpression.slice(1, -1))], ...(fix.isPreferred ? { isPreferred: true } : {}) })) }
          : {}),
      });
    }
    return;
  }
  if (!info.filterable || info.type === 'DateTime' || DATE_OR_UNSCOPABLE.has(name)) {
    out.push({
      code: 'scope-attribute-unsupported',
      severity: 'warning',
      message: `Scoping filters can't use ${name}: ${info.multivalued ? 'multi-valued attributes aren\'t supported' : info.type === 'DateTime' ? 'date attributes aren\'t supported' : info.type === 'Reference' ? 'references aren\'t supported' : 'the service doesn\'t support it'}`,
      ...rangeOf(operandProp.node),
    });
  }
  if (!operator || !operatorProp) return;
  if ((operator.value === 'IS TRUE' || operator.value === 'IS FALSE') && info.type !== 'Boolean') {
    out.push({
      code: 'scope-operator-type',
      severity: 'warning',
      message: `${operator.value} applies to Boolean attributes; ${name} is ${info.type}. Compare with EQUALS "True" or use IS NOT NULL`,
      ...rangeOf(operatorProp.node),
    });
  }
  if (operator.value.startsWith('Greater_Than')) {
    for (const value of values) {
      if (value.type === 'string' && !/^-?\d+$/.test(value.value as string)) {
        out.push({ code: 'scope-operator-type', severity: 'warning', message: `${operator.value} compares integers; "${value.value as string}" is not one`, ...rangeOf(value) });
      }
    }
  }
  if (operator.value === 'REGEX MATCH' || operator.value === 'NOT REGEX MATCH') {
    for (const value of values) {
      if (value.type !== 'string') continue;
      try {
        compileDotNetRegex(value.value as string);
      } catch (err) {
        if (!(err instanceof RegexTranslationError) && !(err instanceof SyntaxError)) throw err;
        out.push({ code: 'scope-invalid-regex', severity: 'error', message: `Invalid regular expression: ${err.message}`, ...rangeOf(value) });
      }
    }
  }
}

/** Directory and object names a rule and its object mappings refer to. */
export function checkReferences(doc: MappingDocument, out: MappingDiagnostic[]): void {
  if (doc.directories.length === 0) return; // a fragment without directories: nothing to check against
  const directoryNames = doc.directories.map((d) => d.name?.value).filter((n): n is string => n !== undefined);
  for (const rule of doc.rules) {
    for (const [prop, side] of [
      [rule.sourceDirectoryName, 'source'],
      [rule.targetDirectoryName, 'target'],
    ] as const) {
      if (!prop || findDirectory(doc, prop.value)) continue;
      const suggestions = suggestNames(prop.value, directoryNames);
      out.push({
        code: 'unknown-directory',
        severity: 'error',
        message: `No directory named '${prop.value}' in this document's directories (${side} of rule ${rule.name?.value ?? '?'})`,
        ...rangeOf(prop.node),
        fixes: suggestions.map((s) => ({ title: `Change to ${s}`, edits: [replaceStringContent(prop.node, s)] })),
      });
    }
    const sourceDirectory = findDirectory(doc, rule.sourceDirectoryName?.value);
    const targetDirectory = findDirectory(doc, rule.targetDirectoryName?.value);
    for (const om of rule.objectMappings) {
      for (const [prop, directory] of [
        [om.sourceObjectName, sourceDirectory],
        [om.targetObjectName, targetDirectory],
      ] as const) {
        if (!prop || !directory || findObject(directory, prop.value)) continue;
        const names = directory.objects.map((o) => o.name?.value).filter((n): n is string => n !== undefined);
        const suggestions = suggestNames(prop.value, names);
        out.push({
          code: 'unknown-object',
          severity: 'error',
          message: `Directory '${directory.name?.value ?? '?'}' has no object '${prop.value}'`,
          ...rangeOf(prop.node),
          fixes: suggestions.map((s) => ({ title: `Change to ${s}`, edits: [replaceStringContent(prop.node, s)] })),
        });
      }
    }
  }
}
