// @ts-check
/**
 * `void promise` tells the type-aware rules (no-floating-promises) "nobody waits for this on
 * purpose". That purpose is the part a reader needs, so each `void` that drops a promise carries
 * a comment saying why: on its own line(s) or on the line just above. (`void` on a value that
 * is not a promise only discards it, and needs no story.)
 */
/** @param {import('typescript').Type} type */
const isThenable = (type) =>
  type.isUnion() ? type.types.some(isThenable) : type.getProperty('then') !== undefined && !(type.flags & 1 /* any */);

/** @type {import('eslint').Rule.RuleModule} */
const voidSaysWhy = {
  meta: {
    type: 'suggestion',
    docs: { description: 'A `void` that drops a promise has a comment saying why nobody waits for it' },
    messages: { why: 'Say in a comment (on this line or the one above) why nobody waits for this promise.' },
    schema: [],
  },
  create(context) {
    const source = context.sourceCode;
    // typescript-eslint's parser, given a project, hands over the program and its node map.
    const services = /** @type {any} */ (source.parserServices);
    if (!services?.program) throw new Error('promises/void-says-why needs type information (parserOptions.project)');
    const checker = services.program.getTypeChecker();
    return {
      /** @param {import('estree').UnaryExpression} node */
      UnaryExpression(node) {
        if (node.operator !== 'void' || !node.loc) return;
        const argument = services.esTreeNodeToTSNodeMap.get(/** @type {any} */ (node.argument));
        if (!isThenable(checker.getTypeAtLocation(argument))) return;
        const start = node.loc.start.line;
        const end = node.loc.end.line;
        const explained = source
          .getAllComments()
          .some(
            (comment) =>
              comment.loc !== undefined && comment.loc !== null && comment.loc.end.line >= start - 1 && comment.loc.start.line <= end,
          );
        if (!explained) context.report({ node, messageId: 'why' });
      },
    };
  },
};

export default { rules: { 'void-says-why': voidSaysWhy } };
