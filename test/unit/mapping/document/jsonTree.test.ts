// The JSON tree of mapping documents: same values as JSON.parse, exact offsets, tolerant of broken text, bounded depth,
// lazy subtrees, and incremental re-parses that give exactly the tree a full parse gives.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  diffTexts,
  forEachNode,
  LAZY_PROPERTIES,
  MAX_JSON_DEPTH,
  nodeAtOffset,
  nodeValue,
  parseJsonTree,
  pathOf,
  reparseIncrementally,
  type JsonNode,
} from '../../../../src/mapping/document/jsonTree';
import { templateDocuments } from '../analysis/documents';

/** The value a tree stands for (lazy containers read from their text). */
function valueOf(text: string, node: JsonNode): unknown {
  if (node.lazy) return nodeValue(text, node);
  switch (node.type) {
    case 'object':
      return Object.fromEntries(node.children!.map((p) => [p.children![0]!.value as string, valueOf(text, p.children![1]!)]));
    case 'array':
      return node.children!.map((c) => valueOf(text, c));
    default:
      return node.value;
  }
}

/** A comparable snapshot of a tree: types, offsets, lengths, values (no parent links). */
function shape(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  return [node.type, node.offset, node.length, node.colonOffset, node.lazy ?? false, node.children ? node.children.map(shape) : node.value];
}

describe('JSON tree', () => {
  it('reads every template document as JSON.parse does, with exact offsets', () => {
    for (const { id, text } of templateDocuments()) {
      const tree = parseJsonTree(text);
      assert.deepEqual(tree.errors, [], id);
      assert.deepEqual(valueOf(text, tree.root!), JSON.parse(text), id);
      forEachNode(tree.root!, (node) => {
        const raw = text.slice(node.offset, node.offset + node.length);
        if (node.type === 'string') assert.equal(JSON.parse(raw), node.value);
        if (node.type === 'property') assert.equal(text[node.colonOffset!], ':');
        if (node.type === 'object' || node.type === 'array') assert.deepEqual(JSON.parse(raw), nodeValue(text, node));
      });
    }
  });

  it('skips the values of lazy properties (Graph\'s parsed expressions, metadata) without building them', () => {
    const text = JSON.stringify({ source: { expression: '[a]', parameters: [{ key: 'k', value: { name: 'x' } }] }, metadata: [{ key: 'a', value: 'b' }] });
    const tree = parseJsonTree(text);
    const lazy: string[] = [];
    forEachNode(tree.root!, (n) => {
      if (n.lazy) lazy.push(pathOf(n).join('/'));
    });
    assert.deepEqual(lazy, ['source/parameters', 'metadata']);
    assert.ok(LAZY_PROPERTIES.has('parameters'));
  });

  it('decodes escapes and keeps raw offsets', () => {
    const text = '{"expression": "Join(\\"\\u00e9\\", [mail])"}';
    const value = parseJsonTree(text).root!.children![0]!.children![1]!;
    assert.equal(value.value, 'Join("é", [mail])');
    assert.equal(text.slice(value.offset, value.offset + value.length), '"Join(\\"\\u00e9\\", [mail])"');
  });

  it('recovers from broken text without throwing and reports it', () => {
    for (const broken of ['{"a": [1, 2', '{"a" 1, "b": }', '[}', '{"a": "unterminated\n}', ',,,', '{"a": tru, "b": [1 2]}', '{/* c */ "a": 1}', '']) {
      const tree = parseJsonTree(broken);
      assert.ok(tree.errors.length > 0, broken);
    }
    const tree = parseJsonTree('{"a": {"b": 1, "c": }, "d": 2}');
    assert.equal(nodeAtOffset(tree.root, 28)!.value, 2);
  });

  it('does not build (or recurse into) containers deeper than MAX_JSON_DEPTH', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const tree = parseJsonTree(deep);
    assert.equal(tree.tooDeep.length, 1);
    assert.equal(tree.tooDeep[0]!.offset, MAX_JSON_DEPTH);
    assert.deepEqual(tree.errors, []);
    const unbalanced = parseJsonTree('['.repeat(100_000));
    assert.ok(unbalanced.errors.length > 0);
  });

  it('finds the node at an offset and its path', () => {
    const text = '{"rules": [{"name": "x", "list": [1, 2]}]}';
    const root = parseJsonTree(text).root;
    const node = nodeAtOffset(root, text.indexOf('"x"') + 1)!;
    assert.equal(node.value, 'x');
    assert.deepEqual(pathOf(node), ['rules', 0, 'name']);
    assert.deepEqual(pathOf(nodeAtOffset(root, text.indexOf('2]'))!), ['rules', 0, 'list', 1]);
  });

  it('diffs two texts into one changed range', () => {
    assert.deepEqual(diffTexts('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(diffTexts('abc', 'abc'), undefined);
    const big = 'x'.repeat(20_000);
    assert.deepEqual(diffTexts(`${big}a${big}`, `${big}${big}`), { start: 20_000, oldEnd: 20_001, newEnd: 20_000 });
  });

  it('incremental re-parses give the tree a full parse gives (property test)', function () {
    this.timeout(20_000);
    const text = templateDocuments()[0]!.text;
    const alphabet = ['a', 'Z', ' ', '"', '\\', ',', ':', '{', '}', '[', ']', '1', '\n', 'é'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: text.length }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.constantFrom(...alphabet), { maxLength: 6 }),
        (at, deleted, inserted) => {
          const edited = text.slice(0, at) + inserted.join('') + text.slice(Math.min(text.length, at + deleted));
          const tree = parseJsonTree(text);
          const change = diffTexts(text, edited);
          if (!change) return;
          const container = reparseIncrementally(tree.root!, edited, change);
          const full = parseJsonTree(edited);
          if (container) {
            assert.deepEqual(full.errors, []);
            assert.deepEqual(shape(tree.root), shape(full.root));
          } else {
            // Not applied: the old tree is untouched.
            assert.deepEqual(shape(tree.root), shape(parseJsonTree(text).root));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
