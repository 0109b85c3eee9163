import assert from 'node:assert/strict';
import {
  MAX_NESTING_DEPTH,
  callContextAt,
  completionContextAt,
  nodeAt,
  nodePathAt,
  parse,
  print,
  walk,
  type CallNode,
  type ExpressionNode,
  type Span,
} from '../../../../src/mapping/expression';

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

function codes(text: string): string[] {
  return parse(text).diagnostics.map((d) => d.code);
}

describe('mapping expressions: parser', () => {
  describe('nodes and exact positions', () => {
    it('parses the §7 Replace example with omitted slots, commas and parens', () => {
      const text = 'Replace([preferredLanguage], "-", , , "_", ,  )';
      const { root, diagnostics, ok } = parse(text);
      assert.deepEqual(diagnostics, []);
      assert.equal(ok, true);
      const call = root as CallNode;
      assert.equal(call.kind, 'Call');
      assert.equal(call.name, 'Replace');
      assert.equal(slice(text, call.nameSpan), 'Replace');
      assert.equal(slice(text, call.openParen), '(');
      assert.equal(slice(text, call.closeParen!), ')');
      assert.deepEqual(call.args.map((a) => a.kind), ['Attribute', 'String', 'Omitted', 'Omitted', 'String', 'Omitted', 'Omitted']);
      assert.equal(call.commas.length, 6);
      for (const comma of call.commas) assert.equal(slice(text, comma), ',');
      assert.equal(slice(text, call.args[0]!.span), '[preferredLanguage]');
      assert.equal(slice(text, call.args[1]!.span), '"-"');
      assert.equal(slice(text, call.args[6]!.span), '  ');
      assert.equal(slice(text, call.span), text);
    });

    it('distinguishes every node kind', () => {
      const text = 'IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > -5, InStr("a", "b", 1, vbTextCompare), BitAnd(&HF7, 129699324000000000))';
      const kinds = new Set<string>();
      walk(parse(text).root, (n) => kinds.add(n.kind));
      assert.deepEqual([...kinds].sort(), ['Attribute', 'BareWord', 'Call', 'Comparison', 'Hex', 'Number', 'String']);
      const cmp = (parse(text).root as CallNode).args[0]!;
      assert.equal(cmp.kind, 'Comparison');
      if (cmp.kind === 'Comparison') {
        assert.equal(cmp.operator, '>');
        assert.equal(slice(text, cmp.operatorSpan), '>');
        assert.equal(cmp.right.kind, 'Number');
        if (cmp.right.kind === 'Number') assert.equal(cmp.right.raw, '-5');
      }
    });

    it('reads every comparison operator', () => {
      for (const op of ['=', '<>', '>', '>=', '<', '<=']) {
        const root = parse(`[a]${op}"x"`).root;
        assert.equal(root.kind, 'Comparison', op);
        if (root.kind === 'Comparison') assert.equal(root.operator, op);
      }
    });

    it('keeps string values unescaped and raw text as written', () => {
      const text = String.raw`"Company name: \"Contoso\" \\ end"`;
      const root = parse(text).root;
      assert.equal(root.kind, 'String');
      if (root.kind === 'String') {
        assert.equal(root.value, 'Company name: "Contoso" \\ end');
        assert.equal(root.raw, text);
        assert.equal(root.closed, true);
      }
    });

    it('takes attribute names with dots, colons and directory-extension names verbatim', () => {
      for (const name of ['passwordProfile.password', 'extension_d7a076d91c104133b712ad6caf3819c9_SkillSet', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber']) {
        const root = parse(`[${name}]`).root;
        assert.equal(root.kind === 'Attribute' && root.name, name);
      }
    });

    it('zero-argument calls have no slots, even with whitespace', () => {
      for (const text of ['Guid()', 'Now( )', 'Guid(\n)']) {
        const root = parse(text).root as CallNode;
        assert.deepEqual(root.args, [], text);
        assert.deepEqual(root.commas, [], text);
      }
    });

    it('allows newlines and tabs between tokens', () => {
      const { root, ok } = parse('SelectUniqueValue( \n\tJoin("@", [a], "x"),\r\n  [b]\n)');
      assert.equal(ok, true);
      assert.equal((root as CallNode).args.length, 2);
    });

    it('prints the canonical form Graph stores', () => {
      assert.equal(print(parse('Replace([preferredLanguage], "-", , ,  "_", ,  )').root), 'Replace([preferredLanguage], "-", , , "_", , )');
      assert.equal(print(parse('IIF([country]="USA",[country],[department])').root), 'IIF([country] = "USA", [country], [department])');
      assert.equal(print(parse(String.raw`"a\"b\\c"`).root), String.raw`"a\"b\\c"`);
      assert.equal(print(parse('Switch([IsSoftDeleted],,"False","True")').root), 'Switch([IsSoftDeleted], , "False", "True")');
    });
  });

  describe('diagnostics and error recovery', () => {
    it('reports an empty expression', () => {
      assert.deepEqual(codes(''), ['empty-expression']);
      assert.deepEqual(codes('  \n '), ['empty-expression']);
    });

    it('recovers from a missing closing parenthesis', () => {
      const text = 'Append([mail], "x"';
      const { root, diagnostics } = parse(text);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.span.start]), [['missing-close-paren', text.length]]);
      const call = root as CallNode;
      assert.equal(call.closeParen, undefined);
      assert.equal(call.args.length, 2);
    });

    it('reports one missing parenthesis for several unclosed calls', () => {
      assert.deepEqual(codes('Join(",", Mid([a], 1, Left([b], 2'), ['missing-close-paren']);
    });

    it('recovers from an unterminated string', () => {
      const text = 'Join(", [a], [b])';
      const { root, diagnostics } = parse(text);
      assert.deepEqual(diagnostics.map((d) => d.code), ['unterminated-string', 'missing-close-paren']);
      const arg = (root as CallNode).args[0]!;
      assert.equal(arg.kind === 'String' && arg.closed, false);
      assert.equal(arg.kind === 'String' && arg.value, ', [a], [b])');
    });

    it('recovers from an unclosed attribute reference', () => {
      const { root, diagnostics } = parse('Coalesce([mail, [userPrincipalName])');
      assert.deepEqual(diagnostics.map((d) => [d.code, d.span]), [['unclosed-attribute', { start: 9, end: 14 }]]);
      const call = root as CallNode;
      assert.deepEqual(call.args.map((a) => (a.kind === 'Attribute' ? [a.name, a.closed] : a.kind)), [['mail', false], ['userPrincipalName', true]]);
    });

    it('assumes missing commas and reports them between the arguments', () => {
      const text = 'Join(" " [givenName] [surname])';
      const { root, diagnostics } = parse(text);
      assert.deepEqual(diagnostics.map((d) => [d.code, slice(text, d.span)]), [['missing-comma', ' '], ['missing-comma', ' ']]);
      const call = root as CallNode;
      assert.equal(call.args.length, 3);
      assert.equal(call.commas.length, 2);
      assert.ok(call.commas.every((c) => c.start === c.end), 'assumed commas are zero-width');
    });

    it('reports unexpected characters and keeps going', () => {
      const { root, diagnostics } = parse('Append([a] ; "x")');
      assert.deepEqual(diagnostics.map((d) => d.code), ['unexpected-token']);
      assert.equal((root as CallNode).args.length, 2);
    });

    it('explains Cloud Sync concatenation', () => {
      const { diagnostics } = parse('IIF([employeeType]="Intern","t-" & [alias],[alias])');
      assert.deepEqual(diagnostics.map((d) => d.code), ['unsupported-concatenation']);
      assert.match(diagnostics[0]!.message, /Join/);
    });

    it('rejects chained comparisons, grouping parentheses and trailing text', () => {
      assert.deepEqual(codes('[a] = [b] = [c]'), ['chained-comparison']);
      assert.deepEqual(codes('IIF(([a]="x"), "1", "2")'), ['missing-function-name']);
      assert.deepEqual(codes('[a] [b]'), ['trailing-text']);
      assert.deepEqual(codes('Mid([x], 1, 3))'), ['trailing-text']);
      assert.deepEqual(codes('[a] ='), ['expected-expression']);
    });

    it('warns about backslashes that are not escapes but keeps them', () => {
      const { root, diagnostics } = parse(String.raw`"\d+"`);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['unknown-escape', 'warning']]);
      assert.equal(root.kind === 'String' && root.value, '\\d+');
      assert.equal(parse(String.raw`"\d+"`).ok, true);
    });

    it('reports nesting deeper than the limit without overflowing the stack (100k levels)', () => {
      const deep = `${'Trim('.repeat(100_000)}[a]${')'.repeat(100_000)}`;
      const started = Date.now();
      const { diagnostics, root } = parse(deep);
      assert.deepEqual(diagnostics.map((d) => d.code), ['nesting-too-deep']);
      assert.ok(Date.now() - started < 5000);
      let depth = 0;
      walk(root, () => depth++);
      assert.ok(depth <= MAX_NESTING_DEPTH + 2);
      print(root);
    });

    it('survives 100k bare parentheses, open or balanced', () => {
      for (const text of ['('.repeat(100_000) + ')'.repeat(100_000), '('.repeat(100_000), ')'.repeat(100_000)]) {
        const { diagnostics, root } = parse(text);
        assert.ok(diagnostics.length > 0);
        print(root);
        nodeAt(root, 50_000);
        callContextAt(root, 50_000);
      }
      assert.ok(codes('('.repeat(100_000) + ')'.repeat(100_000)).includes('nesting-too-deep'));
    });

    it('survives a 100k-long comparison chain and a 100k-argument call', () => {
      const chain = parse(`[a]${' = [a]'.repeat(100_000)}`);
      assert.deepEqual(chain.diagnostics.map((d) => d.code), ['chained-comparison']);
      print(chain.root);
      const wide = parse(`Join(","${', [a]'.repeat(100_000)})`);
      assert.equal(wide.ok, true);
      assert.equal((wide.root as CallNode).args.length, 100_001);
    });

    it('is not quadratic: a 10,000-character expression in milliseconds, a 1 MB one in seconds', () => {
      // Timing ratios between sizes are dominated by V8's garbage collector once the tree outgrows the young
      // generation, so this checks budgets a quadratic parser could never meet (1 MB² is 10^12 steps).
      const unit = 'Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.com"), ';
      const make = (chars: number) => `Coalesce(${unit.repeat(Math.ceil(chars / unit.length))}"x")`;
      const best = (text: string, runs: number) => {
        let fastest = Infinity;
        for (let i = 0; i < runs; i++) {
          const started = process.hrtime.bigint();
          parse(text);
          fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 1e6);
        }
        return fastest;
      };
      best(make(10_000), 3); // warm up the JIT
      const small = best(make(10_000), 7);
      assert.ok(small < 50, `10,000 characters: ${small.toFixed(1)} ms`);
      const large = best(make(1_000_000), 1);
      assert.ok(large < 5000, `1,000,000 characters: ${large.toFixed(0)} ms`);
    });
  });

  describe('navigation', () => {
    const text = 'Replace([mail], "@contoso.com", , ,"", ,)';

    it('finds the innermost node at an offset, token ends included', () => {
      assert.equal(nodeAt(parse(text).root, 9)?.kind, 'Attribute');
      assert.equal(nodeAt(parse(text).root, 14)?.kind, 'Attribute'); // right after ']'
      assert.equal(nodeAt(parse(text).root, 2)?.kind, 'Call');
      const path = nodePathAt(parse('Append(Mid([givenName], 1, 3), "x")').root, 13).map((n) => n.kind);
      assert.deepEqual(path, ['Call', 'Call', 'Attribute']);
      assert.equal(nodeAt(parse('[a]').root, 99), undefined);
    });

    it('gives the call, the argument index and the Graph parameter at an offset', () => {
      const at = (t: string, offset: number) => {
        const c = callContextAt(parse(t).root, offset)!;
        return [c.call.name, c.argumentIndex, c.parameter?.key, c.parameter?.label];
      };
      assert.deepEqual(at(text, 8), ['Replace', 0, 'source', 'source']);
      assert.deepEqual(at(text, 20), ['Replace', 1, 'Find', 'oldValue']);
      assert.deepEqual(at(text, 31), ['Replace', 2, 'RegularExpression', 'regexPattern']);
      assert.deepEqual(at(text, 33), ['Replace', 3, 'RegularExpressionGroupName', 'regexGroupName']);
      assert.deepEqual(at(text, 36), ['Replace', 4, 'Replacement', 'replacementValue']);
      assert.deepEqual(at(text, 40), ['Replace', 6, 'Template', 'template']);
      const sw = 'Switch([state], "d", "NSW", "Sydney", "QLD", "Brisbane")';
      assert.deepEqual(at(sw, sw.indexOf('"NSW"') + 1), ['Switch', 2, 'switchValue', 'key']);
      assert.deepEqual(at(sw, sw.indexOf('"Brisbane"') + 1), ['Switch', 5, 'switchValue', 'value']);
      // Inside a nested call, the inner call wins; on the inner call's name, the outer one.
      const nested = 'Append(Mid([givenName], 1, 3), "x")';
      assert.deepEqual(at(nested, nested.indexOf('1,')), ['Mid', 1, 'start', 'start']);
      assert.deepEqual(at(nested, 8), ['Append', 0, 'source', 'source']);
      assert.equal(callContextAt(parse(nested).root, nested.length), undefined);
    });

    it('uses the 3-argument FormatDateTime form for 3 slots and the 4-argument one for 4', () => {
      const three = 'FormatDateTime([x], "yyyy", "MM")';
      assert.equal(callContextAt(parse(three).root, three.indexOf('"yyyy"') + 1)!.parameter!.key, 'inputFormat');
      const four = 'FormatDateTime([x], , "yyyy", "MM")';
      assert.equal(callContextAt(parse(four).root, four.indexOf(', ,') + 1)!.parameter!.key, 'dateTimeStyles');
    });

    it('classifies completion positions inside broken text', () => {
      const kind = (t: string, offset = t.length) => {
        const c = completionContextAt(parse(t), offset);
        return [c.kind, 'prefix' in c ? c.prefix : undefined, c.call?.call.name, c.call?.argumentIndex];
      };
      assert.deepEqual(kind('Append([ma'), ['attribute', 'ma', 'Append', 0]);
      assert.deepEqual(kind('Append([mail], Mi'), ['name', 'Mi', 'Append', 1]);
      assert.deepEqual(kind('Append([mail], '), ['value', undefined, 'Append', 1]);
      assert.deepEqual(kind('Append([mail],'), ['value', undefined, 'Append', 1]);
      assert.deepEqual(kind('Append('), ['value', undefined, 'Append', 0]);
      assert.deepEqual(kind('Replace([x], , , , "'), ['string', undefined, 'Replace', 4]);
      assert.deepEqual(kind('Jo'), ['name', 'Jo', undefined, undefined]);
      assert.deepEqual(kind(''), ['value', undefined, undefined, undefined]);
      assert.deepEqual(kind('IIF([a] = '), ['value', undefined, 'IIF', 0]);
      assert.deepEqual(kind('Mid([x], 12'), ['none', undefined, 'Mid', 1]);
      const replace = completionContextAt(parse('Coalesce([mail, [upn])'), 13);
      assert.equal(replace.kind, 'attribute');
      if (replace.kind === 'attribute') assert.deepEqual(replace.replace, { start: 10, end: 14 });
    });
  });

  it('gives every node a span that slices back to its own text', () => {
    const text = 'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), "0", "False")';
    let checked = 0;
    walk(parse(text).root, (node: ExpressionNode) => {
      const s = slice(text, node.span);
      if (node.kind === 'Omitted') assert.equal(s.trim(), '');
      else assert.equal(print(parse(s).root), print(node), s);
      checked++;
    });
    assert.equal(checked, 16);
  });
});
