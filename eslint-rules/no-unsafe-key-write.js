// `driftlab/no-unsafe-key-write`: a write or delete on a plain object whose key may be any string
// (`obj[key] = v`, `obj[key] ??= v`, `delete obj[key]`) is refused unless the key is a `SafeKey`
// (checked by isSafeKey/safeKey) or the object is a `SafeRecord` (no prototype). A user's key
// `__proto__` would otherwise write to Object.prototype. See src/sim/safe-keys.ts.
// Keys typed as literal unions (`'labels' | 'annotations'`) and numbers (list indexes) pass: the
// type checker says they cannot be `__proto__`.
import ts from 'typescript';

const ARBITRARY =
  ts.TypeFlags.String |
  ts.TypeFlags.Any |
  ts.TypeFlags.Unknown |
  ts.TypeFlags.TemplateLiteral |
  ts.TypeFlags.StringMapping;

function named(type, name) {
  return type.aliasSymbol?.escapedName === name;
}

/** Whether a value of this type may be any string (and is not a checked SafeKey). */
function arbitraryKey(type) {
  if (named(type, 'SafeKey')) return false;
  if (type.isUnion()) return type.types.some(arbitraryKey);
  if (type.isIntersection()) return !type.types.some((t) => !arbitraryKey(t));
  return (type.flags & ARBITRARY) !== 0;
}

function safeObject(checker, type) {
  if (named(type, 'SafeRecord')) return true;
  if (type.isUnion()) return type.types.every((t) => safeObject(checker, t));
  return checker.isArrayType(type) || checker.isTupleType(type);
}

export const noUnsafeKeyWrite = {
  meta: {
    type: 'problem',
    docs: { description: 'Refuse writing untrusted keys to plain objects (prototype pollution).' },
    messages: {
      unsafe:
        'This key may be a user\'s "__proto__": write through a Map, a safeRecord(), or obj[safeKey(key)] (src/sim/safe-keys.ts).',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    const checker = services.program.getTypeChecker();
    function check(member) {
      if (member.type !== 'MemberExpression' || !member.computed) return;
      if (!arbitraryKey(services.getTypeAtLocation(member.property))) return;
      if (safeObject(checker, services.getTypeAtLocation(member.object))) return;
      context.report({ node: member, messageId: 'unsafe' });
    }
    return {
      AssignmentExpression: (node) => check(node.left),
      'UnaryExpression[operator="delete"]': (node) => check(node.argument),
    };
  },
};

export default { rules: { 'no-unsafe-key-write': noUnsafeKeyWrite } };
