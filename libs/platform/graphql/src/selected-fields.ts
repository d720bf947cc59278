import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields selected under the field being resolved, through
 * inline fragments and named fragments (the gateway sends both), so a list
 * resolver can compute what its items' fields need in one read and leave the
 * rest alone. Directives (@include/@skip) are not evaluated: a field they
 * may drop counts as selected, which costs at most a read not needed.
 * `deep`: the names selected at any depth below it, in one set (whether a
 * nested object's field is asked anywhere, e.g. a list item's sub-list).
 */
export function selectedFieldNames(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, options: { deep?: boolean } = {}): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') {
        names.add(selection.name.value);
        if (options.deep) visit(selection.selectionSet);
      } else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}
