// Functions of Cloud Sync's expression reference (mapping-expressions.md §5). They are not part of app provisioning —
// the catalogue flags them and the semantic check warns — but evaluating them lets a preview show what was meant.
import { integer, list, scalar, text, type Call, type FunctionImpl } from './call';

function decodeBase64(call: Call, source: string): Buffer {
  const compact = source.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    return call.fail('type', `${call.info.name}: ${JSON.stringify(source)} is not Base64`, 0);
  }
  return Buffer.from(compact, 'base64');
}

/** Splits a distinguished name at commas that aren't escaped with a backslash. */
function dnComponents(dn: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i]!;
    if (ch === '\\' && i + 1 < dn.length) {
      current += ch + dn[i + 1];
      i++;
    } else if (ch === ',') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

export const CLOUD_SYNC_FUNCTIONS: Record<string, FunctionImpl> = {
  ConvertFromBase64(call) {
    const s = scalar(call, 0);
    if (s === null) return null;
    const encoding = call.has(1) ? (scalar(call, 1) ?? 'Unicode') : 'Unicode';
    const bytes = decodeBase64(call, s);
    switch (encoding.toLowerCase()) {
      case 'unicode':
        return bytes.toString('utf16le');
      case 'utf8':
        return bytes.toString('utf8');
      case 'ascii':
        return [...bytes].map((b) => (b < 128 ? String.fromCharCode(b) : '?')).join('');
      default:
        return call.fail('type', `ConvertFromBase64: encoding must be Unicode, UTF8 or ASCII, not ${JSON.stringify(encoding)}`, 1);
    }
  },

  Contains(call) {
    const search = text(call, 1);
    const index = list(call, 0).findIndex((v) => v.includes(search));
    return String(index + 1);
  },

  CRef(call) {
    return scalar(call, 0);
  },

  DNComponent(call) {
    const dn = scalar(call, 0);
    const n = integer(call, 1);
    if (dn === null) return null;
    const component = dnComponents(dn)[n - 1];
    if (component === undefined) return null;
    const eq = component.indexOf('=');
    return eq >= 0 ? component.slice(eq + 1) : component;
  },

  Error(call) {
    return call.fail('custom-error', text(call, 0), call.node.span);
  },

  StringFromSid(call) {
    const s = scalar(call, 0);
    if (s === null) return null;
    const bytes = decodeBase64(call, s);
    const count = bytes[1] ?? 0;
    if (bytes.length < 8 || bytes.length !== 8 + 4 * count) return call.fail('type', 'StringFromSid: the value is not a binary SID', 0);
    const authority = bytes.readUIntBE(2, 6);
    const subs = Array.from({ length: count }, (_, k) => bytes.readUInt32LE(8 + 4 * k));
    return `S-${bytes[0]}-${authority}${subs.map((x) => `-${x}`).join('')}`;
  },

  Trim(call) {
    const s = scalar(call, 0);
    return s === null ? null : s.trim();
  },
};
